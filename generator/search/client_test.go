package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file is a Go transcription of the query algorithm in
// templates/static/search.js, reading only the built files, so tests can check
// the index end to end (and count the bytes a browser would download).

type clientManifest struct {
	Version int       `json:"version"`
	Fold    [2]string `json:"fold"`
	Types   []struct {
		Type  string `json:"type"`
		Label string `json:"label"`
		First int    `json:"first"`
		Count int    `json:"count"`
	} `json:"types"`
	Shards []string          `json:"shards"`
	Heavy  map[string]string `json:"heavy"`
	Docs   struct {
		Per   int      `json:"per"`
		Files []string `json:"files"`
	} `json:"docs"`
	Text struct {
		Seg     int `json:"seg"`
		Overlap int `json:"overlap"`
	} `json:"text"`
	Regions struct {
		List [][3]any `json:"list"` // [code, name, parent index + 1]
		File string   `json:"file"`
	} `json:"regions"`
}

type clientInfo struct {
	T    string               `json:"t"`
	U    string               `json:"u"`
	C    string               `json:"c"`
	D    string               `json:"d"`
	N    []string             `json:"n"`
	B    string               `json:"b"`
	X    []json.RawMessage    `json:"x"`
	A    []clientAnchor       `json:"-"` // decoded from "a" by info
	RawA [][2]json.RawMessage `json:"a"`
}

// clientAnchor is one [offset, id] pair of a doc-info's "a".
type clientAnchor struct {
	Off int
	ID  string
}

// client holds the built files and records which ones a query fetched.
type client struct {
	files   map[string][]byte
	m       clientManifest
	fold    map[rune]rune
	fetched map[string]bool
	bytes   int
	where   []int // each document's place, index + 1 in m.Regions.List (0: none)
}

func newClient(files []File) (*client, error) {
	c := &client{files: map[string][]byte{}, fetched: map[string]bool{}, fold: map[rune]rune{}}
	for _, f := range files {
		c.files[f.Path] = f.Data
	}
	if err := json.Unmarshal(c.get("search/manifest.json"), &c.m); err != nil {
		return nil, err
	}
	from, to := []rune(c.m.Fold[0]), []rune(c.m.Fold[1])
	if len(from) != len(to) {
		return nil, fmt.Errorf("fold table: %d source runes, %d targets", len(from), len(to))
	}
	for i := range from {
		c.fold[from[i]] = to[i]
	}
	return c, nil
}

// reset forgets the per-query download count but keeps the manifest, as a
// browser that already has it cached would for the next query; the manifest
// is counted on every query anyway to give the figure for a first visit.
func (c *client) reset() {
	c.fetched = map[string]bool{}
	c.bytes = 0
	c.get("search/manifest.json")
}

func (c *client) get(path string) []byte {
	data, ok := c.files[path]
	if !ok {
		panic("missing file " + path)
	}
	if !c.fetched[path] {
		c.fetched[path] = true
		c.bytes += len(data)
	}
	return data
}

func (c *client) foldQuery(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		if 'A' <= r && r <= 'Z' {
			rs[i] = r + 32
		} else if f, ok := c.fold[r]; ok {
			rs[i] = f
		}
	}
	return rs
}

func (c *client) posting(gram string) []byte {
	var path string
	if h, ok := c.m.Heavy[gram]; ok {
		path = "search/s-" + h + ".bin"
	} else if len(c.m.Shards) > 0 {
		path = "search/s-" + c.m.Shards[gramHash(gram)%uint32(len(c.m.Shards))] + ".bin"
	} else {
		return nil
	}
	data := c.get(path)
	for len(data) > 0 {
		kl, n := binary.Uvarint(data)
		key := string(data[n : n+int(kl)])
		data = data[n+int(kl):]
		pl, n := binary.Uvarint(data)
		p := data[n : n+int(pl)]
		data = data[n+int(pl):]
		if key == gram {
			return p
		}
	}
	return nil
}

type cOcc struct {
	f, o int
	end  bool
}

type cRec struct {
	id   int
	occs []cOcc
}

func decodePosting(p []byte) []cRec {
	var recs []cRec
	id := 0
	next := func() int {
		v, n := binary.Uvarint(p)
		p = p[n:]
		return int(v)
	}
	for len(p) > 0 {
		head := next()
		id += head >> 1
		cnt := 1
		if head&1 == 0 {
			cnt = next()
		}
		r := cRec{id: id}
		pf, po := -1, 0
		for range cnt {
			fc, off := next(), next()
			f := fc >> 1
			if f == pf {
				off += po
			}
			r.occs = append(r.occs, cOcc{f, off, fc&1 == 1})
			pf, po = f, off
		}
		recs = append(recs, r)
	}
	return recs
}

// termHit is the best match of one term in one document.
type termHit struct {
	class int
	f, o  int // location of the first occurrence with that class
}

func classOf(f, o int, whole bool) int {
	switch {
	case f < fieldTitle:
		return 3
	case o == 0 && whole:
		return 0
	case o == 0:
		return 1
	}
	return 2
}

func (c *client) term(t []rune) map[int]termHit {
	out := map[int]termHit{}
	if len(t) == 1 {
		for _, r := range decodePosting(c.posting(string(t))) {
			best := termHit{class: 4}
			for _, o := range r.occs {
				if cl := classOf(o.f, o.o, o.end); cl < best.class {
					best = termHit{cl, o.f, o.o}
				}
			}
			out[r.id] = best
		}
		return out
	}
	type key struct{ f, o int }
	first := decodePosting(c.posting(string(t[0:2])))
	if len(first) == 0 {
		return out
	}
	rest := make([]map[int]map[key]bool, len(t)-2)
	for i := range rest {
		p := c.posting(string(t[i+1 : i+3]))
		if p == nil {
			return out
		}
		rest[i] = map[int]map[key]bool{}
		for _, r := range decodePosting(p) {
			s := map[key]bool{}
			for _, o := range r.occs {
				s[key{o.f, o.o}] = o.end
			}
			rest[i][r.id] = s
		}
	}
	for _, r := range first {
		best := termHit{class: 4}
	occs:
		for _, o := range r.occs {
			end := o.end
			for i, m := range rest {
				e, ok := m[r.id][key{o.f, o.o + i + 1}]
				if !ok {
					continue occs
				}
				end = e
			}
			if cl := classOf(o.f, o.o, end); cl < best.class {
				best = termHit{cl, o.f, o.o}
			}
		}
		if best.class < 4 {
			out[r.id] = best
		}
	}
	return out
}

// terms folds q and splits it at separators, dropping duplicates.
func (c *client) terms(q string) [][]rune {
	var ts [][]rune
	seen := map[string]bool{}
	var cur []rune
	flush := func() {
		if len(cur) > 0 && !seen[string(cur)] {
			seen[string(cur)] = true
			ts = append(ts, cur)
		}
		cur = nil
	}
	for _, r := range c.foldQuery(q) {
		if isSep(r) {
			flush()
		} else {
			cur = append(cur, r)
		}
	}
	flush()
	return ts
}

type result struct {
	id, class int
	hits      []termHit // one per term
}

type group struct {
	typ, label string
	best       int
	results    []result
}

// search runs q and returns groups in display order.
func (c *client) search(q string) []group {
	ts := c.terms(q)
	if len(ts) == 0 {
		return nil
	}
	var matched map[int]*result
	for ti, t := range ts {
		hits := c.term(t)
		next := map[int]*result{}
		for id, h := range hits {
			if ti == 0 {
				next[id] = &result{id: id, class: h.class, hits: []termHit{h}}
			} else if r, ok := matched[id]; ok {
				r.class = max(r.class, h.class)
				r.hits = append(r.hits, h)
				next[id] = r
			}
		}
		matched = next
	}
	// search.js fetches the places of all documents with any result, to
	// offer and apply the narrowing by city and county.
	c.where = nil
	if len(matched) > 0 && c.m.Regions.File != "" {
		p := c.get("search/r-" + c.m.Regions.File + ".bin")
		for len(p) > 0 {
			v, n := binary.Uvarint(p)
			c.where = append(c.where, int(v))
			p = p[n:]
		}
	}
	var groups []group
	for _, tr := range c.m.Types {
		g := group{typ: tr.Type, label: tr.Label, best: 4}
		for id := tr.First; id < tr.First+tr.Count; id++ {
			if r, ok := matched[id]; ok {
				g.results = append(g.results, *r)
				g.best = min(g.best, r.class)
			}
		}
		if len(g.results) == 0 {
			continue
		}
		sort.SliceStable(g.results, func(i, j int) bool { return g.results[i].class < g.results[j].class })
		groups = append(groups, g)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].best < groups[j].best })
	return groups
}

// placeOf returns the index + 1 in the place list of document id's city
// and county (0: none).
func (c *client) placeOf(id int) (city, county int) {
	v := 0
	if id < len(c.where) {
		v = c.where[id]
	}
	if v == 0 {
		return 0, 0
	}
	if p := c.parentOf(v); p != 0 {
		return p, v
	}
	return v, 0
}

func (c *client) parentOf(v int) int { return int(c.m.Regions.List[v-1][2].(float64)) }

// placeIndex is the index + 1 of the place with this code and parent, or 0.
func (c *client) placeIndex(code string, parent int) int {
	for i, e := range c.m.Regions.List {
		if e[0] == code && c.parentOf(i+1) == parent {
			return i + 1
		}
	}
	return 0
}

// narrow keeps the results in the city and county of these codes, as
// search.js does for ?city= and ?county=: a county counts only inside the
// city given, an unknown code not at all. Groups left empty are dropped.
func (c *client) narrow(groups []group, city, county string) []group {
	ci := c.placeIndex(city, 0)
	co := 0
	if ci != 0 {
		co = c.placeIndex(county, ci)
	}
	var out []group
	for _, g := range groups {
		var kept []result
		for _, r := range g.results {
			if pc, pk := c.placeOf(r.id); (ci == 0 || pc == ci) && (co == 0 || pk == co) {
				kept = append(kept, r)
			}
		}
		if len(kept) > 0 {
			g.results = kept
			out = append(out, g)
		}
	}
	return out
}

const shownPerGroup = 10 // search.js shows this many per group before "显示更多"

// display fetches what search.js fetches to draw the first page of results:
// the doc-info of the shown results and, for body matches in long bodies,
// the text segment holding the match. It returns the snippet source text
// (folded) starting at each body match, keyed by id, to check placement.
func (c *client) display(groups []group) map[int]string {
	snips := map[int]string{}
	for _, g := range groups {
		for _, r := range g.results[:min(len(g.results), shownPerGroup)] {
			info := c.info(r.id)
			for _, h := range r.hits {
				if h.f != fieldBody {
					continue
				}
				if info.B != "" {
					snips[r.id] = string(c.foldQuery(string([]rune(info.B)[h.o:])))
					break
				}
				seg := h.o / c.m.Text.Seg
				var file string
				for _, x := range info.X {
					var ref []json.RawMessage
					var h string
					var first int
					_ = json.Unmarshal(x, &ref)
					_ = json.Unmarshal(ref[0], &h)
					_ = json.Unmarshal(ref[1], &first)
					if first <= seg {
						file = h
					}
				}
				var entries [][]json.RawMessage
				_ = json.Unmarshal(c.get("search/t-"+file+".json"), &entries)
				for _, e := range entries {
					var id, s int
					var text string
					_ = json.Unmarshal(e[0], &id)
					_ = json.Unmarshal(e[1], &s)
					_ = json.Unmarshal(e[2], &text)
					if id == r.id && s == seg {
						snips[r.id] = string(c.foldQuery(string([]rune(text)[h.o-seg*c.m.Text.Seg:])))
					}
				}
				break
			}
		}
	}
	return snips
}

func (c *client) info(id int) clientInfo {
	var infos []clientInfo
	per := c.m.Docs.Per
	if err := json.Unmarshal(c.get("search/d-"+c.m.Docs.Files[id/per]+".json"), &infos); err != nil {
		panic(err)
	}
	info := infos[id%per]
	for _, a := range info.RawA {
		var x clientAnchor
		if json.Unmarshal(a[0], &x.Off) != nil || json.Unmarshal(a[1], &x.ID) != nil {
			panic(fmt.Sprintf("doc %d: bad anchor %s", id, a))
		}
		info.A = append(info.A, x)
	}
	return info
}

// link is the address search.js gives a result: the document's url, with
// the fragment of the last anchor at or before its first body hit (the hit
// the snippet shows).
func (c *client) link(r result) string {
	info := c.info(r.id)
	for _, h := range r.hits {
		if h.f != fieldBody {
			continue
		}
		id := ""
		for _, a := range info.A {
			if a.Off <= h.o {
				id = a.ID
			}
		}
		if id != "" {
			return info.U + "#" + id
		}
		break
	}
	return info.U
}

// bruteDocs holds every document's folded fields as strings, for bruteForce.
func bruteDocs(preps []prepared) [][]string {
	out := make([][]string, len(preps))
	for id, p := range preps {
		out[id] = p.fields
	}
	return out
}

// bruteForce is the reference: for each document, each term's best class by
// a plain substring scan of the folded fields.
func bruteForce(docs [][]string, q string) map[int]int {
	terms := strings.FieldsFunc(Fold(q), isSep)
	out := map[int]int{}
	if len(terms) == 0 {
		return out
	}
	for id, fields := range docs {
		worst := -1
		for _, t := range terms {
			best := 4
			for f, s := range fields {
				from, runes := 0, 0 // byte offset and its rune offset
				for best > classOf(f, 1, false) || f >= fieldTitle {
					i := strings.Index(s[from:], t)
					if i < 0 {
						break
					}
					runes += utf8.RuneCountInString(s[from : from+i])
					best = min(best, classOf(f, runes, runes == 0 && len(t) == len(s)))
					_, size := utf8.DecodeRuneInString(s[from+i:])
					from += i + size
					runes++
				}
			}
			if best == 4 {
				worst = -1
				break
			}
			worst = max(worst, best)
		}
		if worst >= 0 {
			out[id] = worst
		}
	}
	return out
}
