package pages_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/internal/htmlcheck"
)

// govMeta reads the <meta name> tags of a page, failing on a name given twice
// (names compare case-insensitively, as browsers and crawlers compare them).
func govMeta(t *testing.T, where, page string) map[string]string {
	t.Helper()
	doc, err := htmlcheck.Parse([]byte(page))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	out := map[string]string{}
	seen := map[string]bool{}
	for _, m := range htmlcheck.Find(doc, "meta[name]") {
		name, _ := htmlcheck.Attr(m, "name")
		content, _ := htmlcheck.Attr(m, "content")
		if seen[strings.ToLower(name)] {
			t.Errorf("%s: meta %s given twice", where, name)
		}
		seen[strings.ToLower(name)] = true
		out[name] = content
	}
	return out
}

// checkGovMeta checks the government-website meta tags of one page of every
// kind: the site's tags everywhere, the column's on column pages, the
// article's (from front matter, or the data for community and company pages)
// on articles.
func checkGovMeta(t *testing.T, s *builtSite) {
	m := s.res.Site.Model
	community, enterprise := m.Communities[0], m.Enterprises[0]
	kinds := []struct {
		path, column, columnType string
		article                  map[string]string // exact values; nil: not an article
	}{
		{"/", "首页", "首页", nil},
		{"/policies/", "政策法规", "政策文件", nil},
		{"/policies/sx-wuye-2022-gzap/", "", "", map[string]string{
			"ArticleTitle": "关于印发《全省社区物业管理能力提升工作安排》的通知", "PubDate": "2022-07-15",
			"ContentSource": "山西省社区物业管理能力提升工作专班", "Author": "山西省社区物业管理能力提升工作专班",
			"Keywords": "社区物业,物管会,业委会,党建引领,无物业服务小区清零,物业服务用房,智慧物业,物业服务企业评价"}},
		{"/cases/", "典型案例", "典型案例", nil},
		{"/cases/T2021-001/", "典型案例", "典型案例", map[string]string{
			"ArticleTitle": "示例·潞州区智慧物业试点（测试用例）", "PubDate": "2021-03-01",
			"ContentSource": "示例·长治市社区物业管理能力提升工作专班", "Author": "示例·长治市社区物业管理能力提升工作专班",
			"Keywords": "智慧物业,测试"}},
		{"/news/", "工作动态", "工作动态", nil},
		{m.DocByURL["/news/zz-test-news-a/"].URL, "工作动态", "工作动态", map[string]string{
			"ArticleTitle": "示例·长治市召开物业工作推进会（测试用例）", "PubDate": "2021-04-02",
			"ContentSource": "山西省社区物业管理能力提升工作专班", "Author": "山西省社区物业管理能力提升工作专班",
			"Keywords": "推进会,长治市"}},
		{"/evaluations/", "评价结果", "公示公告", nil},
		{"/evaluations/2022/", "评价结果", "公示公告", map[string]string{
			"ArticleTitle": "2022年度全省住宅物业服务项目评价结果公示", "PubDate": "2022-10-25",
			"Keywords": "物业服务项目评价,评价结果公示"}},
		{"/communities/" + community.ID + "/", "小区信息", "信息公开", map[string]string{
			"ArticleTitle": community.Name, "PubDate": "2023-11-14", "ContentSource": "山西省社区物业管理能力提升工作专班"}},
		{"/enterprises/" + enterprise.ID + "/", "物业服务企业", "信息公开", map[string]string{
			"ArticleTitle": enterprise.Name, "PubDate": "2023-11-14", "Keywords": enterprise.Name + ",物业服务企业"}},
		{"/regions/140000/", "地区概况", "信息公开", nil},
		{"/progress/", "工作进展", "信息公开", nil},
		{"/data/", "开放数据", "数据开放", nil},
		{"/search/", "搜索", "搜索", nil},
	}
	for _, k := range kinds {
		if k.path == "" {
			t.Errorf("a page of the table is missing from the site")
			continue
		}
		got := govMeta(t, k.path, s.read(t, k.path))
		want := map[string]string{"SiteName": "山西省社区物业管理公开平台", "SiteDomain": "wuye.example.gov.cn"}
		if k.column != "" {
			want["ColumnName"], want["ColumnType"] = k.column, k.columnType
		}
		for name, v := range k.article {
			want[name] = v
		}
		if k.article != nil {
			want["Url"] = testBaseURL + strings.TrimPrefix(k.path, "/")
			for _, name := range []string{"ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author"} {
				if got[name] == "" {
					t.Errorf("%s: article meta %s missing or empty", k.path, name)
				}
			}
		} else if _, ok := got["ArticleTitle"]; ok {
			t.Errorf("%s: not an article, but has ArticleTitle", k.path)
		}
		if got["Description"] == "" {
			t.Errorf("%s: no Description", k.path)
		}
		for name, v := range want {
			if got[name] != v {
				t.Errorf("%s: meta %s = %q, want %q", k.path, name, got[name], v)
			}
		}
	}
	// 工作动态 is a column of the main menu, like the others.
	nav := section(s.read(t, "/"), `<nav class="main-nav"`, "</nav>")
	if !strings.Contains(nav, `<a href="news/">工作动态</a>`) {
		t.Errorf("the main menu lacks 工作动态: %s", nav)
	}
	// Every page in a column describes it (a column missing from the table
	// in columns.go would leave these out).
	err := filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page := string(b)
		if strings.Contains(page, `<meta name="ColumnName"`) &&
			(!strings.Contains(page, `<meta name="ColumnDescription" content="`) || !strings.Contains(page, `<meta name="ColumnKeywords" content="`)) {
			t.Errorf("%s: a column page without ColumnDescription or ColumnKeywords", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
