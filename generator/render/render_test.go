package render

import (
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sxwuye/portal/generator/config"
)

func TestRelative(t *testing.T) {
	cases := []struct{ from, to, want string }{
		{"/", "/", "./"},
		{"/", "/cases/", "cases/"},
		{"/", "/static/site.css", "static/site.css"},
		{"/cases/2022-001/", "/", "../../"},
		{"/cases/2022-001/", "/cases/", "../"},
		{"/cases/2022-001/", "/cases/2022-002/", "../2022-002/"},
		{"/policies/x/", "/policies/x/#s2-3", "#s2-3"},
		{"/policies/x/", "/policies/y/#s1", "../y/#s1"},
		{"/search/", "/search/?q=丁香", "?q=丁香"},
		{"/404.html", "/cases/", "cases/"},
		{"/evaluations/2023/140100/", "/static/table.js", "../../../static/table.js"},
		{"/data/", "/data.json", "../data.json"},
	}
	for _, c := range cases {
		if got := Relative(c.from, c.to); got != c.want {
			t.Errorf("Relative(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

func testRenderer(t testing.TB, page string) *Renderer {
	t.Helper()
	fsys := fstest.MapFS{
		"layout.html":     {Data: []byte(`<title>{{.Page.Title}}</title>{{.Header}}{{template "main" .}}{{.Footer}}{{define "site-header"}}<a href="{{.Rel "/"}}">首页</a>{{end}}{{define "site-footer"}}<a href="{{.Rel "/sitemap/"}}">网站地图</a>{{end}}`)},
		"pages/p.html":    {Data: []byte(page)},
		"static/site.css": {Data: []byte("body{}")},
		"partials/x.html": {Data: []byte(`{{define "partials/x.html"}}x{{end}}`)},
	}
	cfg := &config.Config{Title: "站点", BaseURL: "https://example.org/"}
	r, err := New(fsys, &Site{Config: cfg, Updated: time.Date(2022, 12, 18, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRenderEscapesDataAndLinksRelatively(t *testing.T) {
	r := testRenderer(t, `{{define "main"}}<p>{{.Data}}</p><a href="{{.Rel "/cases/"}}">案例</a><link href="{{.Asset "site.css"}}">{{end}}`)
	out, err := r.RenderOne(&Page{Path: "/cases/2022-001/", Template: "p", Title: "<b>标题</b>", Data: `<script>alert(1)</script>`})
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, want := range []string{
		`<title>&lt;b&gt;标题&lt;/b&gt;</title>`,
		`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`,
		`<a href="../">案例</a>`,
		`<a href="../../">首页</a>`,
		`<a href="../../sitemap/">网站地图</a>`,
		`href="../../static/site.css?v=`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("output lacks %s:\n%s", want, html)
		}
	}
}

func TestRenderReportsTheFailingPage(t *testing.T) {
	r := testRenderer(t, `{{define "main"}}{{.Data.Missing}}{{end}}`)
	pages := []*Page{{Path: "/a/", Template: "p", Data: struct{ X int }{}}, {Path: "/b/", Template: "nope"}}
	err := r.Render(pages, func(File) error { return nil })
	if err == nil || !(strings.Contains(err.Error(), "/a/") || strings.Contains(err.Error(), "/b/")) {
		t.Fatalf("err = %v, want the failing page named", err)
	}
}

func TestOutputPath(t *testing.T) {
	for p, want := range map[string]string{"/": "index.html", "/cases/": "cases/index.html", "/404.html": "404.html"} {
		if got := (&Page{Path: p}).OutputPath(); got != want {
			t.Errorf("OutputPath(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestBookTitle(t *testing.T) {
	if got := BookTitle("关于印发《全省社区物业管理能力提升工作安排》的通知"); got != "《关于印发〈全省社区物业管理能力提升工作安排〉的通知》" {
		t.Errorf("BookTitle = %s", got)
	}
}

// TestRelativeResolves: every link Relative makes, resolved against its
// page as a browser does, leads to the target.
func TestRelativeResolves(t *testing.T) {
	paths := []string{"/", "/a/", "/a/b/", "/a/b/c/", "/a/x/", "/b/", "/a/b/c.html", "/404.html", "/a/a/a/",
		"/static/site.css", "/a/b/#s1", "/a/?q=1", "/search/?q=丁香", "/data.json", "/ab/", "/a/bc/"}
	for _, from := range paths {
		if strings.ContainsAny(from, "#?") {
			continue
		}
		base, err := url.Parse("https://h" + from)
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range paths {
			rel := Relative(from, to)
			ref, err := url.Parse(rel)
			if err != nil {
				t.Fatalf("Relative(%q, %q) = %q: %v", from, to, rel, err)
			}
			got := base.ResolveReference(ref)
			want, _ := url.Parse("https://h" + to)
			if got.String() != want.String() {
				t.Errorf("Relative(%q, %q) = %q resolves to %s", from, to, rel, got)
			}
		}
	}
}

// TestPreparedPage: a page's lazy fields are made just before it renders,
// in time for the layout, and let go after, so the plan holds little.
func TestPreparedPage(t *testing.T) {
	r := testRenderer(t, `{{define "main"}}<p>{{.Data}}</p>{{end}}`)
	made := 0
	p := &Page{Path: "/a/", Template: "p", Title: "标题", Prepare: func(p *Page) {
		made++
		p.Data, p.Description = "视图数据", "描述"
		p.Crumbs = []Crumb{{Title: "标题"}}
	}}
	for i := 1; i <= 2; i++ {
		out, err := r.RenderOne(p)
		if err != nil || !strings.Contains(string(out), "<p>视图数据</p>") {
			t.Fatalf("render %d: %s %v", i, out, err)
		}
		if made != i || p.Data != nil || p.Description != "" || p.Crumbs != nil {
			t.Errorf("render %d: prepared %d times, fields left %v %q %v", i, made, p.Data, p.Description, p.Crumbs)
		}
	}
}
