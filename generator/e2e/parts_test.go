package e2e

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// partsSite serves a release as a large one is published: the province page
// links its cities, a large city's page links its counties (the markup
// contract of table.js, <a data-region>), and the county page holds the
// table. The script is the shipped templates/static/table.js.
func partsSite(t *testing.T) string {
	t.Helper()
	js, err := os.ReadFile("../../templates/static/table.js")
	if err != nil {
		t.Fatal(err)
	}
	page := func(body string) string {
		return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>评价结果</title><link rel="icon" href="data:,"></head><body>` +
			body + `<script src="/static/table.js" defer></script></body></html>`
	}
	files := map[string]string{
		"static/table.js":                    string(js),
		"evaluations/2023/index.html":        page(`<h1 id="province">全省</h1><a href="140100/" data-region="140100">太原市</a>`),
		"evaluations/2023/140100/index.html": page(`<h1 id="city">太原市</h1><a href="140105/" data-region="140105">小店区</a>`),
		"evaluations/2023/140100/140105/index.html": page(`<h1 id="county">小店区</h1>` +
			`<form data-filter-for="eval-table" hidden><select name="grade"><option value="">全部</option><option value="优秀">优秀</option></select>` +
			`<input name="q"></form><table id="eval-table" data-table><thead><tr><th data-key="community" data-type="text">小区</th>` +
			`<th data-key="total" data-type="num">总分</th><th data-key="grade" data-type="grade">等级</th></tr></thead>` +
			`<tbody><tr><td>示例·花园小区</td><td>90</td><td>优秀</td></tr></tbody></table>`),
	}
	dir := t.TempDir()
	for rel, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestFilteredLinkOpensItsPart: a link shared as a filtered view of a whole
// release (?city=…&county=…) opens the page of the county it names, once
// the release is split into city and county pages, and keeps the other
// filters; a code with no page leaves the reader where they are.
func TestFilteredLinkOpensItsPart(t *testing.T) {
	base := partsSite(t)
	ctx, rec := newBrowser(t, 1024, 768)
	cases := []struct{ from, wantPath, wantQuery, landmark string }{
		{"/evaluations/2023/140100/?city=140100&county=140105&grade=优秀&sort=-total", "/evaluations/2023/140100/140105/", "grade=优秀&sort=-total", "#county"},
		{"/evaluations/2023/?city=140100&county=140105&grade=优秀", "/evaluations/2023/140100/140105/", "grade=优秀", "#county"},
		{"/evaluations/2023/?city=140100&q=花园", "/evaluations/2023/140100/", "q=花园", "#city"},
		{"/evaluations/2023/140100/?county=149999", "/evaluations/2023/140100/", "county=149999", "#city"},
	}
	for _, c := range cases {
		do(t, ctx, chromedp.Navigate(base+c.from), chromedp.WaitVisible(chromedp.CSS(c.landmark)))
		loc := run(t, ctx, chromedp.Location())
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := url.ParseQuery(c.wantQuery)
		if u.Path != c.wantPath || u.Query().Encode() != want.Encode() {
			t.Errorf("%s ended at %s%s, want %s?%s", c.from, u.Path, "?"+u.RawQuery, c.wantPath, c.wantQuery)
		}
	}
	rec.assertClean(t, base)
}
