/* Sortable, filterable result tables: a progressive enhancement. Every table
   is complete and readable without this script.
   Markup contract (stable; browser tests rely on it):
   - <table id="eval-table" data-table>: a table to enhance (needs an id).
   - <th data-key="total" data-type="num">: a sortable column (num, text or
     grade); its text is wrapped in an inserted <button class="sort">, and the
     sorted column gets aria-sort.
   - <tr data-county="140105" data-city="140100">: codes for the filters.
   - <form data-filter-for="eval-table" hidden>, shown here, with
     select[name=city] (only where rows span several cities),
     select[name=county] (options carry data-city and narrow with the city),
     select[name=grade] (matched against the grade column), input[name=q]
     (part of the community or company name), select[name=sort] (orders
     added here from the headers: a phone hides the header row) and
     [data-count] (live status "显示 N 个，共 M 个项目").
   State lives in the URL query, replaced on every change, restored on load:
   ?city=140100&county=140105&grade=优秀&q=花园&sort=-total ("-": descending).
   After every update the table carries data-shown and data-sort.
   - <a data-region="140105">: on a summary page without a table, the page
     of that part of the release (see the end). */
(function () {
  "use strict";
  var FIELDS = ["city", "county", "grade", "q"];
  var collator = window.Intl && Intl.Collator ? new Intl.Collator("zh-CN") : null;

  function text(cell) { return cell ? cell.textContent.replace(/\s+/g, " ").trim() : ""; }
  function number(s) { var v = parseFloat(s.replace(/,/g, "")); return isNaN(v) ? null : v; }

  function enhance(table) {
    var tbody = table.tBodies[0];
    if (!tbody || !table.tHead) { return; }
    var form = document.querySelector('form[data-filter-for="' + table.id + '"]');
    var cols = {};
    var rows = Array.prototype.map.call(tbody.rows, function (tr, n) { return { tr: tr, n: n }; });
    var gradeOrder = [];
    if (form && form.elements.grade) {
      Array.prototype.forEach.call(form.elements.grade.options, function (o) { if (o.value) { gradeOrder.push(o.value); } });
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var key = th.getAttribute("data-key");
      if (!key) { return; }
      var max = th.querySelector(".max");
      var label = th.textContent.replace(max ? max.textContent : "", "").trim();
      cols[key] = { i: i, type: th.getAttribute("data-type") || "text", th: th, label: label || key };
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "sort";
      while (th.firstChild) { btn.appendChild(th.firstChild); }
      th.appendChild(btn);
      btn.addEventListener("click", function () {
        state.sort = state.sort === key ? "-" + key : key;
        if (sortSelect) { sortSelect.value = state.sort; }
        update();
      });
    });

    // A phone hides the header row: the form's select offers its orders.
    var sortSelect = form && form.elements.sort;
    if (sortSelect) {
      Object.keys(cols).forEach(function (key) {
        var col = cols[key], label = col.label;
        var add = function (value, text) {
          var o = document.createElement("option");
          o.value = value;
          o.textContent = text;
          sortSelect.appendChild(o);
        };
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
    var params = new URLSearchParams(window.location.search);
    FIELDS.concat("sort").forEach(function (k) { state[k] = params.get(k) || ""; });
    if (state.sort && !cols[state.sort.replace(/^-/, "")]) { state.sort = ""; }

    var status = form && form.querySelector("[data-count]");
    function field(name) { return form ? form.elements[name] : null; }
    function narrowCounties() {
      var county = field("county");
      if (!county || !field("city")) { return; }
      Array.prototype.forEach.call(county.options, function (o) {
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
        if (tr.hidden !== !ok) { tr.hidden = !ok; } // untouched rows keep their layout
        if (ok) { shown++; }
      });

      var key = state.sort.replace(/^-/, ""), desc = state.sort.charAt(0) === "-";
      // Rows move only when the order changes: a slow phone does not lay
      // out hundreds of rows again on load.
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
        if (k === key) { cols[k].th.setAttribute("aria-sort", desc ? "descending" : "ascending"); } else { cols[k].th.removeAttribute("aria-sort"); }
      });

      table.setAttribute("data-shown", String(shown));
      table.setAttribute("data-sort", state.sort);
      if (status) {
        status.textContent = shown ? "显示 " + shown + " 个，共 " + rows.length + " 个项目" : "没有符合条件的项目，请放宽筛选条件";
      }
      var out = new URLSearchParams();
      FIELDS.concat("sort").forEach(function (k) { if (state[k]) { out.set(k, state[k]); } });
      var qs = out.toString();
      try { window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash); } catch (e) { /* file:// in some browsers */ }
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
      form.addEventListener("reset", function () { window.setTimeout(function () {
        if (sortSelect) { sortSelect.value = state.sort; } // 清除筛选 keeps the order
        update();
      }, 0); });
    }
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-table]"), enhance);

  /* A release too large for one page lists its projects on per-city pages,
     and a large city on per-county pages; the summary page links each part
     with <a data-region="code">. A link shared as a filtered view of the
     whole table (?city=…&county=…&grade=…) then opens the part it means,
     keeping the other filters: county first, else city (whose page passes
     the county on in turn). */
  (function () {
    if (document.querySelector("table[data-table]")) { return; }
    var params = new URLSearchParams(window.location.search);
    var keys = ["county", "city"];
    for (var i = 0; i < keys.length; i++) {
      var code = params.get(keys[i]);
      if (!code || !/^[0-9]+$/.test(code)) { continue; }
      var part = document.querySelector('a[data-region="' + code + '"]');
      if (!part) { continue; }
      params.delete(keys[i]);
      if (keys[i] === "county") { params.delete("city"); }
      var qs = params.toString();
      window.location.replace(part.href.split("#")[0].split("?")[0] + (qs ? "?" + qs : ""));
      return;
    }
  })();
})();
