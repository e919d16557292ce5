// The interactive system map: fetches map.json and draws it with Cytoscape.js.
// Without this file (or JavaScript), the page shows the server-drawn SVG and links to the list of actors.
(function () {
  "use strict";
  var view = document.getElementById("map-view");
  if (!view || typeof window.cytoscape !== "function") { return; }
  var form = document.querySelector(".js-map-filters");
  var status = document.getElementById("map-status");
  var matches = document.getElementById("map-matches");
  var details = document.getElementById("map-details");

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_all, key) { return values[key]; });
  }

  function field(name) { return form ? form.elements[name] : null; }

  function build(data) {
    var sectors = {}, levels = {};
    data.sectors.forEach(function (s) { sectors[s.code === null ? "" : s.code] = s.label; });
    data.levels.forEach(function (l) { levels[l.code] = l.label; });
    var elements = data.nodes.map(function (n) {
      return {
        group: "nodes",
        data: { id: "a" + n.id, actorId: n.id, label: n.name, name: n.name, kind: n.kind, sector: n.sector || "",
                level: n.level || "", tags: n.tags, colour: n.colour },
        position: { x: n.x, y: n.y },
        classes: n.kind === "person" ? "person" : ""
      };
    });
    data.nodes.forEach(function (n) {
      if (n.parent !== null) {
        elements.push({ group: "edges", data: { id: "p" + n.id, source: "a" + n.id, target: "a" + n.parent },
                        classes: "part-of" });
      }
    });
    data.edges.forEach(function (e) {
      elements.push({ group: "edges", data: { id: "t" + e.id, source: "a" + e.source, target: "a" + e.target,
                                              kind: e.kind, strength: e.strength } });
    });
    var big = data.nodes.length > 500;
    var canvas = document.createElement("div");
    canvas.className = "map-canvas";
    view.insertBefore(canvas, view.firstChild);
    var cy = window.cytoscape({
      container: canvas,
      elements: elements,
      layout: { name: "preset", fit: true, padding: 20 },
      minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3,
      hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : "auto",
      style: [
        { selector: "node", style: { "background-color": "data(colour)", "border-color": "#212b32", "border-width": 1.5,
          width: 18, height: 18, label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
          "text-max-width": 140, "text-wrap": "ellipsis", "min-zoomed-font-size": 7, color: "#212b32" } },
        { selector: "node.person", style: { shape: "rectangle" } },
        { selector: "edge", style: { width: "data(strength)", "line-color": "#4c6272", opacity: 0.45,
          "curve-style": "straight", "target-arrow-shape": "triangle", "target-arrow-color": "#4c6272",
          "arrow-scale": 0.8 } },
        { selector: "edge.part-of", style: { width: 1, "line-style": "dashed", "target-arrow-shape": "none" } },
        { selector: ".faded", style: { opacity: 0.12 } },
        { selector: "node.match", style: { "border-width": 4, "border-color": "#ffb81c" } },
        { selector: "node.focus", style: { "border-width": 5, "border-color": "#003087", width: 26, height: 26,
          "z-index": 10, "font-weight": "bold" } },
        { selector: "edge.near", style: { opacity: 0.95, "line-color": "#003087", "target-arrow-color": "#003087",
          "z-index": 9 } }
      ]
    });
    view.classList.add("is-live");
    window.labappMap = cy;
    var everything = cy.elements();
    var total = data.nodes.length;

    function showCount() {
      if (!status) { return; }
      status.textContent = fill(view.dataset.textShown, {
        actors: cy.nodes().length, total: total, ties: cy.edges(":not(.part-of)").length });
    }

    function clearFocus() {
      cy.elements().removeClass("faded focus near");
      if (details) { details.hidden = true; }
    }

    function focus(node) {
      cy.elements().removeClass("focus near").addClass("faded");
      var around = node.closedNeighborhood();
      around.removeClass("faded");
      node.addClass("focus");
      node.connectedEdges().addClass("near");
      if (!details) { return; }
      var d = node.data();
      var link = document.getElementById("map-details-link");
      link.textContent = d.name;
      link.href = data.actor_url + d.actorId;
      document.getElementById("map-details-kind").textContent = data.kinds[d.kind] || d.kind;
      document.getElementById("map-details-sector").textContent = sectors[d.sector] || sectors[""];
      document.getElementById("map-details-level").textContent = levels[d.level] || sectors[""];
      document.getElementById("map-details-tags").textContent = d.tags.length ? d.tags.join(", ") : "–";
      var list = document.getElementById("map-details-ties");
      list.textContent = "";
      node.connectedEdges(":not(.part-of)").forEach(function (edge) {
        var outgoing = edge.source().same(node);
        var other = outgoing ? edge.target() : edge.source();
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button";
        button.textContent = (outgoing ? "→ " : "← ") + other.data("name");
        button.addEventListener("click", function () { select(other); });
        item.appendChild(button);
        item.appendChild(document.createTextNode(" (" + (data.tie_kinds[edge.data("kind")] || edge.data("kind")) + ")"));
        list.appendChild(item);
      });
      details.hidden = false;
    }

    function select(node) {
      focus(node);
      cy.animate({ fit: { eles: node.closedNeighborhood(), padding: 80 } }, {
        duration: 200,
        complete: function () {
          if (cy.zoom() > 1.5) { cy.zoom({ level: 1.5, renderedPosition: node.renderedPosition() }); }
        }
      });
    }

    function applyFilters() {
      var sector = field("sector") ? field("sector").value : "";
      var level = field("level") ? field("level").value : "";
      var tag = field("tag") ? field("tag").value.toLowerCase() : "";
      clearFocus();
      cy.elements().remove();
      var nodes = everything.nodes().filter(function (n) {
        var d = n.data();
        return (!sector || d.sector === sector) && (!level || d.level === level) &&
          (!tag || d.tags.some(function (t) { return t.toLowerCase() === tag; }));
      });
      nodes.restore();
      everything.edges().filter(function (e) {
        return e.source().inside() && e.target().inside();
      }).restore();
      showCount();
      search();
    }

    function search() {
      var text = field("q") ? field("q").value.trim().toLowerCase() : "";
      cy.nodes().removeClass("match");
      if (!matches) { return; }
      matches.textContent = "";
      if (!text) { matches.hidden = true; return; }
      var found = cy.nodes().filter(function (n) { return n.data("name").toLowerCase().indexOf(text) !== -1; });
      found.addClass("match");
      found.slice(0, 20).forEach(function (node) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-secondary";
        button.textContent = node.data("name");
        button.addEventListener("click", function () { select(node); });
        item.appendChild(button);
        matches.appendChild(item);
      });
      matches.hidden = false;
      if (status) { status.textContent = fill(view.dataset.textFound, { num: found.length }); }
    }

    cy.on("tap", "node", function (event) { focus(event.target); });
    cy.on("tap", function (event) { if (event.target === cy) { clearFocus(); } });
    var clear = document.getElementById("map-details-clear");
    if (clear) { clear.addEventListener("click", clearFocus); }
    if (form) {
      form.addEventListener("submit", function (event) { event.preventDefault(); applyFilters(); });
      ["sector", "level", "tag"].forEach(function (name) {
        if (field(name)) { field(name).addEventListener("change", applyFilters); }
      });
      if (field("q")) { field("q").addEventListener("input", search); }
    }
    applyFilters();
    cy.fit(undefined, 20);
  }

  fetch(view.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    })
    .then(build)
    .catch(function () {
      if (status) { status.textContent = view.dataset.textError; }
    });
})();
