// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll(".js-copy").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copyTarget);
      navigator.clipboard.writeText(source.value).then(function () {
        button.textContent = button.dataset.copiedText;
      });
    });
  });
  document.querySelectorAll("form.js-confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
  // A person search inside a bigger form: Enter in its field searches instead of saving the whole form.
  document.querySelectorAll("div.person-search").forEach(function (box) {
    var input = box.querySelector("input[name=q]");
    var button = box.querySelector("button[name=search]");
    if (!input || !button) { return; }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); button.click(); }
    });
  });
  document.querySelectorAll(".error-summary").forEach(function (summary) { summary.focus(); });
})();
