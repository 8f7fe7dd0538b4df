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

  // Tables. A row is {cells: [[text, sort, href], ...], tr}. A small table
  // has its rows in the HTML; a large one has its first page there and all
  // rows in a data file (data-rows) that calls renewalsRows(id, rows).
  var pending = {};
  window.renewalsRows = function (id, rows) {
    if (pending[id]) pending[id](rows);
  };
  // Device tables share one file with every device's row, loaded once.
  // A row holds the serial and host name, then indices into cells: the
  // distinct cells, each written once.
  var shared = null, sharedWaiting = null;
  window.renewalsDeviceRows = function (rows, cells) {
    shared = { rows: rows, cells: cells };
    var waiting = sharedWaiting || [];
    sharedWaiting = null;
    for (var i = 0; i < waiting.length; i++) waiting[i](shared);
  };
  function withSharedRows(src, cb, onError) {
    if (shared) { cb(shared); return; }
    if (sharedWaiting) { sharedWaiting.push(cb); return; }
    sharedWaiting = [cb];
    var s = document.createElement("script");
    s.src = src;
    s.onerror = onError;
    document.body.appendChild(s);
  }
  function fromDOM(tr) {
    var cells = [];
    for (var i = 0; i < tr.cells.length; i++) {
      var td = tr.cells[i], a = td.querySelector("a");
      cells.push([td.textContent.trim(), td.getAttribute("data-sort") || "", a ? a.getAttribute("href") : ""]);
    }
    return { cells: cells, tr: tr };
  }
  // fromData reads a row of a data file; for a shared device row, distinct
  // holds the cells its indices name, and root makes its site-relative
  // links relative to this page.
  function fromData(row, root, distinct) {
    var cells = [];
    for (var i = 0; i < row.length; i++) {
      var c = row[i];
      if (typeof c === "number") c = distinct[c];
      if (typeof c === "string") c = [c, "", ""];
      else if (root && c[2]) c = [c[0], c[1], root + c[2]];
      cells.push(c);
    }
    return { cells: cells, tr: null };
  }
  function makeRow(row, heads) {
    var tr = document.createElement("tr");
    for (var i = 0; i < row.cells.length; i++) {
      var c = row.cells[i], td = document.createElement("td");
      if (heads[i] && heads[i].classList.contains("num")) td.className = "num";
      if (c[1]) td.setAttribute("data-sort", c[1]);
      if (c[2]) {
        var a = document.createElement("a");
        a.setAttribute("href", c[2]);
        a.textContent = c[0];
        td.appendChild(a);
      } else {
        td.textContent = c[0];
      }
      tr.appendChild(td);
    }
    return tr;
  }
  function textOf(row) {
    if (row.text === undefined) {
      var parts = [];
      for (var i = 0; i < row.cells.length; i++) parts.push(row.cells[i][0]);
      row.text = parts.join(" ").toLowerCase();
    }
    return row.text;
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
    var heads = table.tHead.rows[0].cells;
    var total = parseInt(table.getAttribute("data-count"), 10);
    var rows = Array.prototype.map.call(tbody.rows, fromDOM);
    var loading = !!table.getAttribute("data-rows");
    var pageSize = parseInt(table.getAttribute("data-page-size"), 10) || 0;
    var page = 0, matches = rows, sortCol = -1, asc = true;
    var pager = wrap.querySelector(".pager");
    var filter = wrap.querySelector("input.filter");

    function apply() {
      var q = filter ? filter.value.trim().toLowerCase() : "";
      matches = q === "" ? rows : rows.filter(function (r) { return textOf(r).indexOf(q) >= 0; });
      page = 0;
      render();
    }
    function render() {
      var pages = pageSize > 0 ? Math.max(1, Math.ceil(matches.length / pageSize)) : 1;
      if (page >= pages) page = pages - 1;
      var from = pageSize > 0 ? page * pageSize : 0;
      var to = pageSize > 0 ? Math.min(matches.length, from + pageSize) : matches.length;
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
      for (var i = from; i < to; i++) {
        var r = matches[i];
        if (!r.tr) r.tr = makeRow(r, heads);
        tbody.appendChild(r.tr);
      }
      // Keep the keyboard where it was: rebuilding the buttons would drop
      // the focus of the one just pressed.
      var focused = pager.contains(document.activeElement) ? document.activeElement.textContent : null;
      pager.textContent = "";
      var of = loading ? total : rows.length;
      var text = matches.length === 0 ? "No rows match." :
        "Rows " + (from + 1) + "–" + to + " of " + (loading ? of : matches.length) +
        (!loading && matches.length !== rows.length ? " (filtered from " + rows.length + ")" : "") +
        (loading ? " (loading all rows…)" : "");
      var span = document.createElement("span");
      span.textContent = text;
      if (pages > 1 || loading) {
        pager.appendChild(button("Previous page", page > 0, function () { page--; render(); }));
        pager.appendChild(span);
        pager.appendChild(button("Next page", page < pages - 1, function () { page++; render(); }));
      } else {
        pager.appendChild(span);
      }
      if (focused) {
        var buttons = pager.querySelectorAll("button");
        var target = null;
        for (var j = 0; j < buttons.length; j++) {
          if (!buttons[j].disabled && (target === null || buttons[j].textContent === focused)) target = buttons[j];
        }
        if (target) target.focus();
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
    function sortBy(col) {
      var numeric = heads[col].classList.contains("num");
      rows.sort(function (a, b) {
        var ca = a.cells[col], cb = b.cells[col];
        var r = compare(ca[1] || ca[0], cb[1] || cb[0], numeric);
        return asc ? r : -r;
      });
    }
    if (filter) filter.addEventListener("input", apply);
    for (var c = 0; c < heads.length; c++) {
      (function (th, col) {
        var btn = th.querySelector("button");
        if (!btn) return;
        btn.addEventListener("click", function () {
          asc = !(sortCol === col && asc);
          sortCol = col;
          for (var k = 0; k < heads.length; k++) heads[k].removeAttribute("aria-sort");
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          sortBy(col);
          apply();
        });
      })(heads[c], c);
    }
    // A link such as ?q=FOC123 opens on that row.
    var params = new URLSearchParams(window.location.search);
    if (filter && params.get("q")) filter.value = params.get("q");
    if (loading) {
      var failed = function () { pager.textContent = "Only the first rows could be shown: the table's data did not load."; };
      var done = function (all) {
        rows = all;
        loading = false;
        if (sortCol >= 0) sortBy(sortCol);
        apply();
      };
      pending[table.id] = function (data) {
        delete pending[table.id];
        if (Array.isArray(data)) {
          done(data.map(function (r) { return fromData(r); }));
          return;
        }
        var root = table.getAttribute("data-root") || "";
        withSharedRows(table.getAttribute("data-devices"), function (all) {
          done(data.devices.map(function (i) { return fromData(all.rows[i], root, all.cells); }));
        }, failed);
      };
      var s = document.createElement("script");
      s.src = table.getAttribute("data-rows");
      s.onerror = failed;
      document.body.appendChild(s);
    }
    apply();
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
