package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sxwuye/portal/generator/internal/htmlcheck"
	"github.com/sxwuye/portal/generator/publish"

	"github.com/sxwuye/portal/generator/internal/golden"
)

// repoRoot is the shipped site: the repository itself.
const repoRoot = "../.."

// siteFS loads the shipped site (site.yaml, data/, content/, templates/) into
// memory, so each test can change a file without touching the repository.
func siteFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	add := func(p string) {
		b, err := os.ReadFile(filepath.Join(repoRoot, p))
		if err != nil {
			t.Fatal(err)
		}
		m[filepath.ToSlash(p)] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	add("site.yaml")
	for _, dir := range []string{"data", "content", "templates"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(repoRoot, p)
			add(rel)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// fixedEnvEpoch is the data version of the test builds: 2022-12-18.
const fixedEnvEpoch = "1671321600"

func fixedEnv(k string) (string, bool) {
	if k == "SOURCE_DATE_EPOCH" {
		return fixedEnvEpoch, true
	}
	return "", false
}

func buildInto(t testing.TB, fsys fs.FS, out string) (*Result, error) {
	t.Helper()
	return Build(Options{FS: fsys, Out: out, Env: fixedEnv})
}

// tree reads every file under a published folder: path → content hash.
func tree(t testing.TB, out string) map[string][32]byte {
	t.Helper()
	real, err := filepath.EvalSymlinks(out)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][32]byte{}
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(real, p)
		files[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func diffTrees(t *testing.T, a, b map[string][32]byte) {
	t.Helper()
	var diffs []string
	for p, h := range a {
		if hb, ok := b[p]; !ok {
			diffs = append(diffs, "only in first: "+p)
		} else if h != hb {
			diffs = append(diffs, "differs: "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, "only in second: "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], "…")
	}
	for _, d := range diffs {
		t.Error(d)
	}
}

func TestBuildIsDeterministicAcrossCores(t *testing.T) {
	many, _ := sharedBuild(t)
	one := filepath.Join(t.TempDir(), "public")
	prev := runtime.GOMAXPROCS(1)
	_, err := buildInto(t, siteFS(t), one)
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	a, b := tree(t, one), tree(t, many)
	if len(a) < 100 {
		t.Fatalf("only %d files built", len(a))
	}
	diffTrees(t, a, b)
}

func TestFailedBuildLeavesPublicUntouched(t *testing.T) {
	fsys := siteFS(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildInto(t, fsys, out); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	link, _ := os.Readlink(out)

	t.Run("template error on one page", func(t *testing.T) {
		broken := siteFS(t)
		// A template that fails while executing, on the notice's page only.
		broken["templates/pages/policy.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Data.NoSuchField}}{{end}}`)}
		_, err := buildInto(t, broken, out)
		if err == nil {
			t.Fatal("build with a broken template succeeded")
		}
		if !strings.Contains(err.Error(), "/policies/") {
			t.Errorf("error does not name the page: %v", err)
		}
	})
	t.Run("bad data", func(t *testing.T) {
		broken := siteFS(t)
		csv := string(broken["data/communities.csv"].Data)
		lines := strings.SplitN(csv, "\n", 3)
		cells := strings.Split(lines[1], ",")
		cells[6] = "120" // occupancy_rate
		lines[1] = strings.Join(cells, ",")
		broken["data/communities.csv"] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
		res, err := buildInto(t, broken, out)
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("err = %v, want ErrInvalid", err)
		}
		probs := res.Site.Report.Problems()
		found := false
		for _, p := range probs {
			if p.File == "data/communities.csv" && p.Line == 2 && strings.Contains(p.Field, "occupancy_rate") {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem reported at data/communities.csv:2 occupancy_rate: %v", probs)
		}
	})
	if after, _ := os.Readlink(out); after != link {
		t.Errorf("public now points at %q, was %q", after, link)
	}
	diffTrees(t, before, tree(t, out))
}

func TestRebuildWithNothingChangedWritesNothing(t *testing.T) {
	fsys := siteFS(t)
	out := filepath.Join(t.TempDir(), "public")
	for i := 0; i < 2; i++ {
		if _, err := buildInto(t, fsys, out); err != nil {
			t.Fatal(err)
		}
	}
	res, err := buildInto(t, fsys, out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Publish.Written != 0 || res.Publish.Deleted != 0 {
		t.Errorf("unchanged rebuild: %+v, want nothing written or deleted", res.Publish)
	}
}

// TestEveryPageIsWellFormed checks the shell every page shares.
func TestEveryPageIsWellFormed(t *testing.T) {
	out, _ := sharedBuild(t)
	real, _ := filepath.EvalSymlinks(out)
	pages := 0
	err := filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(real, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := htmlcheck.Parse(b)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if dups := htmlcheck.DuplicateIDs(doc); len(dups) > 0 {
			t.Errorf("%s: duplicate ids %v", rel, dups)
		}
		if h, _ := htmlcheck.MustOne(doc, "html"); h == nil {
			t.Errorf("%s: no html element", rel)
		} else if lang, _ := htmlcheck.Attr(h, "lang"); lang != "zh-CN" {
			t.Errorf("%s: lang=%q", rel, lang)
		}
		head, err := htmlcheck.MustOne(doc, "head")
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		for _, sel := range []string{"title", "link[rel=canonical]", "meta[name=Description]", "meta[name=SiteName]", "meta[property=og:title]", "meta[property=og:url]"} {
			if _, err := htmlcheck.MustOne(head, sel); err != nil {
				t.Errorf("%s: head: %v", rel, err)
			}
		}
		// The shipped site.yaml has no 网站标识码 yet: absent values are omitted, not faked.
		if n := len(htmlcheck.Find(head, "meta[name=SiteIDCode]")); n != 0 {
			t.Errorf("%s: SiteIDCode meta present although site.yaml has none", rel)
		}
		for _, sel := range []string{"main", "footer", "a.skip-link"} {
			if _, err := htmlcheck.MustOne(doc, sel); err != nil {
				t.Errorf("%s: %v", rel, err)
			}
		}
		if n := len(htmlcheck.Find(doc, "h1")); n != 1 && !strings.HasPrefix(rel, "index.html") {
			t.Errorf("%s: %d h1 elements", rel, n)
		}
		for _, tbl := range htmlcheck.Find(doc, "table") {
			if len(htmlcheck.Find(tbl, "caption")) == 0 {
				t.Errorf("%s: a table has no caption", rel)
			}
			for _, th := range htmlcheck.Find(tbl, "th") {
				if _, ok := htmlcheck.Attr(th, "scope"); !ok {
					t.Errorf("%s: a th has no scope: %q", rel, htmlcheck.Text(th))
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 50 {
		t.Errorf("only %d pages", pages)
	}
}

// TestInternalLinksResolve checks every link of every page leads to a built file.
func TestInternalLinksResolve(t *testing.T) {
	out, _ := sharedBuild(t)
	real, _ := filepath.EvalSymlinks(out)
	broken := map[string][]string{}
	_ = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(real, p)
		rel = filepath.ToSlash(rel)
		if rel == "404.html" {
			return nil // root-relative on purpose, checked below
		}
		b, _ := os.ReadFile(p)
		doc, _ := htmlcheck.Parse(b)
		sitePath := "/" + strings.TrimSuffix(rel, "index.html")
		for _, l := range htmlcheck.Links(doc, sitePath) {
			if _, err := os.Stat(filepath.Join(real, filepath.FromSlash(htmlcheck.FileFor(l)))); err != nil {
				broken[l] = append(broken[l], rel)
			}
		}
		return nil
	})
	keys := make([]string, 0, len(broken))
	for k := range broken {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("broken link %s (from %d pages, e.g. %s)", k, len(broken[k]), broken[k][0])
	}
}

// TestNoticeClauses checks the notice's clause anchors and the golden page.
func TestNoticeClauses(t *testing.T) {
	out, _ := sharedBuild(t)
	b, err := os.ReadFile(filepath.Join(out, "policies", "sx-wuye-2022-gzap", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := htmlcheck.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"s1": "一、总体目标", "s2": "二、主要任务", "s3": "三、实施步骤", "s4": "四、有关要求",
		"s2-1": "（一）组建物管会（业委会）", "s2-3": "（三）小区物业服务全覆盖", "s2-8": "（八）开展物业服务企业评价活动",
		"s3-1": "（一）安排部署及试点开展阶段", "s3-3": "（三）总结提升阶段",
	}
	for id, text := range want {
		n, err := htmlcheck.MustOne(doc, "#"+id)
		if err != nil {
			t.Errorf("clause %s: %v", id, err)
			continue
		}
		if got := htmlcheck.Text(n); !strings.Contains(got, text) {
			t.Errorf("clause %s text %q does not contain %q", id, got, text)
		}
		links := htmlcheck.Find(n, "a.clause-link")
		if len(links) != 1 {
			t.Errorf("clause %s has %d clause links", id, len(links))
			continue
		}
		if href, _ := htmlcheck.Attr(links[0], "href"); href != "#"+id {
			t.Errorf("clause %s links to %q", id, href)
		}
	}
	// The disclosure table opens the document with every required row.
	tbl, err := htmlcheck.MustOne(doc, "table.disclosure")
	if err != nil {
		t.Fatal(err)
	}
	rows := htmlcheck.Text(tbl)
	for _, label := range []string{"索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词", "有效性"} {
		if !strings.Contains(rows, label) {
			t.Errorf("disclosure table lacks %s", label)
		}
	}
	for _, s := range []string{"山西省社区物业管理能力提升工作专班", "2022-07-15", "现行有效", "SXWYGK-2022-0001"} {
		if !strings.Contains(rows, s) {
			t.Errorf("disclosure table lacks %q", s)
		}
	}
	// Every row is filled from the front matter: the notice has no 发文字号, which says so.
	for _, tr := range htmlcheck.Find(tbl, "tr") {
		cells := htmlcheck.Find(tr, "td")
		if len(cells) != 1 || strings.TrimSpace(htmlcheck.Text(cells[0])) == "" || strings.Contains(htmlcheck.Text(cells[0]), "—") {
			t.Errorf("disclosure row %q is not filled", htmlcheck.Text(tr))
		}
		if strings.Contains(htmlcheck.Text(tr), "发文字号") && strings.TrimSpace(htmlcheck.Text(cells[0])) != "无" {
			t.Errorf("发文字号 row = %q, want 无", htmlcheck.Text(tr))
		}
	}
	// No mark is inserted into the official wording: clause links carry no text.
	docBody, err := htmlcheck.MustOne(doc, "div.doc-body")
	if err != nil {
		t.Fatal(err)
	}
	if text := htmlcheck.Text(docBody); strings.Contains(text, "§") {
		t.Errorf("the notice's text contains §")
	}
	// The signature (issuer and date) is marked to stand at the right.
	var signature []string
	for _, p := range htmlcheck.Find(docBody, "p.signature") {
		signature = append(signature, htmlcheck.Text(p))
	}
	if got := strings.Join(signature, "|"); got != "山西省社区物业管理能力提升工作专班（代章）|2022年7月15日" {
		t.Errorf("signature paragraphs = %q", got)
	}
	// The whole notice is there: its last task and its closing lines.
	body := htmlcheck.Text(doc)
	for _, s := range []string{"入住率达到 50%的住宅小区物管会（业委会）组建率达到 100%", "营造共建共治共享的良好氛围", "2022年7月15日印发"} {
		if !strings.Contains(strings.ReplaceAll(body, "\n", ""), s) {
			t.Errorf("notice text lacks %q", s)
		}
	}

	golden.Check(t, filepath.Join("testdata", "policy-notice.golden.html"), b, "go test ./generator/build -run TestNoticeClauses -update")
}

// TestPageWeightBudgets holds the size targets of quality.md on the sample:
// all CSS under 30 KB, all JavaScript under 30 KB, and every community and
// company page under 30 KB of HTML.
func TestPageWeightBudgets(t *testing.T) {
	out, _ := sharedBuild(t)
	real, _ := filepath.EvalSymlinks(out)
	var css, js int64
	largest := map[string]int64{}
	_ = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, _ := d.Info()
		rel, _ := filepath.Rel(real, p)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasPrefix(rel, "static/") && strings.HasSuffix(rel, ".css"):
			css += info.Size()
		case strings.HasPrefix(rel, "static/") && strings.HasSuffix(rel, ".js"):
			js += info.Size()
		case strings.HasPrefix(rel, "communities/"), strings.HasPrefix(rel, "enterprises/"):
			kind := strings.SplitN(rel, "/", 2)[0]
			largest[kind] = max(largest[kind], info.Size())
		}
		return nil
	})
	if css == 0 || js == 0 || len(largest) != 2 {
		t.Fatalf("nothing measured: css %d, js %d, pages %v", css, js, largest)
	}
	if css > 30<<10 {
		t.Errorf("CSS is %d bytes, budget 30 KB", css)
	}
	if js > 30<<10 {
		t.Errorf("JavaScript is %d bytes, budget 30 KB", js)
	}
	for kind, size := range largest {
		if size > 30<<10 {
			t.Errorf("largest %s page is %d bytes, budget 30 KB", kind, size)
		}
	}
	t.Logf("CSS %d B, JS %d B, largest pages %v", css, js, largest)
}

// TestIdenticalRebuildIsSkipped: with the same generator, inputs and output,
// a rebuild stops after validation; a changed input, a changed generator or
// a damaged output renders again.
func TestIdenticalRebuildIsSkipped(t *testing.T) {
	fsys := siteFS(t)
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{FS: fsys, Out: out, Env: fixedEnv, Generator: "generator-v1"}
	first, err := Build(opts)
	if err != nil || first.Unchanged {
		t.Fatalf("first build: %v, unchanged=%v", err, first.Unchanged)
	}
	again, err := Build(opts)
	if err != nil || !again.Unchanged || again.Publish.Written != 0 {
		t.Fatalf("identical rebuild: %v, %+v", err, again)
	}

	other := opts
	other.Generator = "generator-v2"
	if res, err := Build(other); err != nil || res.Unchanged {
		t.Errorf("a new generator must render: %v, unchanged=%v", err, res.Unchanged)
	}
	if res, _ := Build(other); !res.Unchanged {
		t.Errorf("second build with the new generator was not skipped")
	}

	// A deleted output file is noticed and restored.
	victim := filepath.Join(out, "policies", "index.html")
	if err := os.Remove(victim); err != nil {
		t.Fatal(err)
	}
	if res, err := Build(other); err != nil || res.Unchanged {
		t.Errorf("a damaged output must be rebuilt: %v", err)
	}
	if _, err := os.Stat(victim); err != nil {
		t.Errorf("deleted file not restored: %v", err)
	}

	changed := siteFS(t)
	changed["content/pages/about.md"].Data = append(changed["content/pages/about.md"].Data, []byte("\n补充一句。\n")...)
	other.FS = changed
	res, err := Build(other)
	if err != nil || res.Unchanged || res.Publish.Written == 0 {
		t.Errorf("a changed input must render: %v, %+v", err, res.Publish)
	}
	if len(res.Slower) > 0 {
		t.Errorf("the shipped templates must all compile: %v", res.Slower)
	}

	// A template edited beyond what the compiler handles (a value inside a
	// script) renders through html/template, and the build says so.
	tmpl := changed["templates/pages/page.html"]
	tmpl.Data = bytes.Replace(tmpl.Data, []byte(`{{define "main"}}`), []byte(`{{define "main"}}<script>var title = {{.Page.Title}};</script>`), 1)
	res, err = Build(other)
	if err != nil || len(res.Slower) != 1 || !strings.Contains(res.Slower[0], "templates/pages/page.html") {
		t.Errorf("a template left to html/template must be reported: %v %q", err, res.Slower)
	}
}

// TestRowsReleasedOnce: the callback that lets the CLI relax the garbage
// collector comes exactly once, after the downloads, when the rows are gone.
func TestRowsReleasedOnce(t *testing.T) {
	_, res := sharedBuild(t)
	calls, site := sharedReleased, res.Site
	if calls != 1 {
		t.Errorf("RowsReleased called %d times, want 1", calls)
	}
	if site.Data != nil {
		t.Error("the raw rows are still held after the build")
	}
}

// TestManifestHashesTheFiles: the manifest that the next build compares
// against holds the true SHA-256 of every file, downloads included (their
// hash comes from open data rather than from the publisher).
func TestManifestHashesTheFiles(t *testing.T) {
	out, _ := sharedBuild(t)
	live, err := os.Readlink(out)
	if err != nil {
		t.Fatal(err)
	}
	trees := publish.TreesDir(out)
	raw, err := os.ReadFile(filepath.Join(trees, filepath.Base(live)+".manifest"))
	if err != nil {
		t.Fatal(err)
	}
	var man map[string]publish.Entry
	if err := json.Unmarshal(raw, &man); err != nil {
		t.Fatal(err)
	}
	downloads := 0
	for rel, e := range man {
		b, err := os.ReadFile(filepath.Join(trees, filepath.Base(live), filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if e.Hash != hex.EncodeToString(sum[:]) || e.Size != int64(len(b)) {
			t.Errorf("%s: manifest says %d bytes %s", rel, e.Size, e.Hash)
		}
		if strings.HasSuffix(rel, ".xlsx") {
			downloads++
		}
	}
	if downloads == 0 {
		t.Error("no download was checked")
	}
}

// TestBuildErrorsNameThePhase: a failing build says which phase failed, and
// publishes nothing.
func TestBuildErrorsNameThePhase(t *testing.T) {
	for _, c := range []struct{ file, from, to, phase string }{
		{"templates/pages/page.html", `{{define "main"}}`, `{{define "main"}}{{if}}`, "templates: "},
		{"templates/pages/community.html", `{{define "main"}}`, `{{define "main"}}{{index .Page.Crumbs 99}}`, "render: "},
	} {
		fsys := siteFS(t)
		f := fsys[c.file]
		f.Data = bytes.Replace(f.Data, []byte(c.from), []byte(c.to), 1)
		out := filepath.Join(t.TempDir(), "public")
		_, err := buildInto(t, fsys, out)
		if err == nil || !strings.HasPrefix(err.Error(), c.phase) {
			t.Errorf("%s: error %v, want it to start with %q", c.file, err, c.phase)
		}
		if _, err := os.Lstat(out); !os.IsNotExist(err) {
			t.Errorf("%s: a failed build published: %v", c.file, err)
		}
	}
}
