// Save a PDSA cycle's draft as people type: to the server a few seconds after typing stops, and to this
// device's storage at once, so nothing is lost when the connection drops. The Save button works without this.
(function () {
  "use strict";
  var DELAY = 2000;

  function fieldValues(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === "csrf_token" || element.name === "version") { return; }
      if (element.type === "radio") {
        if (element.checked) { values[element.name] = element.value; }
        else if (!(element.name in values)) { values[element.name] = ""; }
      } else if (element.tagName === "TEXTAREA" || element.type === "text") {
        values[element.name] = element.value;
      }
    });
    return values;
  }

  function applyValues(form, values) {
    Object.keys(values).forEach(function (name) {
      var elements = form.querySelectorAll("[name='" + name + "']");
      Array.prototype.forEach.call(elements, function (element) {
        if (element.type === "radio") { element.checked = element.value === values[name]; }
        else { element.value = values[name]; }
      });
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function setUp(form) {
    var status = form.querySelector(".autosave-status");
    var version = form.querySelector("input[name='version']");
    var key = form.dataset.storageKey;
    var timer = null;
    var stopped = false;
    var inFlight = false;
    var again = false;
    var saved = fieldValues(form);

    function say(text, kind) {
      status.textContent = text;
      status.className = "autosave-status" + (kind ? " autosave-" + kind : "");
    }

    function store() {
      try {
        window.localStorage.setItem(key, JSON.stringify({ version: version.value, values: fieldValues(form) }));
      } catch (e) { /* storage full or blocked: the server copy still works */ }
    }

    function forget() {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing to do */ }
    }

    function save() {
      timer = null;
      if (stopped) { return; }
      if (inFlight) { again = true; return; }
      var values = fieldValues(form);
      if (same(values, saved)) { return; }
      inFlight = true;
      say(form.dataset.textSaving, "saving");
      fetch(form.dataset.autosaveUrl, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      }).then(function (result) {
        inFlight = false;
        if (result.status === 200 && result.data.status === "saved") {
          version.value = result.data.version;
          saved = values;
          if (same(fieldValues(form), values)) { forget(); } else { store(); }
          say(result.data.message, "saved");
          if (again) { again = false; schedule(); }
        } else if (result.status === 409) {
          stopped = true;
          say(result.data.message, "conflict");
        } else {
          say(result.data.message || form.dataset.textError, "error");
        }
      }).catch(function () {
        inFlight = false;
        say(form.dataset.textOffline, "offline");
        schedule();
      });
    }

    function schedule() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, DELAY);
    }

    // A draft kept on this device that the server never got: put it back. If it started from an older version
    // the autosave is refused, and the person is asked to compare before saving: nothing is overwritten silently.
    try {
      var kept = JSON.parse(window.localStorage.getItem(key) || "null");
      if (kept && kept.values && !same(kept.values, saved)) {
        applyValues(form, kept.values);
        if (String(kept.version) !== String(version.value)) { version.value = kept.version; }
        say(form.dataset.textRestored, "saved");
        schedule();
      } else {
        forget();
      }
    } catch (e) { forget(); }

    form.addEventListener("input", function () { store(); schedule(); });
    form.addEventListener("change", function () { store(); schedule(); });
    form.addEventListener("submit", function () { stopped = true; if (timer) { window.clearTimeout(timer); } });
    window.addEventListener("online", function () { if (!stopped) { schedule(); } });
  }

  document.querySelectorAll("form.js-autosave").forEach(setUp);
})();
