{% autoescape off %}/* The time study's service worker (scope /tidsmatning/): the phone page opens without a
 * connection. It keeps the page's shell (the taps and the add form, no registrations: the
 * server's answers are never stored otherwise) and the static files. A page of the scope is
 * fetched from the network first; without a connection the shell is shown, and web/timestudy.js
 * shows and later sends the registrations kept on the phone. */
"use strict";
var CACHE = {{ version }};
var SHELL = {{ shell }};
var PAGE = {{ page }};
var ASSETS = {{ assets }};

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(ASSETS.concat([new Request(SHELL, { credentials: "same-origin" })]));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k !== CACHE; })
        .map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function refreshShell() {
  return fetch(SHELL, { credentials: "same-origin", redirect: "error" }).then(function (r) {
    if (!r.ok) return undefined;
    return caches.open(CACHE).then(function (cache) { return cache.put(SHELL, r); });
  }).catch(function () { return undefined; });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) {
    event.respondWith(
      fetch(request).then(function (response) {
        event.waitUntil(refreshShell());
        return response;
      }).catch(function () {
        return caches.match(SHELL).then(function (cached) {
          return cached || Response.error();
        });
      })
    );
    return;
  }
  if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(
      fetch(request).catch(function () {
        return caches.match(url.pathname).then(function (cached) {
          return cached || Response.error();
        });
      })
    );
  }
});
{% endautoescape %}
