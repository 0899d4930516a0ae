/* search.js: the static search on /search/ (ES2017, no dependencies). Index:
 * generator/search/search.go; markup: templates/pages/search.html. Reads ?q=
 * (and ?type=), lists results by type; data goes in as textContent only. */
(function () {
  'use strict';
  var status = document.getElementById('search-results');
  var input = document.getElementById('search-q');
  if (!status || !window.fetch || !window.URL || !window.TextDecoder) return;

  var PAGE = 10; // results shown per group, and added by "显示更多"
  var SEP = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;
  var manifestURL = new URL(status.getAttribute('data-manifest') || 'manifest.json', location.href);
  var siteRoot = new URL('../', manifestURL);
  var list = document.createElement('div');
  list.className = 'search-list';
  status.parentNode.insertBefore(list, status.nextSibling);

  var cache = new Map();
  function load(name, bin) {
    var p = cache.get(name);
    if (!p) {
      p = fetch(new URL(name, manifestURL).href, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(name + ': HTTP ' + r.status);
        return bin ? r.arrayBuffer().then(parseShard) : r.json();
      });
      cache.set(name, p);
      p.catch(function () { cache.delete(name); });
    }
    return p;
  }

  var M = null, foldMap = null;
  async function manifest() {
    if (!M) {
      M = await load('manifest.json');
      foldMap = new Map();
      var from = Array.from(M.fold[0]), to = Array.from(M.fold[1]);
      for (var i = 0; i < from.length; i++) foldMap.set(from[i], to[i]);
    }
    return M;
  }

  // fold mirrors search.Fold.
  function fold(s) {
    var out = [];
    for (var ch of s) {
      var c = ch.charCodeAt(0);
      out.push(c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : foldMap.get(ch) || ch);
    }
    return out;
  }

  function reader(b) {
    var r = { i: 0 };
    r.next = function () {
      var v = 0, s = 1, x;
      do { x = b[r.i++]; v += (x & 127) * s; s *= 128; } while (x & 128);
      return v;
    };
    return r;
  }

  var utf8 = new TextDecoder();
  function parseShard(buf) {
    var b = new Uint8Array(buf), r = reader(b), m = new Map();
    while (r.i < b.length) {
      var kl = r.next(), key = utf8.decode(b.subarray(r.i, r.i + kl));
      r.i += kl;
      var pl = r.next();
      m.set(key, b.subarray(r.i, r.i + pl));
      r.i += pl;
    }
    return m;
  }

  function gramHash(g) {
    var h = 2166136261;
    for (var ch of g) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    return h;
  }

  async function posting(g) {
    var name = Object.prototype.hasOwnProperty.call(M.heavy, g) ? M.heavy[g] :
      M.shards.length && M.shards[gramHash(g) % M.shards.length];
    if (!name) return null;
    return (await load('s-' + name + '.bin', true)).get(g) || null;
  }

  // decode returns [[id, [field, offset, end, …]], …].
  function decode(p) {
    var r = reader(p), out = [], id = 0;
    while (r.i < p.length) {
      var head = r.next();
      id += Math.floor(head / 2);
      var n = head % 2 ? 1 : r.next(), occ = [], pf = -1, po = 0;
      for (var k = 0; k < n; k++) {
        var fc = r.next(), f = Math.floor(fc / 2), o = r.next();
        if (f === pf) o += po;
        occ.push(f, o, fc % 2);
        pf = f; po = o;
      }
      out.push([id, occ]);
    }
    return out;
  }

  // classOf: 0 is a name, 1 starts one, 2 in one, 3 elsewhere.
  function classOf(f, o, whole) { return f < 2 ? 3 : o === 0 && whole ? 0 : o === 0 ? 1 : 2; }

  // termHits: id → {c: class, f: field, o: offset} of one term.
  async function termHits(t) {
    var hits = new Map(), grams = [];
    if (t.length === 1) grams.push(t[0]);
    for (var i = 0; i + 1 < t.length; i++) grams.push(t[i] + t[i + 1]);
    var ps = await Promise.all(grams.map(posting));
    if (ps.some(function (p) { return !p; })) return hits;
    var rest = ps.slice(1).map(function (p) {
      var m = new Map();
      decode(p).forEach(function (rec) {
        var s = new Map(), occ = rec[1];
        for (var k = 0; k < occ.length; k += 3) s.set(occ[k + 1] * 64 + occ[k], occ[k + 2]);
        m.set(rec[0], s);
      });
      return m;
    });
    decode(ps[0]).forEach(function (rec) {
      var id = rec[0], occ = rec[1], best = null;
      next: for (var k = 0; k < occ.length; k += 3) {
        var f = occ[k], o = occ[k + 1], end = occ[k + 2];
        for (var j = 0; j < rest.length; j++) {
          var s = rest[j].get(id), e = s && s.get((o + j + 1) * 64 + f);
          if (e === undefined) continue next;
          end = e;
        }
        var c = classOf(f, o, end === 1);
        if (!best || c < best.c) best = { c: c, f: f, o: o };
      }
      if (best) hits.set(id, best);
    });
    return hits;
  }

  function terms(q) {
    var seen = new Set();
    return fold(q).join('').split(SEP).filter(function (t) {
      if (!t || seen.has(t)) return false;
      seen.add(t);
      return true;
    }).map(function (t) { return Array.from(t); });
  }

  // search: the groups in display order.
  async function search(ts) {
    var matched = null;
    for (var t of ts) {
      var hits = await termHits(t), next = new Map();
      hits.forEach(function (h, id) {
        if (!matched) next.set(id, { id: id, c: h.c, hits: [h] });
        else if (matched.has(id)) {
          var r = matched.get(id);
          r.c = Math.max(r.c, h.c);
          r.hits.push(h);
          next.set(id, r);
        }
      });
      matched = next;
    }
    var groups = [];
    M.types.forEach(function (tr, order) {
      var items = [];
      matched.forEach(function (r) { if (r.id >= tr.first && r.id < tr.first + tr.count) items.push(r); });
      if (!items.length) return;
      items.sort(function (a, b) { return a.c - b.c || a.id - b.id; });
      groups.push({ type: tr.type, label: tr.label, best: items[0].c, order: order, items: items });
    });
    groups.sort(function (a, b) { return a.best - b.best || a.order - b.order; });
    return groups;
  }

  async function info(id) {
    var chunk = await load('d-' + M.docs.files[Math.floor(id / M.docs.per)] + '.json');
    return chunk[id % M.docs.per];
  }

  // snippet: the body around a match, or null.
  async function snippet(id, d, h) {
    var text = d.b || '', o = h.o;
    if (!text && d.x) {
      var seg = Math.floor(o / M.text.seg), file = null;
      d.x.forEach(function (x) { if (x[1] <= seg) file = x[0]; });
      if (!file) return null;
      (await load('t-' + file + '.json')).forEach(function (e) { if (e[0] === id && e[1] === seg) text = e[2]; });
      o -= seg * M.text.seg;
    }
    var chars = Array.from(text);
    if (!chars.length) return null;
    var from = Math.max(0, o - 24), to = Math.min(chars.length, o + 60);
    return (from > 0 ? '…' : '') + chars.slice(from, to).join('').replace(/\s+/g, ' ') + (to < chars.length ? '…' : '');
  }

  // marked: text with the terms in <mark>.
  function marked(el, text, ts) {
    var chars = Array.from(text), f = fold(text), on = new Uint8Array(chars.length);
    ts.forEach(function (t) {
      for (var i = 0; i + t.length <= f.length; i++) {
        var k = 0;
        while (k < t.length && f[i + k] === t[k]) k++;
        if (k === t.length) on.fill(1, i, i + k);
      }
    });
    for (var i = 0; i < chars.length;) {
      var j = i;
      while (j < chars.length && on[j] === on[i]) j++;
      var s = chars.slice(i, j).join('');
      if (on[i]) {
        var m = document.createElement('mark');
        m.textContent = s;
        el.appendChild(m);
      } else el.appendChild(document.createTextNode(s));
      i = j;
    }
    return el;
  }

  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  function href(u) {
    try {
      var url = new URL(String(u).replace(/^\//, ''), siteRoot);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) { return null; }
  }

  // anchor: the clause at or before a body hit, so the link opens there.
  function anchor(d, h) {
    var id = null;
    if (h && d.a) d.a.forEach(function (x) { if (x[0] <= h.o) id = x[1]; });
    return id;
  }

  async function renderItem(item, ts) {
    var d = await info(item.id) || {}, li = el('li', 'search-hit');
    var body = item.hits.find(function (h) { return h.f === 1; });
    var a = el('a', 'search-title', li), u = href(d.u), id = anchor(d, body);
    if (u) a.href = id ? u + '#' + encodeURIComponent(id) : u;
    marked(a, d.t || '', ts);
    if (d.c) marked(el('p', 'search-context', li), d.c, ts);
    var shown = {};
    for (var h of item.hits) {
      if (h.f >= 3 && d.n && d.n[h.f - 3] && !shown[h.f]) {
        shown[h.f] = 1;
        marked(el('p', 'search-name', li), '匹配：' + d.n[h.f - 3], ts);
      }
    }
    if (d.d) {
      var time = el('time', 'search-date', li);
      time.dateTime = d.d;
      time.textContent = d.d;
    }
    if (body) {
      var p = el('p', 'search-snippet', li);
      snippet(item.id, d, body).then(function (s) { if (s) marked(p, s, ts); }).catch(function () {});
    }
    return li;
  }

  // renderPage shows the next PAGE items of a group, then "显示更多".
  async function renderPage(g, ol, section, ts, focus) {
    var items = g.items.slice(g.shown, g.shown + PAGE);
    g.shown += items.length;
    var lis = await Promise.all(items.map(function (it) { return renderItem(it, ts); }));
    lis.forEach(function (li) { ol.appendChild(li); });
    if (focus && lis[0]) lis[0].querySelector('a').focus();
    var old = section.querySelector('.search-more');
    if (old) old.remove();
    if (g.shown < g.items.length) {
      var b = el('button', 'search-more', section);
      b.type = 'button';
      b.textContent = '显示更多' + g.label + '（还有 ' + (g.items.length - g.shown) + ' 条）';
      b.addEventListener('click', function () {
        b.disabled = true;
        renderPage(g, ol, section, ts, true).catch(fail);
      });
    }
  }

  var seq = 0;
  function fail(err) {
    status.textContent = '搜索暂时不可用，请稍后重试。';
    if (window.console) console.warn(err);
  }

  async function run(q) {
    var my = ++seq;
    q = q.trim();
    if (!q) {
      status.textContent = '';
      list.textContent = '';
      return;
    }
    status.textContent = '正在搜索…';
    await manifest();
    var ts = terms(q);
    var groups = ts.length ? await search(ts) : [];
    var frag = document.createDocumentFragment(), pages = [];
    var total = 0;
    // Narrow by kind: shareable links.
    var kind = new URLSearchParams(location.search).get('type') || '', all = 0;
    groups.forEach(function (g) { all += g.items.length; });
    if (!groups.some(function (g) { return g.type === kind; })) kind = '';
    if (groups.length > 1) {
      var nav = el('ul', 'facets search-kinds', frag);
      nav.setAttribute('aria-label', '按类别筛选');
      [{ type: '', label: '全部', items: { length: all } }].concat(groups).forEach(function (k) {
        var a = el('a', null, el('li', null, nav)), u = new URL(location.href);
        u.searchParams.set('q', q);
        u.searchParams.set('type', k.type);
        a.href = u.pathname + u.search;
        a.textContent = k.label + '（' + k.items.length + '）';
        if (k.type === kind) a.setAttribute('aria-current', 'true');
      });
    }
    groups.forEach(function (g) {
      if (kind && g.type !== kind) return;
      total += g.items.length;
      g.shown = 0;
      var section = el('section', 'search-group', frag), h = el('h2', null, section);
      h.textContent = g.label + '（' + g.items.length + '）';
      var ol = el('ol', 'search-hits', section);
      pages.push(renderPage(g, ol, section, ts, false));
    });
    await Promise.all(pages);
    if (my !== seq) return; // a newer query has started
    list.textContent = '';
    list.appendChild(frag);
    status.textContent = total ? '找到 ' + total + ' 条结果' : '没有找到与“' + q + '”相关的结果';
  }

  function start(q) { run(q).catch(fail); }

  function keepInURL(q) {
    var u = new URL(location.href);
    if (q.trim()) u.searchParams.set('q', q); else u.searchParams.delete('q');
    history.replaceState(history.state, '', u.href);
  }

  var timer = 0;
  if (input) {
    var later = function () {
      clearTimeout(timer);
      timer = setTimeout(function () { keepInURL(input.value); start(input.value); }, 250);
    };
    // Wait while an input method composes.
    input.addEventListener('input', function (e) { if (!e.isComposing) later(); });
    input.addEventListener('compositionend', later);
    if (input.form) {
      input.form.addEventListener('submit', function (e) {
        e.preventDefault();
        clearTimeout(timer);
        keepInURL(input.value);
        start(input.value);
      });
    }
  }
  var q0 = new URLSearchParams(location.search).get('q') || '';
  if (input && !input.value) input.value = q0;
  if (q0) start(q0);
})();
