/* Progressive enhancements shared by every page: the remembered 大字版
   (large text, high contrast) toggle, read-aloud, folded filters and copy
   buttons. Pages work without it. */
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

  // Read-aloud (朗读): reads main h1 and [data-read] in zh-CN, preferring a
  // voice on the device (works offline). Speech starts only on a click, so
  // a remembered switch waits for 开始.
  (function () {
    var box = document.getElementById("read-aloud");
    var synth = window.speechSynthesis;
    if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
    var READ = "portal-read";
    var sw = document.getElementById("read-switch");
    var play = document.getElementById("read-play");
    var stop = document.getElementById("read-stop");
    var status = document.getElementById("read-status");
    var state = "idle", run = 0; // run: utterances of older runs are ignored

    function say(text) { status.textContent = text; }
    function show(on) {
      sw.setAttribute("aria-pressed", on ? "true" : "false");
      play.hidden = !on;
      stop.hidden = !on;
    }
    function setState(s) {
      state = s;
      play.textContent = s === "speaking" ? "暂停" : (s === "paused" ? "继续" : "开始");
    }
    // Short parts: some engines stop a long utterance part way.
    function chunks(text) {
      var out = [];
      text.replace(/([。！？；\n])/g, "$1\u0000").split("\u0000").forEach(function (s) {
        s = s.replace(/\s+/g, " ").trim();
        while (s.length > 120) {
          var cut = Math.max(s.lastIndexOf("，", 120), s.lastIndexOf("、", 120));
          if (cut < 40) { cut = 120; }
          out.push(s.slice(0, cut + 1));
          s = s.slice(cut + 1);
        }
        if (s) { out.push(s); }
      });
      return out;
    }
    function voice() {
      var voices = synth.getVoices ? synth.getVoices() : [];
      var zh = voices.filter(function (v) { return /^zh(-CN|_CN)?$/i.test(v.lang) || /^zh-Hans/i.test(v.lang) || /^cmn/i.test(v.lang); });
      var local = zh.filter(function (v) { return v.localService; });
      return local[0] || zh[0] || null;
    }
    function start() {
      synth.cancel();
      var id = ++run;
      var parts = [];
      document.querySelectorAll("main h1, main [data-read]").forEach(function (el) {
        parts = parts.concat(chunks(el.innerText || el.textContent || ""));
      });
      if (!parts.length) { say("本页没有可朗读的正文。"); return; }
      var v = voice();
      parts.forEach(function (text, i) {
        var u = new SpeechSynthesisUtterance(text);
        u.lang = "zh-CN";
        if (v) { u.voice = v; }
        if (i === parts.length - 1) {
          u.onend = function () { if (id === run) { setState("idle"); say("朗读完毕。"); } };
        }
        u.onerror = function (e) {
          if (id === run && e.error !== "interrupted" && e.error !== "canceled") { setState("idle"); say("无法朗读：浏览器未能发音，请稍后按“开始”再试。"); }
        };
        synth.speak(u);
      });
      setState("speaking");
      say("正在朗读本页正文。");
    }
    function halt(message) {
      run++;
      synth.cancel();
      setState("idle");
      say(message);
    }
    function remember(on) { try { localStorage.setItem(READ, on ? "1" : "0"); } catch (e) { /* not remembered */ } }

    box.hidden = false;
    try { synth.getVoices(); } catch (e) { /* lists voices early where asked first */ }
    var on = false;
    try { on = localStorage.getItem(READ) === "1"; } catch (e) { on = false; }
    show(on);
    setState("idle");
    if (on) { say("朗读已开启，按“开始”朗读本页。"); }
    sw.addEventListener("click", function () {
      on = sw.getAttribute("aria-pressed") !== "true";
      remember(on);
      show(on);
      if (on) { start(); } else { halt("朗读已关闭。"); }
    });
    play.addEventListener("click", function () {
      if (state === "speaking") { synth.pause(); setState("paused"); say("已暂停。"); }
      else if (state === "paused") { synth.resume(); setState("speaking"); say("继续朗读。"); }
      else { start(); }
    });
    stop.addEventListener("click", function () { halt("已停止。"); });
    window.addEventListener("pagehide", function () { synth.cancel(); });
  })();

  // Filter groups (<details class="facet-group">) are folded for phones;
  // where the screen is wide enough they start unfolded.
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details.facet-group").forEach(function (d) { d.open = true; });
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
  document.querySelectorAll("button[data-copy]").forEach(function (btn) {
    var target = document.querySelector(btn.getAttribute("data-copy"));
    var status = document.getElementById(btn.getAttribute("aria-controls"));
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
