// Refresh the tally every few seconds without reloading; the page works (by reloading) without this file.
(function () {
  "use strict";
  var root = document.getElementById("tally");
  if (!root || !window.fetch) { return; }
  var source = root.dataset.source;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var live = document.getElementById("tally-live");
  if (live) { live.hidden = false; }

  function setText(element, value) {
    if (!element) { return; }
    var text = numbers.format(value);
    if (element.textContent !== text) {
      element.textContent = text;
      var row = element.closest("tr");
      if (row) { row.classList.add("tally-changed"); }
    }
  }

  function update(data) {
    setText(document.getElementById("tally-people"), data.people);
    setText(document.getElementById("tally-residents"), data.residents);
    setText(document.getElementById("tally-picks"), data.picks);
    var state = document.getElementById("tally-state");
    if (state) { state.textContent = state.dataset[data.state] || state.textContent; }
    var body = document.querySelector("#tally-cards tbody");
    if (body) {
      body.querySelectorAll("tr").forEach(function (row) { row.classList.remove("tally-changed"); });
      data.cards.forEach(function (card) {
        var row = body.querySelector('tr[data-card="' + card.id + '"]');
        if (!row) { return; }
        setText(row.querySelector(".tally-total"), card.total);
        setText(row.querySelector(".tally-residents"), card.residents);
        setText(row.querySelector(".tally-professionals"), card.professionals);
        body.appendChild(row);  // the server sends the cards most-picked first
      });
    }
    data.categories.forEach(function (category) {
      var row = document.querySelector('#tally-categories tr[data-category="' + category.letter + '"]');
      if (row) { setText(row.querySelector(".tally-total"), category.picks); }
    });
  }

  function poll() {
    fetch(source, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 4000); });
  }
  window.setTimeout(poll, 4000);
})();
