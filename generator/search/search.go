// Package search builds the static full-text index behind /search/: any
// substring of a title, name, context line or body is found by a small
// JavaScript client (templates/static/search.js) that downloads only the
// index files its query needs. Chinese has no spaces and community names are
// proper nouns no dictionary segments well, so the index is built on
// characters: every bigram (and, for one-character queries, every unigram) of
// the folded text (see Fold), with positions, so that a query of any length is
// verified exactly from the index alone — no false negatives and no false
// positives — and ranked without downloading document text.
//
// # Documents and fields
//
// Documents are sorted by (type order, title, URL, input order), titles and
// URLs compared as strings (code point order); the position
// in that order is the document id. So types are contiguous id ranges and,
// within one rank class, ascending id is the tie order the results need.
// Each document has fields, numbered:
//
//	0 context   1 body   2 title   3.. names (distinct from the title, at most 60)
//
// All fields are trimmed and folded; a position is a rune offset in the
// field. Fold maps each rune to one rune, so positions are also valid in the
// original text. Separator runes (ASCII controls and space, U+007F–U+00A0,
// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF) are
// not indexed: a gram never contains one, and the client splits a query into
// terms at them (every term must match).
//
// # Files (all paths relative to the site root)
//
// search/manifest.json — the entry point (not content-hashed; everything it
// names is: <hash> is the first 12 hex digits of the file's SHA-256, or all 64
// in the unlikely case two files share 12, so a cache never mixes builds):
//
//	{
//	  "version": 1,
//	  "fold": ["<from runes>", "<to runes>"],   // non-ASCII part of Fold, rune i → rune i; ASCII A–Z → a–z is implied
//	  "types": [{"type": "community", "label": "小区", "first": 0, "count": 23494}, …],   // id ranges, in id order
//	  "shards": ["<hash>", …],      // posting shard k is search/s-<hash>.bin
//	  "heavy": {"<gram>": "<hash>", …},   // grams with large postings, each alone in search/s-<hash>.bin
//	  "docs": {"per": 32, "files": ["<hash>", …]},   // doc-info chunk c (ids c*per …) is search/d-<hash>.json
//	  "text": {"seg": 400, "overlap": 80},  // long bodies are cut into segments (see below)
//	  "regions": {"list": [["140100", "太原市", 0], ["140105", "小店区", 1], …], "file": "<hash>"}   // places (see below)
//	}
//
// A gram (1 or 2 runes of folded text) lives in heavy[gram] if present, else
// in shards[h(gram) % len(shards)], where h is FNV-1a-style over code points:
// h = 2166136261; for each code point c: h = (h XOR c) * 16777619 mod 2^32.
//
// search/s-<hash>.bin — postings, binary. All integers are unsigned LEB128
// varints. The file is a sequence of entries sorted by gram bytes:
//
//	varint len(gram)  gram (UTF-8)  varint len(posting)  posting
//
// A posting is a sequence of per-document records in ascending id:
//
//	varint (id − previous id)*2 + single     // previous id starts at 0; single=1 when one occurrence
//	[varint n]                               // number of occurrences, only when single=0
//	n × { varint field*2 + end, varint off } // sorted by (field, off)
//
// end=1 when the gram is the last one of the field (so a query that starts at
// offset 0 and whose last gram has end=1 equals the whole field). off is the
// rune offset, stored as the difference from the previous occurrence when that
// one is in the same field. Bigram postings list every occurrence; unigram
// postings list only the first occurrence in each field (enough to rank a
// one-character query and to place its snippet).
//
// search/d-<hash>.json — doc-info: a JSON array of objects for `per`
// consecutive ids: {"t": title, "u": url, "c": context, "d": date,
// "n": [names, field 3 = n[0] …], "b": body (when at most 200 runes),
// "x": [[text hash, first segment], …] (longer bodies: segment k is in the
// file of the last entry whose first segment ≤ k), "a": [[body offset, id],
// …] (link targets in the body, ascending: see Doc.Anchors)}; empty keys
// omitted.
// Everything passed in a Doc may be published: callers must not pass private
// fields.
//
// search/t-<hash>.json — text of long bodies: a JSON array of
// [id, segment, text], where segment k holds body runes [k*seg, (k+1)*seg+overlap),
// so a snippet around any offset is in one segment.
//
// search/r-<hash>.bin — where each document is, so results can be narrowed
// to a city or county without fetching their doc-info: for ids 0, 1, … up to
// the last document with a place, varint (index in regions.list + 1) of its
// smallest place, 0 for none. regions.list holds every place once, as
// [code, name, parent] in code order, parent being the index + 1 of the
// place it lies in (0 for a top place, a city). A document is in its
// smallest place and every place above it. With no place at all, the list
// is empty and file is "" (no file).
//
// # Query (search.js, mirrored by the Go test client)
//
// Fold the query, split it into terms at separators. For a term of one rune,
// read its unigram posting; for a longer term of L runes, read the postings of
// its L−1 bigrams and keep an occurrence (field f, offset o) of the first
// bigram when bigram i occurs at (f, o+i) for every i. A document matches when
// every term does. Its class is the worst over terms of the term's best class:
// 0 the term equals the title or a name, 1 a title or name starts with it,
// 2 a title or name contains it, 3 only the context or body does. Results are
// grouped by type (groups ordered by their best class, then type order) and
// sorted by (class, id) within a group. Narrowed to a place, only the
// results in that place are kept. A result links to its url; when its
// first term hit in the body (the one the snippet shows) is at offset o and
// the doc-info has anchors, to url#id of the last anchor with offset ≤ o.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Doc is one searchable item.
type Doc struct {
	Type    string   // "community", "enterprise", "policy", "case", "news", "dataset"
	Title   string   // shown as the result title
	URL     string   // site path, e.g. "/communities/C000123/"
	Context string   // a short line shown under the title; indexed
	Names   []string // exact-name fields (name, credit code, doc number) for rank classes 0 and 1
	Body    string   // full text to index; may be long
	Date    string   // optional "2006-01-02"
	// Anchors are the places in Body a result can link to (a policy's
	// clauses), ascending by offset: a body match links to URL#ID of the last
	// anchor at or before it.
	Anchors []Anchor
	// Where is the region the document belongs to, from the largest down
	// (city, county), so results can be narrowed to either; nil for none.
	Where []Place
}

// Place is a region results can be narrowed to.
type Place struct {
	Code string // region code, as in the page address (?city=, ?county=)
	Name string // shown in the filter: "太原市", "小店区"
}

// Anchor is a link target inside a document's body.
type Anchor struct {
	Off int    // rune offset in Doc.Body where the target's text starts
	ID  string // fragment id on the page, without "#"
}

// File is one output file, Path relative to the site root.
type File struct {
	Path string
	Data []byte
}

// Stats describes a built index.
type Stats struct {
	Docs          int   // documents indexed
	Grams         int   // distinct unigrams and bigrams
	Shards        int   // posting files, heavy ones included
	Heavy         int   // grams stored alone in their own posting file
	DocChunks     int   // doc-info files
	TextChunks    int   // long-body text files
	Files         int   // all files, manifest included
	Bytes         int64 // total size of all files
	PostingBytes  int64 // size of all posting files
	MaxShardBytes int   // largest posting file
	ManifestBytes int
	PlaceBytes    int // the r- file, each document's place
}

// Tuning. Shards aim at shardTarget bytes so a query fetches a few tens of
// KB per gram; a gram whose posting alone exceeds heavyBytes gets its own
// file, so a rare gram never shares a shard with (and pays for) a common one.
const (
	shardTarget    = 32 << 10
	heavyBytes     = 12 << 10
	docChunkTarget = 4 << 10
	textFileTarget = 4 << 10
	inlineBody     = 200 // bodies up to this many runes go into doc-info
	textSeg        = 400
	textOverlap    = 80
	maxNames       = 60
	fieldContext   = 0
	fieldBody      = 1
	fieldTitle     = 2
)

// typeOrder is the result group order and its Chinese headings.
var typeOrder = []struct{ Type, Label string }{
	{"community", "小区"},
	{"enterprise", "物业服务企业"},
	{"policy", "政策法规"},
	{"case", "典型案例"},
	{"news", "工作动态"},
	{"dataset", "开放数据"},
}

func typeRank(t string) int {
	for i, o := range typeOrder {
		if o.Type == t {
			return i
		}
	}
	return len(typeOrder)
}

func typeLabel(t string) string {
	for _, o := range typeOrder {
		if o.Type == t {
			return o.Label
		}
	}
	return t
}

// isSep reports whether r separates query terms and is never indexed. The
// same set is written as a regular expression in search.js.
func isSep(r rune) bool {
	switch {
	case r <= 0x20, 0x7F <= r && r <= 0xA0, r == 0x1680, 0x2000 <= r && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}

// gramHash is the shard hash (see the package comment); search.js has the same.
func gramHash(g string) uint32 {
	h := uint32(2166136261)
	for _, r := range g {
		h = (h ^ uint32(r)) * 16777619
	}
	return h
}

type prepared struct {
	doc     Doc
	anchors [][2]any // [offset in the trimmed body, id], ascending
	title   string
	names   []string // distinct from title after folding
	ctx     string
	body    string
	fields  []string // folded, indexed by field number
}

func prepare(d Doc) prepared {
	p := prepared{doc: d, title: strings.TrimSpace(d.Title), ctx: strings.TrimSpace(d.Context), body: strings.TrimSpace(d.Body)}
	if len(d.Anchors) > 0 {
		// Anchor offsets count from the start of the trimmed body, like postings.
		lead := utf8.RuneCountInString(d.Body) - utf8.RuneCountInString(strings.TrimLeftFunc(d.Body, unicode.IsSpace))
		anchors := append([]Anchor(nil), d.Anchors...)
		sort.SliceStable(anchors, func(i, j int) bool { return anchors[i].Off < anchors[j].Off })
		for _, a := range anchors {
			if a.Off >= lead && a.ID != "" {
				p.anchors = append(p.anchors, [2]any{a.Off - lead, a.ID})
			}
		}
	}
	p.fields = append(make([]string, 0, 3+len(d.Names)), Fold(p.ctx), Fold(p.body), Fold(p.title))
names:
	for _, n := range d.Names {
		n = strings.TrimSpace(n)
		f := Fold(n)
		if n == "" || len(p.names) == maxNames {
			continue
		}
		for _, seen := range p.fields[fieldTitle:] { // few names: a scan beats a map
			if f == seen {
				continue names
			}
		}
		p.names = append(p.names, n)
		p.fields = append(p.fields, f)
	}
	return p
}

type occ struct {
	field int
	off   int
	end   bool
}

type gramAcc struct {
	key     string
	posting []byte
	lastDoc int
}

type docGram struct {
	gram int // index into builder.grams
	occs []occ
}

// gramTable is an open-addressing hash table from gram key to gram index:
// the lookup runs twice per character of text, and this is about twice as
// fast as a map. Key 0 never occurs (separators are not indexed).
type gramTable struct {
	keys  []uint64
	vals  []int32
	shift uint
	n     int
}

func newGramTable() *gramTable {
	return &gramTable{keys: make([]uint64, 1<<16), vals: make([]int32, 1<<16), shift: 64 - 16}
}

func (t *gramTable) slot(k uint64) int {
	mask := len(t.keys) - 1
	i := int((k * 0x9E3779B97F4A7C15) >> t.shift)
	for t.keys[i] != 0 && t.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

// get returns the index for k, calling create to make one when k is new.
func (t *gramTable) get(k uint64, create func() int) int {
	i := t.slot(k)
	if t.keys[i] == k {
		return int(t.vals[i])
	}
	v := create()
	t.keys[i], t.vals[i] = k, int32(v)
	if t.n++; t.n*2 > len(t.keys) {
		old, oldVals := t.keys, t.vals
		t.keys, t.vals = make([]uint64, 2*len(old)), make([]int32, 2*len(old))
		t.shift--
		for j, ok := range old {
			if ok != 0 {
				nj := t.slot(ok)
				t.keys[nj], t.vals[nj] = ok, oldVals[j]
			}
		}
	}
	return v
}

type builder struct {
	index *gramTable // bigram (and astral unigram) → index in grams
	uni   []int32    // BMP unigram → index in grams + 1 (0: none yet)
	grams []*gramAcc
	// per-document scratch, reused: for gram index g, curDoc[g] == doc+1
	// when cur[curPos[g]] holds its occurrences in the current document.
	curDoc, curPos []int32
	cur            []docGram
	doc            int32
}

func newBuilder() *builder {
	return &builder{index: newGramTable(), uni: make([]int32, 0x10000)}
}

func gramKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(b) }

func (b *builder) add(a, c rune, o occ, unigram bool) {
	newGram := func() int {
		s := string(a)
		if !unigram {
			s += string(c)
		}
		b.grams = append(b.grams, &gramAcc{key: s})
		b.curDoc, b.curPos = append(b.curDoc, 0), append(b.curPos, 0)
		return len(b.grams) - 1
	}
	var gi int
	if unigram && a < 0x10000 {
		if b.uni[a] == 0 {
			b.uni[a] = int32(newGram()) + 1
		}
		gi = int(b.uni[a]) - 1
	} else {
		gi = b.index.get(gramKey(a, c), newGram)
	}
	li := int(b.curPos[gi])
	if b.curDoc[gi] != b.doc {
		b.curDoc[gi], b.curPos[gi] = b.doc, int32(len(b.cur))
		li = len(b.cur)
		if li < cap(b.cur) {
			b.cur = b.cur[:li+1]
			b.cur[li].gram, b.cur[li].occs = gi, b.cur[li].occs[:0]
		} else {
			b.cur = append(b.cur, docGram{gram: gi})
		}
	}
	dg := &b.cur[li]
	if unigram && len(dg.occs) > 0 && dg.occs[len(dg.occs)-1].field == o.field {
		return // unigrams keep the first occurrence per field
	}
	dg.occs = append(dg.occs, o)
}

// addDoc appends document id's occurrences to every gram it contains. Fields
// are scanned in field order and offsets ascend, so occurrences arrive sorted.
func (b *builder) addDoc(id int, fields []string) {
	b.doc = int32(id) + 1
	b.cur = b.cur[:0]
	for f, s := range fields {
		n := utf8.RuneCountInString(s)
		i, prev := -1, rune(0x20) // rune index of prev; 0x20 is a separator
		for _, r := range s {
			if !isSep(prev) {
				if !isSep(r) {
					b.add(prev, r, occ{f, i, i+2 == n}, false)
				}
				b.add(prev, 0, occ{f, i, i+1 == n}, true)
			}
			i, prev = i+1, r
		}
		if !isSep(prev) {
			b.add(prev, 0, occ{f, i, true}, true)
		}
	}
	for _, dg := range b.cur {
		g := b.grams[dg.gram]
		head := uint64(id-g.lastDoc) * 2
		if len(dg.occs) == 1 {
			head++
		}
		g.posting = binary.AppendUvarint(g.posting, head)
		if len(dg.occs) != 1 {
			g.posting = binary.AppendUvarint(g.posting, uint64(len(dg.occs)))
		}
		prev := occ{field: -1}
		for _, o := range dg.occs {
			fc := uint64(o.field) * 2
			if o.end {
				fc++
			}
			off := o.off
			if o.field == prev.field {
				off -= prev.off
			}
			g.posting = binary.AppendUvarint(g.posting, fc)
			g.posting = binary.AppendUvarint(g.posting, uint64(off))
			prev = o
		}
		g.lastDoc = id
	}
}

// hashLen is the length of the hex content hash in file names: 48 bits keep
// the manifest short; a clash (about 1 in 10^8 at province scale) is still
// handled, by falling back to the full hash for the second file.
const hashLen = 12

// prepareAll sorts docs into id order and folds their fields.
func prepareAll(docs []Doc) []prepared {
	type sortKey struct {
		rank       int
		typ, title string
		url        string
		i          int
	}
	keys := make([]sortKey, len(docs))
	for i, d := range docs {
		keys[i] = sortKey{typeRank(d.Type), d.Type, strings.TrimSpace(d.Title), d.URL, i}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := &keys[i], &keys[j]
		switch {
		case a.rank != b.rank:
			return a.rank < b.rank
		case a.typ != b.typ:
			return a.typ < b.typ
		case a.title != b.title:
			return a.title < b.title
		case a.url != b.url:
			return a.url < b.url
		}
		return a.i < b.i // input order breaks full ties: a total order
	})
	order := make([]int, len(docs))
	for id, k := range keys {
		order[id] = k.i
	}
	preps := make([]prepared, len(docs))
	for id, i := range order {
		preps[id] = prepare(docs[i])
	}
	return preps
}

// Build returns the index files for docs, sorted by path. The output depends
// only on docs (not on their order beyond ties of type, title and URL), and
// the work is linear in the total text size.
func Build(docs []Doc) ([]File, Stats) {
	preps := prepareAll(docs)
	b := newBuilder()
	for id := range preps {
		b.addDoc(id, preps[id].fields)
		preps[id].fields = nil // not needed any more
	}
	w := &indexWriter{written: map[string][32]byte{}}
	w.st.Docs = len(docs)
	w.st.Grams = len(b.grams)
	shards, heavy := w.postings(b.grams)
	textRefs := w.texts(preps)
	per, docFiles := w.docInfos(preps, textRefs)
	regions := w.places(preps)
	w.manifest(preps, shards, heavy, per, docFiles, regions)
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	w.st.Files = len(w.files)
	return w.files, w.st
}

// indexWriter collects the index files and their statistics.
type indexWriter struct {
	files   []File
	st      Stats
	written map[string][32]byte // path → SHA-256 of what was written there
}

func (w *indexWriter) emit(path string, data []byte) {
	w.files = append(w.files, File{Path: path, Data: data})
	w.st.Bytes += int64(len(data))
}

// put writes data to search/<prefix><hash><ext> and returns the hash: the
// short form unless another content already took it.
func (w *indexWriter) put(prefix, ext string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	for _, n := range []int{hashLen, len(h)} {
		path := "search/" + prefix + h[:n] + ext
		if prev, ok := w.written[path]; ok {
			if prev == sum {
				return h[:n] // identical file already written
			}
			continue
		}
		w.written[path] = sum
		w.emit(path, data)
		return h[:n]
	}
	panic("search: SHA-256 collision")
}

// postings writes the posting lists: heavy grams alone, the rest hashed
// into shards. It returns the shards' hashes and the heavy grams' files.
func (w *indexWriter) postings(grams []*gramAcc) (shardHashes []string, heavy map[string]string) {
	sort.Slice(grams, func(i, j int) bool { return grams[i].key < grams[j].key })
	heavy = map[string]string{}
	var light []*gramAcc
	var lightBytes int
	for _, g := range grams {
		if len(g.posting) > heavyBytes {
			data := appendEntry(nil, g)
			heavy[g.key] = w.put("s-", ".bin", data)
			w.st.Heavy++
			w.st.PostingBytes += int64(len(data))
			w.st.MaxShardBytes = max(w.st.MaxShardBytes, len(data))
			continue
		}
		light = append(light, g)
		lightBytes += len(g.key) + len(g.posting) + 4
	}
	nShards := 0
	if len(light) > 0 {
		nShards = (lightBytes + shardTarget - 1) / shardTarget
	}
	shardData := make([][]byte, nShards)
	for _, g := range light { // sorted by key, so each shard is too
		k := gramHash(g.key) % uint32(nShards)
		shardData[k] = appendEntry(shardData[k], g)
	}
	shardHashes = make([]string, nShards)
	for k, data := range shardData {
		shardHashes[k] = w.put("s-", ".bin", data)
		w.st.PostingBytes += int64(len(data))
		w.st.MaxShardBytes = max(w.st.MaxShardBytes, len(data))
	}
	w.st.Shards = nShards + w.st.Heavy
	return shardHashes, heavy
}

// texts writes the segments of long bodies, packed into files in (id,
// segment) order, and returns each document's (file, first segment) refs.
func (w *indexWriter) texts(preps []prepared) [][][2]any {
	textRefs := make([][][2]any, len(preps))
	var textBuf []any
	var textSize int
	var textIDs [][2]int // (id, seg) of each entry in textBuf
	flushText := func() {
		if len(textBuf) == 0 {
			return
		}
		data := mustJSON(textBuf)
		h := w.put("t-", ".json", data)
		w.st.TextChunks++
		for _, is := range textIDs {
			refs := textRefs[is[0]]
			if len(refs) == 0 || refs[len(refs)-1][0] != h {
				textRefs[is[0]] = append(refs, [2]any{h, is[1]})
			}
		}
		textBuf, textIDs, textSize = nil, nil, 0
	}
	for id := range preps {
		rs := []rune(preps[id].body)
		if len(rs) <= inlineBody {
			continue
		}
		for seg := 0; seg*textSeg < len(rs); seg++ {
			text := string(rs[seg*textSeg : min(len(rs), (seg+1)*textSeg+textOverlap)])
			textBuf = append(textBuf, []any{id, seg, text})
			textIDs = append(textIDs, [2]int{id, seg})
			textSize += len(text) + 16
			if textSize >= textFileTarget {
				flushText()
			}
		}
	}
	flushText()
	return textRefs
}

// docInfos writes the doc-info chunks, a fixed number of ids each, sized
// from the average entry; it returns that number and the chunks' hashes.
func (w *indexWriter) docInfos(preps []prepared, textRefs [][][2]any) (per int, hashes []string) {
	infos := make([][]byte, len(preps))
	total := 0
	for id, p := range preps {
		infos[id] = docInfo(p, textRefs[id])
		total += len(infos[id]) + 1
	}
	per = 32
	if len(infos) > 0 {
		per = min(256, max(4, docChunkTarget*len(infos)/max(1, total)))
	}
	for start := 0; start < len(infos); start += per {
		var buf bytes.Buffer
		buf.WriteByte('[')
		for i, info := range infos[start:min(len(infos), start+per)] {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.Write(info)
		}
		buf.WriteByte(']')
		hashes = append(hashes, w.put("d-", ".json", buf.Bytes()))
	}
	w.st.DocChunks = len(hashes)
	return per, hashes
}

// regionIndex is the manifest's "regions": every place once and the file
// of each document's place.
type regionIndex struct {
	List [][3]any `json:"list"` // [code, name, parent index + 1]
	File string   `json:"file"`
}

// places writes search/r-<hash>.bin, each document's smallest place as a
// small integer, and returns the table those integers index. A code seen
// twice keeps its first name and parent (in id order).
func (w *indexWriter) places(preps []prepared) regionIndex {
	type place struct{ name, parent string }
	seen := map[string]place{}
	var codes []string
	for _, p := range preps {
		parent := ""
		for _, pl := range p.doc.Where {
			if pl.Code == "" {
				continue
			}
			if _, ok := seen[pl.Code]; !ok {
				seen[pl.Code] = place{pl.Name, parent}
				codes = append(codes, pl.Code)
			}
			parent = pl.Code
		}
	}
	ri := regionIndex{List: [][3]any{}}
	if len(codes) == 0 {
		return ri
	}
	sort.Strings(codes)
	index := make(map[string]int, len(codes)) // code → index + 1
	for i, c := range codes {
		index[c] = i + 1
	}
	for _, c := range codes {
		ri.List = append(ri.List, [3]any{c, seen[c].name, index[seen[c].parent]})
	}
	var data []byte
	last := 0 // length of data up to the last document with a place
	for _, p := range preps {
		v := 0
		for _, pl := range p.doc.Where {
			if pl.Code != "" {
				v = index[pl.Code]
			}
		}
		data = binary.AppendUvarint(data, uint64(v))
		if v > 0 {
			last = len(data)
		}
	}
	ri.File = w.put("r-", ".bin", data[:last])
	w.st.PlaceBytes = last
	return ri
}

// manifest writes search/manifest.json: what the client loads first.
func (w *indexWriter) manifest(preps []prepared, shardHashes []string, heavy map[string]string, per int, docHashes []string, regions regionIndex) {
	type typeRange struct {
		Type  string `json:"type"`
		Label string `json:"label"`
		First int    `json:"first"`
		Count int    `json:"count"`
	}
	var types []typeRange
	for id, p := range preps {
		if n := len(types); n > 0 && types[n-1].Type == p.doc.Type {
			types[n-1].Count++
			continue
		}
		types = append(types, typeRange{p.doc.Type, typeLabel(p.doc.Type), id, 1})
	}
	from, to := foldStrings()
	m := struct {
		Version int               `json:"version"`
		Fold    [2]string         `json:"fold"`
		Types   []typeRange       `json:"types"`
		Shards  []string          `json:"shards"`
		Heavy   map[string]string `json:"heavy"` // encoding/json sorts keys
		Docs    struct {
			Per   int      `json:"per"`
			Files []string `json:"files"`
		} `json:"docs"`
		Text struct {
			Seg     int `json:"seg"`
			Overlap int `json:"overlap"`
		} `json:"text"`
		Regions regionIndex `json:"regions"`
	}{Version: 1, Fold: [2]string{from, to}, Types: types, Shards: shardHashes, Heavy: heavy, Regions: regions}
	if m.Types == nil {
		m.Types = []typeRange{}
	}
	if m.Shards == nil {
		m.Shards = []string{}
	}
	m.Docs.Per, m.Docs.Files = per, docHashes
	if m.Docs.Files == nil {
		m.Docs.Files = []string{}
	}
	m.Text.Seg, m.Text.Overlap = textSeg, textOverlap
	manifest := mustJSON(m)
	w.st.ManifestBytes = len(manifest)
	w.emit("search/manifest.json", manifest)
}

func appendEntry(dst []byte, g *gramAcc) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(g.key)))
	dst = append(dst, g.key...)
	dst = binary.AppendUvarint(dst, uint64(len(g.posting)))
	return append(dst, g.posting...)
}

func docInfo(p prepared, refs [][2]any) []byte {
	info := struct {
		T string   `json:"t,omitempty"`
		U string   `json:"u,omitempty"`
		C string   `json:"c,omitempty"`
		D string   `json:"d,omitempty"`
		N []string `json:"n,omitempty"`
		B string   `json:"b,omitempty"`
		X [][2]any `json:"x,omitempty"`
		A [][2]any `json:"a,omitempty"`
	}{T: p.title, U: p.doc.URL, C: p.ctx, D: p.doc.Date, N: p.names, X: refs, A: p.anchors}
	if utf8.RuneCountInString(p.body) <= inlineBody {
		info.B = p.body
	}
	return mustJSON(info)
}

// foldStrings returns the non-ASCII fold table as two strings of equal rune
// count, sorted by source rune, for the manifest.
func foldStrings() (string, string) {
	t := foldTable()
	keys := make([]rune, 0, len(t))
	for r := range t {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var from, to strings.Builder
	for _, r := range keys {
		from.WriteRune(r)
		to.WriteRune(t[r])
	}
	return from.String(), to.String()
}

// mustJSON marshals without HTML escaping (the files are fetched as data,
// never inlined into a page) to keep Chinese and "<" readable and short.
func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("search: " + err.Error()) // only plain strings and ints are encoded
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
