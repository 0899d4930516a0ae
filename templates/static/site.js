/* Progressive enhancements shared by every page: the remembered 大字版
   (large text, high contrast) toggle and copy buttons. Pages work without it. */
(function () {
  "use strict";
  var KEY = "portal-large";
  var root = document.documentElement;

  function store(on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: not remembered */ }
  }

  var toggle = document.getElementById("large-toggle");
  if (toggle) {
    var sync = function () {
      var on = root.classList.contains("large");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "标准版" : "大字版";
      toggle.title = on ? "切换回标准字号" : "切换到大字号、高对比度显示";
    };
    toggle.hidden = false;
    sync();
    toggle.addEventListener("click", function () {
      var on = !root.classList.contains("large");
      root.classList.toggle("large", on);
      store(on);
      sync();
    });
  }

  // Filter groups (<details class="facet-group">) are folded for phones;
  // where the screen is wide enough they start unfolded.
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details.facet-group"), function (d) { d.open = true; });
  }

  // Copy buttons: <button data-copy="#id"> copies the text of the element #id.
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  // A GB/T 7714 citation (.cite-text) shows the placeholder [引用日期]: the
  // access date is the day of copying, not of the build, so it is filled in here.
  function withAccessDate(text) {
    var d = new Date();
    var p = function (n) { return (n < 10 ? "0" : "") + n; };
    return text.split("[引用日期]").join("[" + d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + "]");
  }
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (btn) {
    var target = document.querySelector(btn.getAttribute("data-copy"));
    var status = document.getElementById(btn.getAttribute("aria-controls") || "") || null;
    if (!target) { return; }
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var text = target.textContent.replace(/\s+/g, " ").trim();
      if (target.classList.contains("cite-text")) { text = withAccessDate(text); }
      var done = function (ok) {
        if (status) { status.textContent = ok ? "已复制到剪贴板。" : "复制失败，请手动选择文字复制。"; }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
      } else {
        done(fallbackCopy(text));
      }
    });
  });
})();
