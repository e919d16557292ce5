// Keep the room view's lessons up to date: ask the server every 5 seconds and redraw the lists.
// Without this file the page still works: its "Show the latest lessons" link reloads it.
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root || !window.fetch) { return; }
  var source = root.dataset.source;
  var emptyText = root.dataset.empty || "";
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var live = document.getElementById("room-live");
  var reload = document.getElementById("room-reload");
  if (live) { live.hidden = false; }
  if (reload) { reload.hidden = true; }

  function item(lesson) {
    var li = document.createElement("li");
    li.setAttribute("dir", "auto");
    li.dataset.lesson = lesson.id;
    li.textContent = lesson.text;  // text only: never HTML from the server
    return li;
  }

  function redraw(list, lessons) {
    var ids = lessons.map(function (lesson) { return String(lesson.id); }).join(",");
    var shown = Array.prototype.map.call(list.querySelectorAll("li[data-lesson]"),
      function (li) { return li.dataset.lesson; }).join(",");
    var texts = lessons.map(function (lesson) { return lesson.text; }).join("\n");
    var shownTexts = Array.prototype.map.call(list.querySelectorAll("li[data-lesson]"),
      function (li) { return li.textContent; }).join("\n");
    if (ids === shown && texts === shownTexts && (lessons.length || list.children.length)) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!lessons.length) {
      var empty = document.createElement("li");
      empty.className = "room-empty";
      empty.textContent = emptyText;
      list.appendChild(empty);
      return;
    }
    lessons.forEach(function (lesson) { list.appendChild(item(lesson)); });
  }

  function update(data) {
    var add = document.getElementById("room-add");
    if (add && add.dataset[data.status] && add.textContent !== add.dataset[data.status]) {
      add.textContent = add.dataset[data.status];
    }
    Object.keys(data.kinds).forEach(function (kind) {
      var list = root.querySelector('.room-list[data-kind="' + kind + '"]');
      var count = root.querySelector('.room-count[data-kind="' + kind + '"]');
      if (list) { redraw(list, data.kinds[kind]); }
      if (count) { count.textContent = numbers.format(data.kinds[kind].length); }
    });
  }

  function poll() {
    fetch(source, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 5000);
})();
