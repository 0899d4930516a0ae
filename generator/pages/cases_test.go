package pages_test

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/sample"

	goldenfile "github.com/sxwuye/portal/generator/internal/golden"
)

// testBaseURL and testEpoch pin what the site would otherwise take from
// site.yaml and git, so golden files do not move when they change.
const (
	testBaseURL = "https://wuye.example.gov.cn/"
	testEpoch   = "1700000000" // 2023-11-14T22:13:20Z
)

var testVersion = time.Unix(1700000000, 0).UTC()

// fixtureCase writes one case file of the test site.
func fixtureCase(id, title, date, region, category, extra string) string {
	return fmt.Sprintf(`---
id: %s
title: "%s"
date: %s
region_code: "%s"
category: %s
source: 示例·长治市社区物业管理能力提升工作专班
summary: "%s的摘要（测试用例）。"
tags: [测试, %s]
%ssample: true
---

## 基本情况

%s的正文（测试用例）。
`, id, title, date, region, category, title, category, extra, title)
}

// fixtures are the documents the tests add to the sample site: enough cases
// for two list pages, at counties and at a city, in several categories; a
// case with old addresses; news with and without a region.
func fixtures() map[string]string {
	files := map[string]string{}
	regions := []string{"140403", "140404", "140502", "140400"}
	cats := []string{"智慧物业", "党建引领", "物业服务用房"}
	for i := 2; i <= 23; i++ {
		id := fmt.Sprintf("T2021-%03d", i)
		date := time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
		files["content/cases/zz-test-"+id+".md"] = fixtureCase(id, "示例·测试案例"+id, date,
			regions[i%len(regions)], cats[i%len(cats)], "")
	}
	files["content/cases/zz-test-T2021-001.md"] = fixtureCase("T2021-001", "示例·潞州区智慧物业试点（测试用例）", "2021-03-01",
		"140403", "智慧物业", "aliases: [/anli/luzhou-smart/, /cases/old-2021-1/]\n")
	files["content/news/zz-test-news-a.md"] = `---
title: 示例·长治市召开物业工作推进会（测试用例）
date: 2021-04-02
region_code: "140400"
summary: 测试用的动态摘要。
keywords: [推进会, 长治市]
aliases: [/xinwen/2021-a/]
sample: true
---

测试用的动态正文。
`
	files["content/news/zz-test-news-b.md"] = `---
title: 示例·全省物业工作动态（测试用例）
date: 2021-04-01
summary: 测试用的第二条动态摘要。
sample: true
---

正文。
`
	return files
}

// writeSite writes the shipped sample site (this project's site.yaml,
// templates and content with generated data) plus files into dir.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := sample.Write(dir, sample.ScaleSample, sample.DefaultSeed, os.DirFS("../..")); err != nil {
		t.Fatalf("sample.Write: %v", err)
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func testEnv(k string) (string, bool) {
	switch k {
	case "SOURCE_DATE_EPOCH":
		return testEpoch, true
	case "PORTAL_BASE_URL":
		return testBaseURL, true
	}
	return "", false
}

// builtSite is a whole site built on disk.
type builtSite struct {
	out string // the published folder (symlinks resolved)
	res *build.Result
}

func (s *builtSite) read(t *testing.T, sitePath string) string {
	t.Helper()
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	b, err := os.ReadFile(filepath.Join(s.out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("%s was not built: %v", sitePath, err)
	}
	return string(b)
}

func (s *builtSite) exists(sitePath string) bool {
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	_, err := os.Stat(filepath.Join(s.out, filepath.FromSlash(p)))
	return err == nil
}

func buildSite(t *testing.T, files map[string]string) (*builtSite, error) {
	t.Helper()
	dir := t.TempDir()
	writeSite(t, dir, files)
	out := filepath.Join(dir, "public")
	res, err := build.Build(build.Options{Root: dir, Out: out, Env: testEnv})
	if err != nil {
		return &builtSite{res: res}, err
	}
	real, err := filepath.EvalSymlinks(out)
	if err != nil {
		t.Fatal(err)
	}
	return &builtSite{out: real, res: res}, nil
}

// TestSite builds the sample site with the fixtures once and checks cases,
// news, redirects, citations, feeds and links on it.
func TestSite(t *testing.T) {
	s, err := buildSite(t, fixtures())
	if err != nil {
		if s.res != nil && s.res.Site != nil && s.res.Site.Report != nil {
			for _, p := range s.res.Site.Report.Problems() {
				t.Log(p.String())
			}
		}
		t.Fatalf("build: %v", err)
	}
	t.Run("case page", func(t *testing.T) { checkCasePage(t, s) })
	t.Run("case lists", func(t *testing.T) { checkCaseLists(t, s) })
	t.Run("news", func(t *testing.T) { checkNews(t, s) })
	t.Run("citations", func(t *testing.T) { checkCitations(t, s) })
	t.Run("redirects", func(t *testing.T) { checkRedirects(t, s) })
	t.Run("feeds", func(t *testing.T) { checkFeeds(t, s) })
	t.Run("links", func(t *testing.T) { checkLinks(t, s) })
	t.Run("government meta", func(t *testing.T) { checkGovMeta(t, s) })
}

func mustContain(t *testing.T, where, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q", where, w)
		}
	}
}

func checkCasePage(t *testing.T, s *builtSite) {
	p := s.read(t, "/cases/T2021-001/")
	mustContain(t, "/cases/T2021-001/", p,
		"<h1>示例·潞州区智慧物业试点（测试用例）</h1>",
		"<dt>案例编号</dt><dd>T2021-001</dd>",
		`<time datetime="2021-03-01">2021-03-01</time>`,
		// The county shows with its city and links to the region page.
		`<a href="../../regions/140403/">长治市潞州区</a>`,
		`<a href="../region/140400/">长治市的其他案例</a>`,
		`<a href="../category/smart-property/">智慧物业</a>`,
		"<dd>示例·长治市社区物业管理能力提升工作专班</dd>",
		`<span class="tag">测试</span>`,
		`<span class="tag sample">示例内容</span>`,
		"测试用例）的正文",
		`class="cite-text"`,
		`<link rel="canonical" href="https://wuye.example.gov.cn/cases/T2021-001/">`,
		`<meta property="og:type" content="article">`,
		`<meta name="ArticleTitle" content="示例·潞州区智慧物业试点（测试用例）">`,
		`<meta name="PubDate" content="2021-03-01">`,
		`<meta name="ContentSource" content="示例·长治市社区物业管理能力提升工作专班">`,
		`<link rel="alternate" type="application/atom+xml" title="典型案例" href="../feed.xml">`,
		`"@type":"Article"`, `"identifier":"T2021-001"`, `"datePublished":"2021-03-01"`,
		`<p class="print-url">本文网址：https://wuye.example.gov.cn/cases/T2021-001/</p>`,
	)

	// Related cases: same category and city first, newest first; never itself; at most 5.
	m := s.res.Site.Model
	self := m.DocByURL["/cases/T2021-001/"]
	rel := section(p, `id="related-title"`, "</section>")
	got := hrefs(rel)
	if len(got) == 0 || len(got) > 5 {
		t.Fatalf("related cases: %d links, want 1..5: %v", len(got), got)
	}
	var want []string
	cityOf := func(code string) string {
		r := m.RegionByCode[code]
		if r == nil || r.City() == nil {
			return ""
		}
		return r.City().Code
	}
	for tier := 0; tier < 3; tier++ {
		for _, d := range m.Cases {
			if d == self {
				continue
			}
			sameCat, sameCity := d.Category == self.Category, cityOf(d.RegionCode) == cityOf(self.RegionCode)
			if (tier == 0 && sameCat && sameCity) || (tier == 1 && sameCat && !sameCity) || (tier == 2 && !sameCat && sameCity) {
				want = append(want, "../"+d.Slug+"/")
			}
		}
	}
	want = want[:min(5, len(want))]
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("related cases\n got %v\nwant %v", got, want)
	}
}

// section returns the text of page from the first from to the next to.
func section(page, from, to string) string {
	i := strings.Index(page, from)
	if i < 0 {
		return ""
	}
	rest := page[i:]
	if j := strings.Index(rest, to); j >= 0 {
		return rest[:j]
	}
	return rest
}

var hrefRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func hrefs(s string) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(s, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

var docLinkRe = regexp.MustCompile(`<li>\s*<a href="([^"]+)">[^<]*</a>\s*<time datetime="(\d{4}-\d{2}-\d{2})">`)

// listItems returns the (link, date) of each item of a document list.
func listItems(page string) [][2]string {
	list := section(page, `<ul class="doc-list">`, "</ul>")
	var out [][2]string
	for _, m := range docLinkRe.FindAllStringSubmatch(list, -1) {
		out = append(out, [2]string{m[1], m[2]})
	}
	return out
}

func checkCaseLists(t *testing.T, s *builtSite) {
	m := s.res.Site.Model
	total := len(m.Cases)
	if total <= 20 {
		t.Fatalf("the test site needs more than one page of cases, has %d", total)
	}
	// Page 1 and 2 of /cases/ together list every case once, newest first, each with its date.
	p1, p2 := s.read(t, "/cases/"), s.read(t, "/cases/page/2/")
	items := append(listItems(p1), listItems(p2)...)
	for n := 3; s.exists(fmt.Sprintf("/cases/page/%d/", n)); n++ {
		items = append(items, listItems(s.read(t, fmt.Sprintf("/cases/page/%d/", n)))...)
	}
	if len(listItems(p1)) != 20 {
		t.Errorf("/cases/ shows %d items, want 20", len(listItems(p1)))
	}
	if len(items) != total {
		t.Fatalf("the case pages list %d cases, the site has %d", len(items), total)
	}
	for i := 1; i < len(items); i++ {
		if items[i][1] > items[i-1][1] {
			t.Errorf("not newest first: %v before %v", items[i-1], items[i])
		}
	}
	mustContain(t, "/cases/", p1, `rel="next"`, `href="page/2/"`, `<span aria-current="page">全部案例</span>`,
		`<a href="category/smart-property/">智慧物业（`, `<a href="region/140400/">长治市（`)
	mustContain(t, "/cases/page/2/", p2, `<a href="../../" rel="prev">上一页</a>`, "典型案例（第 2 页）")

	// Category facet: exactly the cases of the category.
	smart := 0
	for _, d := range m.Cases {
		if d.Category == "智慧物业" {
			smart++
		}
	}
	fp := s.read(t, "/cases/category/"+content.CategorySlug("智慧物业")+"/")
	if n := len(listItems(fp)); n != min(smart, 20) {
		t.Errorf("智慧物业 facet lists %d, want %d", n, min(smart, 20))
	}
	mustContain(t, "category facet", fp, `<span aria-current="page">智慧物业（`, `href="../../"`,
		`<li><span aria-current="page">智慧物业</span></li>`)
	mustContain(t, "/cases/page/2/ crumbs", s.read(t, "/cases/page/2/"),
		`<li><a href="../../">典型案例</a></li>`, `<li><span aria-current="page">第 2 页</span></li>`)

	// City facet: a case at a county counts for its city, a case at the city too.
	changzhi := 0
	for _, d := range m.Cases {
		if r := m.RegionByCode[d.RegionCode]; r != nil && r.City() != nil && r.City().Code == "140400" {
			changzhi++
		}
	}
	cp := s.read(t, "/cases/region/140400/")
	got := len(listItems(cp))
	for n := 2; s.exists(fmt.Sprintf("/cases/region/140400/page/%d/", n)); n++ {
		pn := s.read(t, fmt.Sprintf("/cases/region/140400/page/%d/", n))
		got += len(listItems(pn))
		cp += strings.ReplaceAll(pn, `href="../../../../`, `href="../../`)
	}
	if got != changzhi {
		t.Errorf("长治市 facet lists %d cases, want %d", got, changzhi)
	}
	for _, link := range []string{"../../T2021-001/", "../../T2021-003/"} { // at 潞州区 and at 长治市 itself
		if !strings.Contains(cp, `href="`+link+`"`) {
			t.Errorf("长治市 facet lacks %s", link)
		}
	}
}

func checkNews(t *testing.T, s *builtSite) {
	list := s.read(t, "/news/")
	items := listItems(list)
	if len(items) != len(s.res.Site.Model.News) && len(items) != 20 {
		t.Errorf("/news/ lists %d items, the site has %d", len(items), len(s.res.Site.Model.News))
	}
	mustContain(t, "/news/", list, `href="zz-test-news-a/"`, `<time datetime="2021-04-02">2021-04-02</time>`,
		`<link rel="alternate" type="application/atom+xml" title="工作动态" href="feed.xml">`)
	p := s.read(t, "/news/zz-test-news-a/")
	mustContain(t, "news page", p, "<h1>示例·长治市召开物业工作推进会（测试用例）</h1>",
		`<time datetime="2021-04-02">2021-04-02</time>`, `<a href="../../regions/140400/">长治市</a>`,
		`"@type":"Article"`, `<meta property="og:type" content="article">`, "测试用的动态正文", `class="cite-text"`)
}

// citeText is the citation a reader copies from a page.
func citeText(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<p class="cite-text" id="cite-text">([^<]*)</p>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no citation on the page")
	}
	return html.UnescapeString(m[1])
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got+"\n"), "go test ./generator/pages -update")
}

func checkCitations(t *testing.T, s *builtSite) {
	tests := []struct{ page, golden string }{
		{"/cases/T2021-001/", "citation-case.golden"},
		{"/policies/sx-wuye-2022-gzap/", "citation-policy.golden"},
		{"/news/zz-test-news-a/", "citation-news.golden"},
	}
	for _, tc := range tests {
		page := s.read(t, tc.page)
		got := citeText(t, page)
		golden(t, tc.golden, got)
		// The permalink of the citation box is the page's canonical address.
		canon := testBaseURL + strings.TrimPrefix(tc.page, "/")
		mustContain(t, tc.page, page, `<a href="`+canon+`">`+canon+`</a>`)
		if !strings.HasSuffix(got, canon+".") {
			t.Errorf("%s: citation %q does not end with the permalink", tc.page, got)
		}
	}
	// The exported formatter without a date or author.
	if got, want := pages.Citation("", "题名", time.Time{}, "https://x.example/a/"), "题名[EB/OL]. [引用日期]. https://x.example/a/."; got != want {
		t.Errorf("Citation without date = %q, want %q", got, want)
	}
}

func checkRedirects(t *testing.T, s *builtSite) {
	tests := []struct{ alias, target, rel string }{
		{"/anli/luzhou-smart/", "/cases/T2021-001/", "/cases/T2021-001/"},
		{"/cases/old-2021-1/", "/cases/T2021-001/", "/cases/T2021-001/"},
		{"/xinwen/2021-a/", "/news/zz-test-news-a/", "/news/zz-test-news-a/"},
	}
	for _, tc := range tests {
		p := s.read(t, tc.alias)
		abs := testBaseURL + strings.TrimPrefix(tc.target, "/")
		mustContain(t, "redirect "+tc.alias, p,
			`<meta http-equiv="refresh" content="0; url=`+tc.rel+`">`,
			`<link rel="canonical" href="`+abs+`">`,
			`<a href="`+tc.rel+`">`+abs+`</a>`,
			`<meta name="robots" content="noindex">`)
	}
}

// TestDuplicateOutputPath: two documents claiming one address is a
// validation error that names both files, and nothing is published.
func TestDuplicateOutputPath(t *testing.T) {
	files := map[string]string{
		"content/cases/zz-dup-a.md": fixtureCase("T2021-900", "示例·重复甲", "2021-05-01", "140403", "智慧物业", ""),
		"content/cases/zz-dup-b.md": fixtureCase("T2021-900", "示例·重复乙", "2021-05-02", "140403", "智慧物业", ""),
		"content/cases/zz-dup-c.md": fixtureCase("T2021-901", "示例·旧地址冲突", "2021-05-03", "140403", "智慧物业",
			"aliases: [/news/zz-dup-news/]\n"),
		"content/news/zz-dup-news.md": "---\ntitle: 示例·动态\ndate: 2021-05-04\nsummary: 摘要。\n---\n正文。\n",
	}
	s, err := buildSite(t, files)
	if !errors.Is(err, build.ErrInvalid) {
		t.Fatalf("build error = %v, want ErrInvalid", err)
	}
	var probs []string
	for _, p := range s.res.Site.Report.Problems() {
		probs = append(probs, p.String())
	}
	all := strings.Join(probs, "\n")
	for _, pair := range [][2]string{
		{"content/cases/zz-dup-b.md", "content/cases/zz-dup-a.md"},
		{"content/cases/zz-dup-c.md", "content/news/zz-dup-news.md"},
	} {
		found := false
		for _, p := range probs {
			if strings.Contains(p, pair[0]) && strings.Contains(p, pair[1]) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem names both %s and %s:\n%s", pair[0], pair[1], all)
		}
	}
}

// notBuiltYet lists site paths that other parts of the generator produce.
// A link into one is skipped only while nothing at all is built under it
// (its section is still a stub); once the section exists its links must
// resolve. Likewise links to open-data downloads are skipped only while the
// open-data phase has written no file.
var notBuiltYet = []string{
	"/regions/", "/evaluations/", "/enterprises/", "/communities/", "/progress/", "/data/", "/search/",
	"/about/", "/privacy/", "/copyright/", "/accessibility/", "/help/",
}

// checkLinks resolves every internal href and src of every HTML page to a file.
func checkLinks(t *testing.T, s *builtSite) {
	var htmlFiles []string
	err := filepath.WalkDir(s.out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			htmlFiles = append(htmlFiles, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(htmlFiles)
	skipped := map[string]int{}
	broken := 0
	downloadsPending := !hasFileWithSuffix(s.out, ".xlsx")
	for _, f := range htmlFiles {
		rel, _ := filepath.Rel(s.out, f)
		pagePath := "/" + filepath.ToSlash(rel)
		if strings.HasSuffix(pagePath, "/index.html") {
			pagePath = strings.TrimSuffix(pagePath, "index.html")
		}
		base, _ := url.Parse("http://site" + pagePath)
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hrefs(string(b)) {
			if h == "" || strings.HasPrefix(h, "#") || strings.Contains(h, "://") ||
				strings.HasPrefix(h, "mailto:") || strings.HasPrefix(h, "tel:") {
				continue
			}
			u, err := base.Parse(h)
			if err != nil {
				t.Errorf("%s: bad link %q", pagePath, h)
				continue
			}
			target := path.Clean(u.Path)
			if strings.HasSuffix(u.Path, "/") && target != "/" {
				target += "/"
			}
			if s.exists(target) {
				continue
			}
			if downloadsPending && isDownload(target) {
				skipped["downloads"]++
				continue
			}
			if prefix := allowedMissing(s, target); prefix != "" {
				skipped[prefix]++
				continue
			}
			if broken++; broken <= 30 {
				t.Errorf("%s: link %q → %s does not exist", pagePath, h, target)
			}
		}
	}
	if broken > 30 {
		t.Errorf("… %d broken links in all", broken)
	}
	if skipped["downloads"] > 0 {
		t.Logf("skipped %d links to downloads (the open-data phase wrote no file yet)", skipped["downloads"])
	}
	for _, p := range notBuiltYet {
		if skipped[p] > 0 {
			t.Logf("skipped %d links into %s (not built yet)", skipped[p], p)
		}
	}
}

// isDownload tells a link to an open-data file (CSV, XLSX, JSON, ZIP).
func isDownload(target string) bool {
	switch path.Ext(target) {
	case ".csv", ".xlsx", ".json", ".zip":
		return true
	}
	return false
}

// hasFileWithSuffix reports whether any file under dir ends with suffix.
// The open-data phase is the only producer of XLSX files, so none at all
// means it has not run and its download links are still pending.
func hasFileWithSuffix(dir, suffix string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// allowedMissing returns the notBuiltYet prefix of target when nothing is
// built under that prefix, else "".
func allowedMissing(s *builtSite, target string) string {
	for _, p := range notBuiltYet {
		if !strings.HasPrefix(target, p) {
			continue
		}
		dir := filepath.Join(s.out, filepath.FromSlash(strings.Trim(p, "/")))
		if _, err := os.Stat(dir); err != nil {
			return p
		}
		return ""
	}
	return ""
}
