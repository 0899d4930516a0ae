/* Sortable, filterable tables and lists: progressive enhancement only.
   Contract (browser tests rely on it): table[data-table][id]; th[data-key]
   [data-type=num|text|grade] get a sort button and aria-sort; tr[data-city]
   [data-county]; form[data-filter-for=<table id>][hidden] with selects city,
   county (options with data-city), grade, sort (filled here), input q and
   [data-count]. State is in the URL: ?city=&county=&grade=&q=&sort=-total
   ("-": descending); the table gets data-shown and data-sort. */
(function () {
  "use strict";
  var FIELDS = ["city", "county", "grade", "q"];
  var collator = window.Intl && Intl.Collator ? new Intl.Collator("zh-CN") : null;

  function each(list, f) { Array.prototype.forEach.call(list, f); }
  function text(cell) { return cell ? cell.textContent.replace(/\s+/g, " ").trim() : ""; }
  function number(s) { var v = parseFloat(s.replace(/,/g, "")); return isNaN(v) ? null : v; }

  function enhance(table) {
    var tbody = table.tBodies[0];
    if (!tbody || !table.tHead) { return; }
    var form = document.querySelector('form[data-filter-for="' + table.id + '"]');
    var cols = {};
    var rows = Array.prototype.map.call(tbody.rows, function (tr, n) { return { tr: tr, n: n }; });
    var gradeOrder = [];
    if (form && form.elements.grade) { each(form.elements.grade.options, function (o) { if (o.value) { gradeOrder.push(o.value); } }); }

    each(table.tHead.rows[0].cells, function (th, i) {
      var key = th.getAttribute("data-key");
      if (!key) { return; }
      var max = th.querySelector(".max");
      var label = th.textContent.replace(max ? max.textContent : "", "").trim();
      cols[key] = { i: i, type: th.getAttribute("data-type") || "text", th: th, label: label || key };
      var btn = document.createElement("button");
      btn.type = "button", btn.className = "sort";
      while (th.firstChild) { btn.appendChild(th.firstChild); }
      th.appendChild(btn);
      btn.addEventListener("click", function () {
        state.sort = state.sort === key ? "-" + key : key;
        if (sortSelect) { sortSelect.value = state.sort; }
        update();
      });
    });

    // Phones hide the header row; this select sorts there.
    var sortSelect = form && form.elements.sort;
    if (sortSelect) {
      Object.keys(cols).forEach(function (key) {
        var col = cols[key], label = col.label;
        var add = function (value, text) { sortSelect.add(new Option(text, value)); };
        if (col.type === "num" && !/rank$/.test(key)) {
          add("-" + key, label + "从高到低");
          add(key, label + "从低到高");
        } else if (col.type === "grade") {
          add(key, label + "从高到低");
        } else {
          add(key, label);
        }
      });
    }

    function value(row, key) {
      var col = cols[key];
      if (!col) { return ""; }
      row.v = row.v || {};
      if (!(key in row.v)) {
        var s = text(row.tr.cells[col.i]);
        if (col.type === "num") { s = number(s); } else if (col.type === "grade") {
          var g = gradeOrder.indexOf(s);
          s = g < 0 ? gradeOrder.length : g;
        }
        row.v[key] = s;
      }
      return row.v[key];
    }

    var state = { city: "", county: "", grade: "", q: "", sort: "" };
    var reordered = false; // rows are not in the page's own order
    var params = new URLSearchParams(location.search);
    FIELDS.concat("sort").forEach(function (k) { state[k] = params.get(k) || ""; });
    if (state.sort && !cols[state.sort.replace(/^-/, "")]) { state.sort = ""; }
    var shared = FIELDS.concat("sort").some(function (k) { return state[k]; });
    var pageOrder = table.tHead.querySelector("th[aria-sort]"); // the rows' own order

    var status = form && form.querySelector("[data-count]");
    function field(name) { return form ? form.elements[name] : null; }
    function narrowCounties() {
      var county = field("county");
      if (!county || !field("city")) { return; }
      each(county.options, function (o) {
        var off = !!(o.value && state.city && o.getAttribute("data-city") !== state.city);
        o.hidden = off;
        o.disabled = off;
      });
      if (county.selectedOptions && county.selectedOptions[0] && county.selectedOptions[0].disabled) { county.value = ""; }
    }
    function readForm() {
      FIELDS.forEach(function (k) { var f = field(k); state[k] = f ? f.value.trim() : ""; });
    }
    function writeForm() {
      FIELDS.forEach(function (k) { var f = field(k); if (f) { f.value = state[k]; } });
      if (sortSelect) { sortSelect.value = state.sort; }
      narrowCounties();
      readForm(); // values no option offers fall back to "全部"
    }

    function update() {
      narrowCounties();
      readForm();
      var q = state.q.toLowerCase();
      var shown = 0;
      rows.forEach(function (r) {
        var tr = r.tr;
        var ok = (!state.city || tr.getAttribute("data-city") === state.city) &&
          (!state.county || tr.getAttribute("data-county") === state.county) &&
          (!state.grade || text(tr.cells[cols.grade ? cols.grade.i : -1]) === state.grade) &&
          (!q || (text(tr.cells[cols.community ? cols.community.i : -1]) + " " + text(tr.cells[cols.company ? cols.company.i : -1])).toLowerCase().indexOf(q) >= 0);
        if (tr.hidden !== !ok) { tr.hidden = !ok; }
        if (ok) { shown++; }
      });

      var key = state.sort.replace(/^-/, ""), desc = state.sort.charAt(0) === "-";
      // Rows move only when the order changes.
      if (cols[key] || reordered) {
        var sorted = rows.slice();
        if (cols[key]) {
          sorted.sort(function (a, b) {
            var x = value(a, key), y = value(b, key), c = 0;
            if (x === null || y === null) { c = x === null ? (y === null ? 0 : 1) : -1; return c || a.n - b.n; }
            if (typeof x === "number") { c = x - y; } else { c = collator ? collator.compare(x, y) : (x < y ? -1 : x > y ? 1 : 0); }
            return (desc ? -c : c) || a.n - b.n;
          });
        }
        var frag = document.createDocumentFragment();
        sorted.forEach(function (r) { frag.appendChild(r.tr); });
        tbody.appendChild(frag);
        reordered = !!cols[key];
      }
      Object.keys(cols).forEach(function (k) {
        var th = cols[k].th, v = k === key ? (desc ? "descending" : "ascending") : !key && th === pageOrder ? "ascending" : "";
        if (v) { th.setAttribute("aria-sort", v); } else { th.removeAttribute("aria-sort"); }
      });

      table.setAttribute("data-shown", String(shown));
      table.setAttribute("data-sort", state.sort);
      if (status) {
        status.textContent = shown ? "显示 " + shown + " 个，共 " + rows.length + " 个项目" : "没有符合条件的项目，请放宽筛选条件";
      }
      var out = new URLSearchParams();
      FIELDS.concat("sort").forEach(function (k) { if (state[k]) { out.set(k, state[k]); } });
      var qs = out.toString();
      try { history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash); } catch (e) { /* file:// in some browsers */ }
    }

    if (form) {
      form.hidden = false;
      writeForm();
      var changed = function (e) {
        if (sortSelect && e.target === sortSelect) { state.sort = sortSelect.value; }
        update();
      };
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
      form.addEventListener("reset", function () { setTimeout(function () {
        if (sortSelect) { sortSelect.value = state.sort; } // 清除筛选 keeps the order
        update();
      }, 0); });
    }
    if (shared) { update(); } // else the rows stay as built: no pass over them
  }

  each(document.querySelectorAll("table[data-table]"), enhance);

  /* A summary page of a split release links its parts by a[data-region]: a
     shared ?county= or ?city= view opens that part, keeping other filters. */
  (function () {
    if (document.querySelector("table[data-table]")) { return; }
    var params = new URLSearchParams(location.search);
    var keys = ["county", "city"];
    for (var i = 0; i < keys.length; i++) {
      var code = params.get(keys[i]);
      if (!code || !/^[0-9]+$/.test(code)) { continue; }
      var part = document.querySelector('a[data-region="' + code + '"]');
      if (!part) { continue; }
      params.delete(keys[i]);
      if (keys[i] === "county") { params.delete("city"); }
      var qs = params.toString();
      location.replace(part.href.split("#")[0].split("?")[0] + (qs ? "?" + qs : ""));
      return;
    }
  })();
  /* p[hidden] > input[data-filter-list=<id>]: hides the li of #id whose
     link lacks the text typed, and [data-group]s left empty. */
  each(document.querySelectorAll("input[data-filter-list]"), function (input) {
    var box = document.getElementById(input.getAttribute("data-filter-list")), p = input.closest("p");
    if (!box || !p) { return; }
    var status = p.querySelector("[role=status]");
    p.hidden = false;
    input.addEventListener("input", function () {
      var q = input.value.trim(), n = 0;
      each(box.querySelectorAll("[data-group]"), function (g) {
        var m = 0;
        each(g.querySelectorAll("li"), function (li) {
          var ok = text(li.querySelector("a")).indexOf(q) >= 0;
          li.hidden = !ok;
          if (ok) { m++; }
        });
        g.hidden = !m;
        n += m;
      });
      status.textContent = !q ? "" : n ? "找到 " + n + " 个小区" : "没有名称含“" + q + "”的小区";
    });
  });
})();
