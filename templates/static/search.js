/* search.js: the static search on /search/ (ES2017, no dependencies). Index:
 * generator/search/search.go; markup: templates/pages/search.html. Reads ?q=,
 * ?type=, ?city= and ?county=; data goes in as textContent only. */
(() => {
'use strict';
var byId = id => document.getElementById(id), status = byId('search-results'), input = byId('search-q'), where = byId('search-where');
if (!status || !where || !window.fetch || !window.TextDecoder) return;

var PAGE = 10; // results shown per group, and added by "显示更多"
var SEP = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;
var manifestURL = new URL(status.dataset.manifest || 'manifest.json', location.href);
var siteRoot = new URL('../', manifestURL);
var list = el('div', 'search-list');
status.after(list);

// load fetches an index file once; parse reads a binary one.
var cache = new Map();
function load(name, parse) {
  if (!cache.has(name)) {
    var p = fetch(new URL(name, manifestURL)).then(r => {
      if (!r.ok) throw Error(name + ': HTTP ' + r.status);
      return parse ? r.arrayBuffer().then(parse) : r.json();
    });
    cache.set(name, p);
    p.catch(() => cache.delete(name));
  }
  return cache.get(name);
}

var M = null, foldMap = new Map();
async function manifest() {
  if (!M) {
    M = await load('manifest.json');
    var to = Array.from(M.fold[1]);
    Array.from(M.fold[0], (c, i) => foldMap.set(c, to[i]));
  }
}

// fold mirrors search.Fold.
function fold(s) {
  return Array.from(s, ch => ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : foldMap.get(ch) || ch);
}

// reader reads unsigned LEB128 varints.
function reader(b) {
  var r = { i: 0 };
  r.next = () => {
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
    var kl = r.next(), key = utf8.decode(b.subarray(r.i, r.i += kl)), pl = r.next();
    m.set(key, b.subarray(r.i, r.i += pl));
  }
  return m;
}

function varints(buf) {
  var b = new Uint8Array(buf), r = reader(b), a = [];
  while (r.i < b.length) a.push(r.next());
  return a;
}

function gramHash(g) {
  var h = 2166136261;
  for (var ch of g) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}

// posting: a gram's postings, or null. No key of Object.prototype has at
// most two characters, so heavy[g] needs no own-property check.
async function posting(g) {
  var name = M.heavy[g] || M.shards.length && M.shards[gramHash(g) % M.shards.length];
  return name && (await load('s-' + name + '.bin', parseShard)).get(g) || null;
}

// decode returns [[id, [field, offset, end, …]], …].
function decode(p) {
  var r = reader(p), out = [], id = 0;
  while (r.i < p.length) {
    var head = r.next(), n = head % 2 || r.next(), occ = [], pf = -1, po = 0;
    id += head >>> 1;
    for (var k = 0; k < n; k++) {
      var fc = r.next(), f = fc >>> 1, o = r.next();
      if (f === pf) o += po;
      occ.push(f, o, fc % 2);
      pf = f; po = o;
    }
    out.push([id, occ]);
  }
  return out;
}

// classOf: 0 is a name, 1 starts one, 2 in one, 3 elsewhere.
function classOf(f, o, whole) { return f < 2 ? 3 : o ? 2 : whole ? 0 : 1; }

// termHits: id → {c: class, f: field, o: offset} of one term.
async function termHits(t) {
  var hits = new Map(), grams = t.length === 1 ? [t[0]] : [];
  for (var i = 0; i + 1 < t.length; i++) grams.push(t[i] + t[i + 1]);
  var ps = await Promise.all(grams.map(posting));
  if (ps.some(p => !p)) return hits;
  var rest = ps.slice(1).map(p => {
    var m = new Map();
    decode(p).forEach(rec => {
      var s = new Map(), occ = rec[1];
      for (var k = 0; k < occ.length; k += 3) s.set(occ[k + 1] * 64 + occ[k], occ[k + 2]);
      m.set(rec[0], s);
    });
    return m;
  });
  decode(ps[0]).forEach(rec => {
    var id = rec[0], occ = rec[1], best = null;
    next: for (var k = 0; k < occ.length; k += 3) {
      var f = occ[k], o = occ[k + 1], end = occ[k + 2];
      for (var j = 0; j < rest.length; j++) {
        var s = rest[j].get(id), e = s && s.get((o + j + 1) * 64 + f);
        if (e === undefined) continue next;
        end = e;
      }
      var c = classOf(f, o, end === 1);
      if (!best || c < best.c) best = { c, f, o };
    }
    if (best) hits.set(id, best);
  });
  return hits;
}

function terms(q) {
  var seen = new Set();
  return fold(q).join('').split(SEP).filter(t => t && !seen.has(t) && seen.add(t)).map(t => Array.from(t));
}

// search: the groups in display order.
async function search(ts) {
  var matched = null;
  for (var t of ts) {
    var hits = await termHits(t), next = new Map();
    hits.forEach((h, id) => {
      var r = matched ? matched.get(id) : { id, c: h.c, hits: [] };
      if (!r) return;
      r.c = Math.max(r.c, h.c);
      r.hits.push(h);
      next.set(id, r);
    });
    matched = next;
  }
  var groups = [];
  M.types.forEach((tr, order) => {
    var items = [];
    matched.forEach(r => { if (r.id >= tr.first && r.id < tr.first + tr.count) items.push(r); });
    if (!items.length) return;
    items.sort((a, b) => a.c - b.c || a.id - b.id);
    groups.push({ type: tr.type, label: tr.label, best: items[0].c, order, items });
  });
  return groups.sort((a, b) => a.best - b.best || a.order - b.order);
}

async function info(id) {
  return (await load('d-' + M.docs.files[Math.floor(id / M.docs.per)] + '.json'))[id % M.docs.per];
}

// snippet: the body around a match, or null.
async function snippet(id, d, h) {
  var text = d.b || '', o = h.o;
  if (!text && d.x) {
    var seg = Math.floor(o / M.text.seg), file = null;
    d.x.forEach(x => { if (x[1] <= seg) file = x[0]; });
    if (!file) return null;
    (await load('t-' + file + '.json')).forEach(e => { if (e[0] === id && e[1] === seg) text = e[2]; });
    o -= seg * M.text.seg;
  }
  var chars = Array.from(text);
  if (!chars.length) return null;
  var from = Math.max(0, o - 24), to = Math.min(chars.length, o + 60);
  return (from ? '…' : '') + chars.slice(from, to).join('').replace(/\s+/g, ' ') + (to < chars.length ? '…' : '');
}

// marked: text with the terms in <mark>.
function marked(e, text, ts) {
  var chars = Array.from(text), f = fold(text), on = new Uint8Array(chars.length);
  ts.forEach(t => {
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
    if (on[i]) el('mark', null, e).textContent = s;
    else e.append(s);
    i = j;
  }
  return e;
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
    return /^https?:$/.test(url.protocol) ? url.href : null;
  } catch (e) { return null; }
}

async function renderItem(item, ts) {
  var d = await info(item.id) || {}, li = el('li', 'search-hit'), id = null;
  var body = item.hits.find(h => h.f === 1);
  var a = el('a', 'search-title', li), u = href(d.u);
  // The clause at or before a body hit, so the link opens there.
  if (body && d.a) d.a.forEach(x => { if (x[0] <= body.o) id = x[1]; });
  if (u) a.href = id ? u + '#' + encodeURIComponent(id) : u;
  marked(a, d.t || '', ts);
  if (d.c) marked(el('p', 'search-context', li), d.c, ts);
  // Names matched (fields 3…), each once.
  new Set(item.hits.map(h => d.n && d.n[h.f - 3])).forEach(x => x && marked(el('p', 'search-name', li), '匹配：' + x, ts));
  if (d.d) {
    var time = el('time', 'search-date', li);
    time.dateTime = time.textContent = d.d;
  }
  if (body) {
    var p = el('p', 'search-snippet', li);
    snippet(item.id, d, body).then(s => { if (s) marked(p, s, ts); }).catch(() => {});
  }
  return li;
}

// renderPage shows the next PAGE items of a group, then "显示更多".
async function renderPage(g, ol, section, ts, focus) {
  var items = g.items.slice(g.shown, g.shown += PAGE);
  var lis = await Promise.all(items.map(it => renderItem(it, ts)));
  ol.append.apply(ol, lis);
  if (focus && lis[0]) lis[0].querySelector('a').focus();
  var old = section.querySelector('.search-more');
  if (old) old.remove();
  if (g.shown < g.items.length) {
    var b = el('button', 'search-more', section);
    b.type = 'button';
    b.textContent = '显示更多' + g.label + '（还有 ' + (g.items.length - g.shown) + ' 条）';
    b.onclick = () => {
      b.disabled = true;
      renderPage(g, ol, section, ts, true).catch(fail);
    };
  }
}

var seq = 0, Q = '';
function fail(err) {
  status.textContent = '搜索暂时不可用，请稍后重试。';
  console.warn(err);
}

async function run(q) {
  var my = ++seq;
  Q = q = q.trim();
  if (!q) {
    status.textContent = list.textContent = '';
    where.hidden = true;
    return;
  }
  status.textContent = '正在搜索…';
  await manifest();
  var ts = terms(q), groups = ts.length ? await search(ts) : [];
  var P = new URLSearchParams(location.search), kind = P.get('type') || '';
  if (!groups.some(g => g.type === kind)) kind = '';
  // Narrow by place (?city=, ?county=): a result's city and county are
  // indexes + 1 in R.list; n counts the chosen kind's results in each.
  var R = M.regions || { list: [] }, pl = R.file && groups.length ? await load('r-' + R.file + '.bin', varints) : [];
  var at = id => { var v = pl[id] || 0, e = R.list[v - 1]; return e ? e[2] ? [e[2], v] : [v, 0] : [0, 0]; };
  var find = (code, up) => R.list.findIndex(e => e[0] === code && e[2] === up) + 1;
  var ci = find(P.get('city'), 0), co = ci && find(P.get('county'), ci), n = [], seen = new Set();
  groups.forEach(g => {
    if (!kind || g.type === kind) g.items.forEach(r => {
      at(r.id).forEach(v => n[v] = (n[v] || 0) + 1);
      seen.add(pl[r.id] || 0);
    });
  });
  groups = groups.filter(g => {
    g.items = g.items.filter(r => { var p = at(r.id); return (!ci || p[0] === ci) && (!co || p[1] === co); });
    return g.items.length;
  });
  var frag = document.createDocumentFragment(), pages = [], total = 0, all = 0;
  // Narrow by kind: shareable links.
  groups.forEach(g => all += g.items.length);
  if (groups.length > 1) {
    var nav = el('ul', 'facets search-kinds', frag);
    nav.setAttribute('aria-label', '按类别筛选');
    [{ type: '', label: '全部', items: { length: all } }].concat(groups).forEach(k => {
      var a = el('a', null, el('li', null, nav)), u = new URLSearchParams(location.search);
      u.set('type', k.type);
      a.href = '?' + u;
      a.textContent = k.label + '（' + k.items.length + '）';
      if (k.type === kind) a.setAttribute('aria-current', 'true');
    });
  }
  groups.forEach(g => {
    if (kind && g.type !== kind) return;
    total += g.items.length;
    g.shown = 0;
    var section = el('section', 'search-group', frag);
    el('h2', null, section).textContent = g.label + '（' + g.items.length + '）';
    pages.push(renderPage(g, el('ol', 'search-hits', section), section, ts, false));
  });
  await Promise.all(pages);
  if (my !== seq) return; // a newer query has started
  list.textContent = '';
  list.append(frag);
  // The place selects list the places of the results, with their counts.
  var fill = (s, up, cur) => {
    s.length = 1; // 全部
    R.list.forEach((e, i) => {
      i++;
      if (e[2] === up && (n[i] || i === cur)) s.add(new Option(e[1] + '（' + (n[i] || 0) + '）', e[0], 0, i === cur));
    });
  };
  fill(where.city, 0, ci);
  fill(where.county, ci || -1, co);
  where.county.parentNode.hidden = !ci;
  where.hidden = !ci && seen.size < 2;
  status.textContent = (ci ? '在' + R.list[ci - 1][1] + (co ? R.list[co - 1][1] : '') : '') +
    (total ? '找到 ' + total + ' 条结果' : '没有找到与“' + q + '”相关的结果');
}

function start(q) { run(q).catch(fail); }

// keep puts o's parameters into the address (empty ones out of it).
function keep(o) {
  var u = new URL(location.href);
  for (var k in o) o[k] ? u.searchParams.set(k, o[k]) : u.searchParams.delete(k);
  history.replaceState(history.state, '', u.href);
}

// A place chosen applies at once, as on the release pages; a new city
// clears the county.
where.onchange = e => {
  keep({ city: where.city.value, county: e.target === where.county && e.target.value });
  start(Q);
};

var timer = 0;
function go() { clearTimeout(timer); keep({ q: input.value.trim() && input.value }); start(input.value); }
if (input) {
  // Wait while an input method composes.
  var later = e => { if (!e.isComposing) { clearTimeout(timer); timer = setTimeout(go, 250); } };
  input.addEventListener('input', later);
  input.addEventListener('compositionend', later);
  if (input.form) input.form.onsubmit = e => { e.preventDefault(); go(); };
}
var q0 = new URLSearchParams(location.search).get('q') || '';
if (input && !input.value) input.value = q0;
if (q0) start(q0);
})();
