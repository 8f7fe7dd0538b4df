// renewals site script: draws the charts and makes tables sortable,
// filterable and paginated. No framework, no network, no inline code.
(function () {
  "use strict";

  // Charts: each .chart-canvas has its ECharts option in a JSON script
  // element next to it.
  var charts = [];
  function drawCharts() {
    if (typeof echarts === "undefined") return;
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    var nodes = document.querySelectorAll(".chart-canvas[data-chart]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var data = document.getElementById(el.id + "-option");
      if (!data) continue;
      var chart = echarts.init(el, dark ? "dark" : null, { renderer: "canvas" });
      chart.setOption(JSON.parse(data.textContent));
      charts.push(chart);
    }
  }
  function resize() { for (var i = 0; i < charts.length; i++) charts[i].resize(); }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);

  // Tables.
  function cellValue(td) {
    var s = td.getAttribute("data-sort");
    return s !== null ? s : td.textContent.trim();
  }
  function compare(a, b, numeric) {
    if (numeric) {
      var x = parseFloat(a), y = parseFloat(b);
      if (isNaN(x)) x = -Infinity;
      if (isNaN(y)) y = -Infinity;
      return x - y;
    }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }
  function setupTable(wrap) {
    var table = wrap.querySelector("table.data");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var pageSize = parseInt(table.getAttribute("data-page-size"), 10) || 0;
    var page = 0, matches = rows;
    var pager = wrap.querySelector(".pager");
    var filter = wrap.querySelector("input.filter");

    function render() {
      var pages = pageSize > 0 ? Math.max(1, Math.ceil(matches.length / pageSize)) : 1;
      if (page >= pages) page = pages - 1;
      var from = pageSize > 0 ? page * pageSize : 0;
      var to = pageSize > 0 ? Math.min(matches.length, from + pageSize) : matches.length;
      var shown = new Set(matches.slice(from, to));
      for (var i = 0; i < rows.length; i++) rows[i].hidden = !shown.has(rows[i]);
      pager.textContent = "";
      var text = matches.length === 0 ? "No rows match." :
        "Rows " + (from + 1) + "–" + to + " of " + matches.length + (matches.length !== rows.length ? " (filtered from " + rows.length + ")" : "");
      var span = document.createElement("span");
      span.textContent = text;
      if (pages > 1) {
        var prev = button("Previous page", page > 0, function () { page--; render(); });
        var next = button("Next page", page < pages - 1, function () { page++; render(); });
        pager.appendChild(prev);
        pager.appendChild(span);
        pager.appendChild(next);
      } else {
        pager.appendChild(span);
      }
    }
    function button(label, enabled, onClick) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.disabled = !enabled;
      b.addEventListener("click", onClick);
      return b;
    }
    if (filter) {
      filter.addEventListener("input", function () {
        var q = filter.value.trim().toLowerCase();
        matches = q === "" ? rows : rows.filter(function (r) { return r.textContent.toLowerCase().indexOf(q) >= 0; });
        page = 0;
        render();
      });
    }
    var heads = table.tHead.rows[0].cells;
    for (var c = 0; c < heads.length; c++) {
      (function (th, col) {
        var btn = th.querySelector("button");
        if (!btn) return;
        btn.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          for (var k = 0; k < heads.length; k++) heads[k].removeAttribute("aria-sort");
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var numeric = th.classList.contains("num");
          rows.sort(function (a, b) {
            var r = compare(cellValue(a.cells[col]), cellValue(b.cells[col]), numeric);
            return asc ? r : -r;
          });
          for (var i = 0; i < rows.length; i++) tbody.appendChild(rows[i]);
          var q = filter ? filter.value.trim().toLowerCase() : "";
          matches = q === "" ? rows : rows.filter(function (r) { return r.textContent.toLowerCase().indexOf(q) >= 0; });
          page = 0;
          render();
        });
      })(heads[c], c);
    }
    // A link to a row's anchor, or a query such as ?q=FOC123, opens on it.
    var params = new URLSearchParams(window.location.search);
    if (filter && params.get("q")) {
      filter.value = params.get("q");
      filter.dispatchEvent(new Event("input"));
    } else {
      render();
    }
  }

  // "#" anchors next to headings and figures copy a link to that place, so
  // that it can be pasted into a mail; the address bar follows as well.
  function copyLinks() {
    var anchors = document.querySelectorAll("a.anchor");
    for (var i = 0; i < anchors.length; i++) {
      anchors[i].title = "Copy a link to this place";
      anchors[i].addEventListener("click", function (ev) {
        var url = window.location.href.split("#")[0] + this.getAttribute("href");
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () {}, function () {});
        }
        var a = this;
        a.setAttribute("data-copied", "");
        setTimeout(function () { a.removeAttribute("data-copied"); }, 1500);
        ev.stopPropagation();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyLinks();
    var wraps = document.querySelectorAll("[data-table]");
    for (var i = 0; i < wraps.length; i++) setupTable(wraps[i]);
    drawCharts();
  });
})();
