/* Nothing typed is lost (decision 0026).
 * Drafts: a text field with data-draft-url posts its form there (htmx) on a pause and on leaving
 * it; this script also sends the form's changed texts with a beacon when the page is hidden or
 * closed, and warns before leaving a page with text not yet saved.
 * Session: an answer from the server extends the session (at most once a minute, decision 0048;
 * the page's data-session-age is the time left); while the user types it is kept
 * alive, before it expires a dialog offers to extend it, and once expired the page goes to the
 * login with next= so that the user comes back to the form and its draft. */
(function () {
  "use strict";
  var body = document.body;
  var age = parseInt(body.getAttribute("data-session-age") || "0", 10) * 1000;
  if (!age) return;
  var lead = Math.min(120000, Math.floor(age / 3));
  var edits = new Map(); // form -> number of edits not yet saved
  var lastActivity = Date.now();
  var warnTimer = null;
  var expireTimer = null;
  var dialog = document.getElementById("session-warning");

  function drafted(el) {
    return el && el.getAttribute && el.getAttribute("data-draft-url") ? el : null;
  }
  function csrfHeader() {
    try { return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }
  function unsaved() {
    var forms = [];
    edits.forEach(function (count, form) { if (count > 0 && document.contains(form)) forms.push(form); });
    return forms;
  }
  function draftUrl(form) {
    var field = form.querySelector("[data-draft-url]");
    return field ? field.getAttribute("data-draft-url") : "";
  }
  function saveAll(useBeacon) {
    unsaved().forEach(function (form) {
      var url = draftUrl(form);
      if (!url) return;
      var data = new FormData(form);
      if (useBeacon && navigator.sendBeacon && navigator.sendBeacon(url, data)) {
        edits.set(form, 0);
        return;
      }
      var sent = edits.get(form);
      fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true,
                   headers: { "X-CSRFToken": csrfHeader() } })
        .then(function (r) { return r.text().then(function (t) { return r.ok && t.indexOf("draft-error") < 0; }); })
        .then(function (ok) { if (ok && edits.get(form) === sent) edits.set(form, 0); touched(); });
    });
  }

  /* --- drafts ------------------------------------------------------------------------------ */
  var sending = new Map(); // form -> edits when its draft request left
  document.addEventListener("input", function (event) {
    var field = drafted(event.target);
    if (!field || !field.form) return;
    edits.set(field.form, (edits.get(field.form) || 0) + 1);
    if (Date.now() - lastActivity > age / 2) keepAlive();
  });
  /* A draft's text is kept with CRLF line breaks whichever way it leaves: the beacon and the
     fetch send the form as multipart, which the browser normalises to CRLF, and htmx's autosave
     would send the field's value with bare LF. Which of them arrives last must not change the
     draft. */
  document.addEventListener("htmx:configRequest", function (event) {
    if (!drafted(event.detail.elt)) return;
    var data = event.detail.formData;
    if (!data || !data.forEach) return;
    var texts = [];
    data.forEach(function (value, name) {
      if (typeof value === "string" && /\r|\n/.test(value)) texts.push([name, value]);
    });
    texts.forEach(function (text) {
      data.set(text[0], text[1].replace(/\r\n|\r|\n/g, "\r\n"));
    });
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var field = drafted(event.detail.elt);
    if (field && field.form) sending.set(field.form, edits.get(field.form) || 0);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    touched();
    var field = drafted(event.detail.elt);
    var xhr = event.detail.xhr;
    if (!field || !field.form || !event.detail.successful) return;
    if (xhr.responseText.indexOf("draft-error") >= 0) return;
    if (edits.get(field.form) === sending.get(field.form)) edits.set(field.form, 0);
  });
  document.addEventListener("submit", function (event) { edits.delete(event.target); }, true);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") saveAll(true);
  });
  window.addEventListener("pagehide", function () { saveAll(true); });
  window.addEventListener("beforeunload", function (event) {
    if (!unsaved().length) return;
    event.preventDefault();
    event.returnValue = "";
  });

  /* --- the session ------------------------------------------------------------------------- */
  function touched() {
    lastActivity = Date.now();
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    warnTimer = setTimeout(warn, age - lead);
    expireTimer = setTimeout(expired, age + 1000);
    if (dialog && dialog.open) showExpiry(); // a draft saved meanwhile: later; the user closes it
  }
  function showExpiry() {
    var time = dialog.querySelector("time");
    if (time) time.textContent = new Date(lastActivity + age).toTimeString().slice(0, 5);
  }
  function keepAlive() {
    var url = body.getAttribute("data-keepalive-url");
    return fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfHeader() } })
      .then(function (r) { if (r.ok) touched(); else expired(); });
  }
  function warn() {
    saveAll(false);
    if (!dialog) return;
    showExpiry();
    if (!dialog.open) dialog.showModal();
  }
  function expired() {
    edits.clear(); // saved as drafts before the warning; the form restores them after the login
    var next = window.location.pathname + window.location.search;
    window.location.assign(body.getAttribute("data-login-url") + "?next=" + encodeURIComponent(next));
  }
  var extend = document.getElementById("session-extend");
  if (extend) extend.addEventListener("click", function () { dialog.close(); keepAlive(); });
  if (dialog) dialog.addEventListener("cancel", function () { keepAlive(); });
  touched();
})();
