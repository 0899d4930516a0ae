package e2e

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/internal/htmlcheck"
)

// A topic section (专题) under an existing 住建 site: the portal deployed at
// a sub-path of another host.
const (
	subBaseURL = "https://zjt.example.gov.cn/ztzl/wuye/"
	subPrefix  = "/ztzl/wuye/"
)

// TestSubPathDeployment builds the sample with a base_url under a sub-path,
// serves it under that prefix only (nothing answers outside it), and checks
// that every page's links, the feeds, the sitemap, the catalogs and the
// search work there.
func TestSubPathDeployment(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	env := func(k string) (string, bool) {
		switch k {
		case "SOURCE_DATE_EPOCH":
			return sampleEpoch, true
		case "PORTAL_BASE_URL":
			return subBaseURL, true
		}
		return "", false
	}
	if _, err := build.Build(build.Options{Root: "../..", Out: out, Env: env}); err != nil {
		t.Fatalf("building under %s: %v", subBaseURL, err)
	}
	live, err := filepath.EvalSymlinks(out)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(subPrefix, http.StripPrefix(strings.TrimSuffix(subPrefix, "/"), http.FileServer(http.Dir(live))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	site := srv.URL + strings.TrimSuffix(subPrefix, "/")

	// ok fetches a site path (under the prefix) once and reports its status.
	seen := map[string]int{}
	ok := func(p string) bool {
		if code, done := seen[p]; done {
			return code == 200
		}
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		seen[p] = res.StatusCode
		return res.StatusCode == 200
	}
	// local maps an absolute URL of the site to its path on the test server;
	// "" when the URL is not under base_url.
	local := func(u string) string {
		if !strings.HasPrefix(u, subBaseURL) {
			return ""
		}
		p := subPrefix + strings.TrimPrefix(u, subBaseURL)
		if i := strings.IndexAny(p, "#?"); i >= 0 {
			p = p[:i]
		}
		return p
	}
	absOnSite := regexp.MustCompile(`https?://zjt\.example\.gov\.cn[^"'<>\s)]*`)
	checkAbs := func(where string, text string) {
		t.Helper()
		for _, u := range absOnSite.FindAllString(text, -1) {
			if p := local(u); p == "" {
				t.Errorf("%s: absolute link %s is not under %s", where, u, subBaseURL)
			} else if !ok(p) {
				t.Errorf("%s: %s is not served (%s answers %d)", where, u, p, seen[p])
			}
		}
	}
	refresh := regexp.MustCompile(`http-equiv="refresh" content="\d+;\s*url=([^"]+)"`)

	pages, links := 0, 0
	err = filepath.WalkDir(live, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(file, live+string(filepath.Separator)))
		b, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".html"):
			pages++
			sitePath := subPrefix + strings.TrimSuffix(rel, "index.html")
			doc, err := htmlcheck.Parse(b)
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
			targets := htmlcheck.Links(doc, sitePath)
			for _, m := range refresh.FindAllStringSubmatch(string(b), -1) {
				u, _ := url.Parse(m[1])
				targets = append(targets, (&url.URL{Path: sitePath}).ResolveReference(u).Path)
			}
			for _, p := range targets {
				links++
				if !strings.HasPrefix(p, subPrefix) {
					t.Errorf("%s: link to %s leaves %s", rel, p, subPrefix)
				} else if !ok(p) {
					t.Errorf("%s: link to %s answers %d", rel, p, seen[p])
				}
			}
			checkAbs(rel, string(b))
		case strings.HasSuffix(rel, ".xml"), strings.HasSuffix(rel, ".json") && !strings.HasPrefix(rel, "search/"), rel == "robots.txt":
			// Feeds, sitemap, catalogs and robots.txt: every address of the
			// site in them is under base_url and served.
			checkAbs(rel, string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 || links < 1000 {
		t.Fatalf("only %d pages with %d links checked", pages, links)
	}
	// The files that describe the site name it by its sub-path address.
	for _, c := range []struct{ file, want string }{
		{"sitemap.xml", "<loc>" + subBaseURL + "policies/sx-wuye-2022-gzap/</loc>"},
		{"robots.txt", "Sitemap: " + subBaseURL + "sitemap.xml"},
		{"feed.xml", subBaseURL},
		{"data/catalog.json", subBaseURL + "data/communities/communities.csv"},
		{"data.json", subBaseURL + "data/communities/communities.csv"},
	} {
		b, err := os.ReadFile(filepath.Join(live, c.file))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if !strings.Contains(string(b), c.want) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
		if strings.HasSuffix(c.file, ".json") && !json.Valid(b) {
			t.Errorf("%s is not valid JSON", c.file)
		}
	}
	// Nothing is served outside the prefix: a link that escaped it would have failed above.
	if res, err := http.Get(srv.URL + "/policies/"); err != nil || res.StatusCode != 404 {
		t.Fatalf("the test server answers outside %s", subPrefix)
	}

	// Search under the sub-path: results come, and lead to pages there.
	ctx, rec := newBrowser(t, 1366, 900)
	do(t, ctx, chromedp.Navigate(site+"/search/?q="+url.QueryEscape("物管会")),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("main a.search-title").length > 0`))
	hrefs := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("main a.search-title"), a => a.href)`))
	sort.Strings(hrefs)
	for _, h := range hrefs {
		u, err := url.Parse(h)
		if err != nil || !strings.HasPrefix(h, srv.URL+subPrefix) || !ok(u.Path) {
			t.Errorf("search result %s is not a page under %s", h, subPrefix)
		}
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`main a.search-title`)), chromedp.WaitReady(chromedp.CSS(`main h1`)))
	if loc := run(t, ctx, chromedp.Location()); !strings.HasPrefix(loc, srv.URL+subPrefix) {
		t.Errorf("the first result opened %s", loc)
	}
	rec.assertClean(t, site)
}
