// Offline-tolerant activity entry: the form keeps what was typed in localStorage and, when the
// connection drops on submit, keeps the entry and sends it again once the browser is back online.
(function () {
  "use strict";
  var form = document.getElementById("record-form");
  if (!form || !window.localStorage) return;
  var key = form.dataset.draftKey;
  var offlineNote = document.getElementById("offline-note");
  var draftNote = document.getElementById("draft-note");
  var retryTimer = null;
  var sending = false;

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit" && el.type !== "hidden";
    });
  }

  function save() {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") data[el.name + "|" + el.value] = el.checked;
      else if (el.multiple) data[el.name] = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      else data[el.name] = el.value;
    });
    data.__saved = new Date().toISOString();
    localStorage.setItem(key, JSON.stringify(data));
  }

  function restore() {
    var raw = localStorage.getItem(key);
    if (!raw) return false;
    var data;
    try { data = JSON.parse(raw); } catch (e) { return false; }
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if ((el.name + "|" + el.value) in data) el.checked = data[el.name + "|" + el.value];
      } else if (el.multiple && Array.isArray(data[el.name])) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = data[el.name].indexOf(o.value) >= 0; });
      } else if (el.name in data) {
        el.value = data[el.name];
      }
    });
    return true;
  }

  function clearDraft() { localStorage.removeItem(key); }

  function send(submitter) {
    if (sending) return;
    sending = true;
    var body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    fetch(form.action || window.location.href, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        sending = false;
        if (response.redirected) {
          clearDraft();
          window.location.href = response.url;
          return;
        }
        return response.text().then(function (html) {
          // The server answered with the form and its errors: show them, keep the draft.
          document.open(); document.write(html); document.close();
        });
      })
      .catch(function () {
        sending = false;
        offlineNote.classList.remove("d-none");
        if (!retryTimer) retryTimer = setInterval(function () { if (navigator.onLine !== false) send(submitter); }, 15000);
        window.addEventListener("online", function () { send(submitter); }, { once: true });
      });
  }

  if (form.dataset.hasErrors !== "1" && restore()) {
    draftNote.classList.remove("d-none");
  }
  document.getElementById("discard-draft").addEventListener("click", function () {
    clearDraft();
    window.location.reload();
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    save();
    send(event.submitter);
  });
})();
