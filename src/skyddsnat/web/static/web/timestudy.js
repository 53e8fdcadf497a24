/* Tidsmätning offline: the page registers the service worker (/tidsmatning/sw.js) that shows
 * a shell of this page when it is opened without a connection. A tap or a block registered without a connection is kept on the phone
 * (localStorage) and sent to the sync address when the connection returns (the "online" event,
 * or the next time the page is opened). Each registration has an id made here, so a resend
 * (the answer lost on the way) is stored once. With a connection the forms post as usual. */
(function () {
  "use strict";
  var root = document.getElementById("timestudy");
  if (!root || !root.dataset.syncUrl) return;
  var KEY = "skyddsnat.timestudy.queue." + root.dataset.user;
  var status = document.getElementById("ts-connection");
  var pending = document.getElementById("ts-pending");

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function store(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); show(); }
  function hhmm(iso) {
    var d = new Date(iso);
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function show() {
    var queue = load();
    var list = pending.querySelector("ul");
    list.textContent = "";
    queue.forEach(function (item) {
      var li = document.createElement("li");
      if (item.kind === "start") li.textContent = item.label + " från " + hhmm(item.at);
      else if (item.kind === "stop") li.textContent = "Avslutad " + hhmm(item.at);
      else li.textContent = item.label + " " + hhmm(item.started_at) + "–" + hhmm(item.ended_at);
      list.appendChild(li);
    });
    pending.hidden = queue.length === 0;
  }
  function say(text) { status.textContent = text; }
  function localIso(day, time) {
    var d = day.split("-"), t = time.split(":");
    return new Date(+d[0], +d[1] - 1, +d[2], +t[0], +t[1]).toISOString();
  }
  function item(form) {
    var kind = form.dataset.ts, now = new Date().toISOString();
    if (kind === "start") {
      return { kind: kind, client_id: newId(), at: now, category: form.elements.category.value,
               label: form.querySelector("button").textContent.trim() };
    }
    if (kind === "stop") return { kind: kind, client_id: newId(), at: now, label: "" };
    var f = form.elements;
    if (!f.day.value || !f.start.value || !f.end.value) return null;
    var select = f.category;
    return { kind: kind, client_id: newId(), category: select.value,
             label: select.options[select.selectedIndex].text,
             started_at: localIso(f.day.value, f.start.value),
             ended_at: localIso(f.day.value, f.end.value) };
  }
  function token() {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  var sending = false;
  function send() {
    var queue = load();
    if (sending || queue.length === 0 || !navigator.onLine) return;
    sending = true;
    say("Skickar det som sparats på telefonen …");
    fetch(root.dataset.syncUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token() },
      body: JSON.stringify({ items: queue })
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (answer) {
      var done = {}, errors = [];
      answer.results.forEach(function (r) {
        done[r.client_id] = true;
        if (r.status !== "saved") errors.push(r.message);
      });
      store(load().filter(function (i) { return !done[i.client_id]; }));
      sending = false;
      if (errors.length) { say("Kunde inte sparas: " + errors.join(" ")); return; }
      window.location.reload();
    }).catch(function () {
      sending = false;
      say("Ingen anslutning. Registreringarna är sparade på telefonen och skickas när du har anslutning igen.");
      // The "online" event can come before the network answers: try again while it claims so.
      if (navigator.onLine) window.setTimeout(send, RETRY_MS);
    });
  }
  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset.ts || navigator.onLine) return;
    var registration = item(form);
    if (!registration) return;
    event.preventDefault();
    var queue = load();
    queue.push(registration);
    store(queue);
    say("Ingen anslutning. Registreringen är sparad på telefonen och skickas när du har anslutning igen.");
  });
  // The shell the service worker shows without a connection: when it returns, the page
  // itself is loaded (it sends the queue with a fresh form token).
  var shell = root.dataset.shell === "1";
  var RETRY_MS = 3000;
  // The shell loads the page again once the server answers; a reload that came too early (the
  // "online" event before the network) shows the shell again, which keeps asking.
  function reachable() {
    if (!navigator.onLine) return;
    fetch(window.location.pathname, { method: "HEAD", credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.ok) window.location.reload();
        else window.setTimeout(reachable, RETRY_MS);
      })
      .catch(function () { window.setTimeout(reachable, RETRY_MS); });
  }
  window.addEventListener("online", shell ? reachable : send);
  window.addEventListener("offline", function () {
    say("Ingen anslutning. Det du registrerar sparas på telefonen.");
  });
  show();
  if (shell) {
    say("Ingen anslutning. Det du registrerar sparas på telefonen.");
    reachable();
  } else send();
  if ("serviceWorker" in navigator && root.dataset.sw) {
    navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.scope })
      .catch(function () { /* the page works without it, only not offline */ });
  }
})();
