package pages_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/render"
)

// fastRenderer parses the shipped templates and puts every page writer in
// use, failing when a writer no longer matches the templates it mirrors.
func fastRenderer(t *testing.T, m *model.Model) (*render.Renderer, map[string]bool) {
	t.Helper()
	r, err := render.New(os.DirFS("../../templates"), &render.Site{Config: m.Config, Updated: m.Version.Date})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, fp := range pages.FastPages() {
		if !r.UseFast(fp) {
			t.Errorf("templates of %q changed since its Go writer (pages/fast.go) was written: make the writer match "+
				"templates/pages/%[1]s.html and templates/layout.html again and set its Sources to %q", fp.Template, r.Sources(fp.Template))
			continue
		}
		kinds[fp.Template] = true
	}
	return r, kinds
}

// compareFast renders every page of the fast kinds both ways and requires
// the same bytes; it returns how many pages of each kind it compared.
func compareFast(t *testing.T, m *model.Model) map[string]int {
	t.Helper()
	r, kinds := fastRenderer(t, m)
	plan, err := pages.Build(m, pages.Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, p := range plan.Pages {
		if !kinds[p.Template] {
			continue
		}
		want, err := r.RenderTemplate(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.RenderOne(p)
		if err != nil {
			t.Fatal(err)
		}
		n[p.Template]++
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: the Go writer differs from the template at byte %d:\n got …%s…\nwant …%s…", p.Path, i,
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
			if t.Failed() && n[p.Template] > 3 {
				return n
			}
		}
	}
	return n
}

// TestFastPagesMatchTemplates: on the shipped sample, every community and
// company page comes out of its Go writer exactly as out of its templates.
func TestFastPagesMatchTemplates(t *testing.T) {
	site, err := build.Load(build.Options{Root: "../..", Env: testEnv})
	if err != nil || site.Report.HasErrors() {
		t.Fatalf("sample: %v %v", err, site.Report)
	}
	n := compareFast(t, site.Model)
	if n["community"] != len(site.Model.Communities) || n["enterprise"] != len(site.Model.Enterprises) {
		t.Errorf("compared %v pages; want every one of %d communities and %d companies", n,
			len(site.Model.Communities), len(site.Model.Enterprises))
	}
}

// TestFastPagesEscapeLikeTemplates: with markup, quotes, plus signs and
// URL schemes in every text field, the writers still match the templates.
func TestFastPagesEscapeLikeTemplates(t *testing.T) {
	const a, b = `<script>alert(1)</script>+'`, `"><img src=x onerror=alert(1)> javascript:x %zz 100%`
	cfg := evConfig(t)
	set := evData()
	injectMarkup(set, a, b)
	m := model.Assemble(cfg, set, nil, model.Version{})
	n := compareFast(t, m)
	if n["community"] != len(set.Communities) || n["enterprise"] != len(set.Enterprises) {
		t.Errorf("compared %v pages", n)
	}
	for _, c := range m.Communities {
		if strings.Contains(c.Name, "<img") {
			return
		}
	}
	t.Error("the injected strings did not reach the model")
}
