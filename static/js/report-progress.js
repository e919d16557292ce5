// Poll a report job every two seconds; show its progress and step; open the file when it is done.
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box) return;
  var bar = document.getElementById("report-progress-bar");
  var step = document.getElementById("report-step");
  var url = box.getAttribute("data-status-url");

  function check() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        bar.value = state.progress;
        bar.textContent = state.progress + "%";
        if (step.textContent !== state.step_text) step.textContent = state.step_text;
        if (state.status === "done" && state.file) {
          window.location.assign(state.file);
        } else if (state.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(check, 2000);
        }
      })
      .catch(function () { window.setTimeout(check, 5000); });
  }
  window.setTimeout(check, 2000);
})();
