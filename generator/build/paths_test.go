package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestAliasOntoAnOutputIsRefused: an old address that would overwrite a page,
// a generated file, a download or a static asset, or turn one into a folder,
// is an error at the alias's own line, in the load phase that validate and
// build share.
func TestAliasOntoAnOutputIsRefused(t *testing.T) {
	clashing := []string{
		"/static/site.css/", "/404.html/", "/robots.txt/", "/sitemap.xml/", "/feed.xml/", "/data.json/",
		"/data/catalog.json/", "/search/manifest.json/", "/data/communities/communities.csv/",
		"/communities/C000001/", "/policies/", "/data/communities/",
	}
	fsys := siteFS(t)
	doc := string(fsys["content/cases/2022-001.md"].Data)
	var list []string
	for _, a := range clashing {
		list = append(list, `"`+a+`"`)
	}
	doc = strings.Replace(doc, `aliases: ["/cases/old-example/"]`, "aliases:\n  - \"/cases/old-example/\"\n  - "+strings.Join(list, "\n  - "), 1)
	fsys["content/cases/2022-001.md"] = &fstest.MapFile{Data: []byte(doc)}
	site, err := Load(Options{FS: fsys, Env: fixedEnv})
	if err != nil {
		t.Fatal(err)
	}
	lineOf := map[int]string{}
	for i, l := range strings.Split(doc, "\n") {
		for _, a := range clashing {
			if strings.Contains(l, `"`+a+`"`) {
				lineOf[i+1] = a
			}
		}
	}
	reported := map[string]bool{}
	for _, p := range site.Report.Problems() {
		if p.File == "content/cases/2022-001.md" && lineOf[p.Line] != "" {
			reported[lineOf[p.Line]] = true
		}
	}
	for _, a := range clashing {
		if !reported[a] {
			t.Errorf("alias %s not reported at its line", a)
		}
	}
	if _, err := Build(Options{FS: fsys, Env: fixedEnv, Out: t.TempDir() + "/public"}); err != ErrInvalid {
		t.Errorf("build with clashing aliases: %v, want ErrInvalid", err)
	}
}

// TestProtocolRelativeAliasIsRefused: "//evil.example/x/" is an input error
// at its line, not a publisher failure without one.
func TestProtocolRelativeAliasIsRefused(t *testing.T) {
	fsys := siteFS(t)
	doc := strings.Replace(string(fsys["content/cases/2022-001.md"].Data), `"/cases/old-example/"`, `"//evil.example/x/"`, 1)
	fsys["content/cases/2022-001.md"] = &fstest.MapFile{Data: []byte(doc)}
	site, err := Load(Options{FS: fsys, Env: fixedEnv})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range site.Report.Problems() {
		if p.File == "content/cases/2022-001.md" && p.Line == 10 {
			return
		}
	}
	t.Errorf("no problem at content/cases/2022-001.md:10: %v", site.Report.Problems())
}
