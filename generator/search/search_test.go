package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"full-width ASCII", "Ａｂｃ１２３－（）", "abc123-()"},
		{"ASCII upper case", "MA0001X", "ma0001x"},
		{"ideographic space", "晨光　小区", "晨光 小区"},
		{"traditional variants", "東區華園業主委員會", "东区华园业主委员会"},
		{"half-width katakana", "ｶﾀ", "カタ"},
		{"simplified unchanged", "阳光小区", "阳光小区"},
		{"mixed", "晉建示〔２０２２〕１號", "晋建示〔2022〕1号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fold(tt.in)
			if got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) {
				t.Errorf("Fold(%q) changed the rune count", tt.in)
			}
			if Fold(got) != got {
				t.Errorf("Fold is not idempotent on %q", tt.in)
			}
		})
	}
}

// TestFoldTable keeps the assumptions behind foldTable true: width.Fold
// changes no rune outside the ranges scanned, every variant pair is a
// distinct mapping, and no target is itself folded (so folding is idempotent).
func TestFoldTable(t *testing.T) {
	tab := foldTable()
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		s := string(r)
		if width.Fold.String(s) != s {
			if _, ok := tab[r]; !ok && r != 0x3000 && (r < 0xFF00 || r > 0xFFEF) {
				t.Errorf("width.Fold changes %U, outside the table's ranges", r)
			}
		}
	}
	seen := map[rune]bool{}
	for _, p := range variantPairs {
		rs := []rune(p)
		if len(rs) != 3 || rs[1] != ' ' || rs[0] == rs[2] {
			t.Errorf("variant pair %q: want \"traditional simplified\"", p)
			continue
		}
		if seen[rs[0]] {
			t.Errorf("variant %c listed twice", rs[0])
		}
		seen[rs[0]] = true
	}
	for from, to := range tab {
		if _, ok := tab[to]; ok {
			t.Errorf("%c folds to %c, which folds again", from, to)
		}
	}
	if n := len(variantPairs); n < 50 || n > 200 {
		t.Errorf("%d variant pairs; the table is meant to be small", n)
	}
}

func buildClient(t testing.TB, docs []Doc) (*client, []prepared, Stats) {
	t.Helper()
	files, st := Build(docs)
	c, err := newClient(files)
	if err != nil {
		t.Fatal(err)
	}
	return c, prepareAll(docs), st
}

// handmade documents exercise folding end to end and field edge cases.
var handmade = []Doc{
	{Type: "community", Title: "東區華園", URL: "/communities/H1/", Context: "示例市　示例區 · 示例街道", Names: []string{"東區華園"}},
	{Type: "enterprise", Title: "示例ＡＢＣ物业有限公司", URL: "/enterprises/H2/", Names: []string{"示例ＡＢＣ物业有限公司", "91140100MA0XYZ123Q"}},
	{Type: "community", Title: "晨", URL: "/communities/H3/", Names: []string{"晨"}},
	{Type: "news", Title: "示例 标题 有 空格", URL: "/news/H4/", Body: strings.Repeat("业主大会召开。", 100) + "东区华园换届选举"},
	{Type: "other", Title: "未知类型示例", URL: "/x/H5/", Body: "短正文"},
	{Type: "community", Title: "华苑", URL: "/communities/H6/", Context: "华苑华苑", Names: []string{"华苑", "華苑东区"}},
}

func TestSearchMatchesBruteForce(t *testing.T) {
	docs := append(corpus(1, 2000, 300, 20, 40, 10, 5), handmade...)
	c, preps, _ := buildClient(t, docs)
	folded := bruteDocs(preps)
	r := rand.New(rand.NewPCG(7, 7))

	// Queries: random substrings (1–4 runes) of every kind of field, some
	// rewritten in full-width or traditional form, some multi-term, and
	// some that match nothing.
	var queries []string
	for range 1500 {
		p := preps[r.IntN(len(preps))]
		src := []string{p.title, p.ctx, p.body}
		src = append(src, p.names...)
		rs := []rune(src[r.IntN(len(src))])
		if len(rs) == 0 {
			continue
		}
		n := 1 + r.IntN(4)
		i := r.IntN(len(rs))
		q := string(rs[i:min(len(rs), i+n)])
		switch r.IntN(6) {
		case 0:
			q = width.Widen.String(q)
		case 1:
			q = strings.NewReplacer("区", "區", "华", "華", "业", "業", "园", "園", "东", "東").Replace(q)
		case 2:
			q += " " + string([]rune(p.title)[:1])
		}
		queries = append(queries, q)
	}
	queries = append(queries, "東区", "abc物业", "ma0xyz", "晨", "华园换届", "不存在的词语", "  ", "业主大会召开。业主", "示例 标题", "华苑", "苑东", "华苑华")

	for _, q := range queries {
		want := bruteForce(folded, q)
		got := map[int]int{}
		for _, g := range c.search(q) {
			for _, res := range g.results {
				got[res.id] = res.class
			}
		}
		if len(got) != len(want) {
			t.Errorf("query %q: %d results, brute force finds %d", q, len(got), len(want))
			continue
		}
		for id, cl := range want {
			if gc, ok := got[id]; !ok || gc != cl {
				t.Errorf("query %q: doc %q class %d (found %v), brute force class %d", q, preps[id].title, gc, ok, cl)
			}
		}
	}
}

// TestSnippetPlacement checks that what the client shows for a body match
// starts with the matched text: positions and text segments agree.
func TestSnippetPlacement(t *testing.T) {
	docs := append(corpus(2, 200, 20, 10, 20, 5, 5), handmade...)
	c, _, _ := buildClient(t, docs)
	for _, q := range []string{"维修资金", "换届选举", "东区华园", "公共收益", "矛盾纠纷化解"} {
		groups := c.search(q)
		snips := c.display(groups)
		bodyHits := 0
		for _, g := range groups {
			for _, r := range g.results[:min(len(g.results), shownPerGroup)] {
				for _, h := range r.hits {
					if h.f == fieldBody {
						bodyHits++
						if s := snips[r.id]; !strings.HasPrefix(s, Fold(q)) {
							t.Errorf("query %q doc %d: snippet starts %q", q, r.id, s[:min(len(s), 30)])
						}
					}
				}
			}
		}
		if bodyHits == 0 {
			t.Errorf("query %q: no body match to check", q)
		}
	}
}

// TestNarrowByPlace narrows results to a city and to a county as search.js
// does for ?city= and ?county=: exactly the brute-force results whose
// document lies there. A county outside the city given, a county without a
// city, or an unknown code narrows nothing further; a result with no place
// is never kept by a narrowing.
func TestNarrowByPlace(t *testing.T) {
	docs := append(corpus(5, 2000, 300, 20, 40, 10, 5), handmade...)
	c, preps, _ := buildClient(t, docs)
	folded := bruteDocs(preps)
	in := func(id int, code string) bool {
		for _, p := range preps[id].doc.Where {
			if p.Code == code {
				return true
			}
		}
		return false
	}
	narrowings := []struct{ city, county, in string }{
		{"140100", "", "140100"},
		{"140100", "140101", "140101"},
		{"140300", "140302", "140302"},
		{"140100", "140302", "140100"}, // the county lies in another city
		{"", "140101", ""},
		{"149900", "", ""},
	}
	// The manifest lists each place once, in code order, a county after
	// its city's index.
	for i, e := range c.m.Regions.List {
		if i > 0 && e[0].(string) <= c.m.Regions.List[i-1][0].(string) {
			t.Errorf("place %v listed after %v", e, c.m.Regions.List[i-1])
		}
		if p := c.parentOf(i + 1); p > i {
			t.Errorf("place %v: parent %d", e, p)
		}
	}
	if n := len(c.m.Regions.List); n != 11+117 {
		t.Errorf("%d places in the manifest, want the 11 cities and 117 counties of the corpus", n)
	}
	kept := make([]int, len(narrowings))
	for _, q := range []string{"阳光", "小区", "物业", "华", "党建", "示例", "不存在的词语"} {
		want := bruteForce(folded, q)
		groups := c.search(q)
		for i, n := range narrowings {
			got := map[int]bool{}
			for _, g := range c.narrow(groups, n.city, n.county) {
				for _, r := range g.results {
					got[r.id] = true
				}
			}
			wantN := 0
			for id := range want {
				if n.in == "" || in(id, n.in) {
					wantN++
					if !got[id] {
						t.Errorf("query %q narrowed to %s/%s: %q (%v) missing", q, n.city, n.county, preps[id].title, preps[id].doc.Where)
					}
				}
			}
			if len(got) != wantN {
				t.Errorf("query %q narrowed to %s/%s: %d results, want %d", q, n.city, n.county, len(got), wantN)
			}
			kept[i] += len(got)
		}
	}
	for i, n := range narrowings[:3] {
		if kept[i] == 0 || kept[i] >= kept[len(kept)-1] {
			t.Errorf("narrowing to %s/%s kept %d results of %d: the test checks nothing", n.city, n.county, kept[i], kept[len(kept)-1])
		}
	}
}

func TestRanking(t *testing.T) {
	docs := []Doc{
		{Type: "policy", Title: "晨光条例", URL: "/policies/a/", Body: "提到晨光小区的正文"},
		{Type: "community", Title: "东方晨光小区", URL: "/communities/3/"},
		{Type: "community", Title: "晨光小区二期", URL: "/communities/2/"},
		{Type: "community", Title: "阳光小区", URL: "/communities/4/", Context: "示例·晨光小区物业"},
		{Type: "community", Title: "晨光小区", URL: "/communities/1/"},
		{Type: "enterprise", Title: "示例晨光物业", URL: "/enterprises/1/", Names: []string{"示例晨光物业", "晨光小区"}},
	}
	c, _, _ := buildClient(t, docs)
	var got []string
	for _, g := range c.search("晨光小区") {
		for _, r := range g.results {
			got = append(got, fmt.Sprintf("%s/%d/%s", g.label, r.class, c.info(r.id).T))
		}
	}
	want := []string{
		"小区/0/晨光小区", "小区/1/晨光小区二期", "小区/2/东方晨光小区", "小区/3/阳光小区",
		"物业服务企业/0/示例晨光物业",
		"政策法规/3/晨光条例",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
	// A group whose best match is better comes first.
	groups := c.search("晨光条例")
	if len(groups) == 0 || groups[0].label != "政策法规" {
		t.Errorf("晨光条例: first group %v, want 政策法规", groups)
	}
}

func TestDeterministic(t *testing.T) {
	docs := append(corpus(3, 500, 50, 5, 10, 5, 3), handmade...)
	a, sa := Build(docs)
	shuffled := append([]Doc(nil), docs...)
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, sb := Build(shuffled)
	if sa != sb || len(a) != len(b) {
		t.Fatalf("stats differ: %+v vs %+v", sa, sb)
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s vs %s", i, a[i].Path, b[i].Path)
		}
	}
	seen := map[string]bool{}
	for _, f := range a {
		if seen[f.Path] {
			t.Errorf("duplicate path %s", f.Path)
		}
		seen[f.Path] = true
		if !strings.HasPrefix(f.Path, "search/") {
			t.Errorf("path %s outside search/", f.Path)
		}
	}
}

func TestEmpty(t *testing.T) {
	c, _, st := buildClient(t, nil)
	if st.Files != 1 || len(c.search("晨光")) != 0 {
		t.Errorf("empty build: %+v", st)
	}
}

func provinceCorpus() []Doc { return corpus(42, 23494, 3000, 50, 200, 50, 10) }

// TestProvinceTraffic measures what a typical query downloads at province
// scale: 2–3 characters taken from community names, the way a resident
// searches. The manifest is counted every time (a first visit).
func TestProvinceTraffic(t *testing.T) {
	if testing.Short() {
		t.Skip("province-scale build")
	}
	docs := provinceCorpus()
	start := time.Now()
	files, st := Build(docs)
	buildTime := time.Since(start)
	c, err := newClient(files)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 11))
	var sizes []int
	for range 300 {
		d := docs[3000+r.IntN(23494)] // communities follow the companies
		rs := []rune(d.Title)
		n := 2 + r.IntN(2)
		i := r.IntN(max(1, len(rs)-n+1))
		q := string(rs[i:min(len(rs), i+n)])
		c.reset()
		groups := c.search(q)
		if len(groups) == 0 {
			t.Fatalf("query %q from %q found nothing", q, d.Title)
		}
		c.display(groups)
		sizes = append(sizes, c.bytes)
	}
	sort.Ints(sizes)
	p50, p90, p99 := sizes[len(sizes)/2], sizes[len(sizes)*9/10], sizes[len(sizes)*99/100]
	t.Logf("province: %d docs, build %v, %d files, %d KB total (postings %d KB in %d files, %d heavy, largest %d KB; %d doc-info, %d text files; manifest %d KB; places %d KB)",
		st.Docs, buildTime.Round(time.Millisecond), st.Files, st.Bytes>>10, st.PostingBytes>>10, st.Shards, st.Heavy, st.MaxShardBytes>>10, st.DocChunks, st.TextChunks, st.ManifestBytes>>10, st.PlaceBytes>>10)
	t.Logf("bytes per typical query: median %d KB, p90 %d KB, p99 %d KB, max %d KB", p50>>10, p90>>10, p99>>10, sizes[len(sizes)-1]>>10)
	if p90 >= 300<<10 {
		t.Errorf("90th percentile query downloads %d KB, want < 300 KB", p90>>10)
	}
}

func BenchmarkBuildProvince(b *testing.B) {
	docs := provinceCorpus()
	var text int64
	for _, d := range docs {
		text += int64(len(d.Title) + len(d.Context) + len(d.Body))
	}
	b.SetBytes(text)
	// CPU time is reported beside wall time: the build machines are shared,
	// and CPU time per build is what the index adds to a build on an idle one.
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	var st Stats
	start := cpu()
	for b.Loop() {
		_, st = Build(docs)
	}
	b.ReportMetric(float64((cpu()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(st.Grams), "grams")
}
