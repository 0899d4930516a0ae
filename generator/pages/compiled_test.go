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

// compareCompiled renders every planned page with its compiled program and
// with html/template alone, requires the same bytes and no page left to
// html/template, and returns how many pages of each kind it compared.
func compareCompiled(t *testing.T, m *model.Model) map[string]int {
	t.Helper()
	r, err := render.New(os.DirFS("../../templates"), &render.Site{Config: m.Config, Updated: m.Version.Date})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := pages.Build(m, pages.Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, p := range plan.Pages {
		want, err := r.Interpret(p)
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
			t.Errorf("%s: the compiled template differs from html/template at byte %d:\n got …%s…\nwant …%s…", p.Path, i,
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
			if n[p.Template] > 3 {
				break
			}
		}
	}
	// Every shipped template compiles, and no page gave up on its program
	// (which would make the site slower, not different).
	if fb := r.Fallbacks(); len(fb) > 0 {
		t.Errorf("pages rendered through html/template instead of their compiled templates (extend render/compile.go):\n%s",
			strings.Join(fb, "\n"))
	}
	return n
}

// TestCompiledTemplatesMatchHTMLTemplate: on the shipped sample, every page
// of every kind comes out of its compiled template exactly as out of
// html/template.
func TestCompiledTemplatesMatchHTMLTemplate(t *testing.T) {
	site, err := build.Load(build.Options{Root: "../..", Env: testEnv})
	if err != nil || site.Report.HasErrors() {
		t.Fatalf("sample: %v %v", err, site.Report)
	}
	n := compareCompiled(t, site.Model)
	if n["community"] != len(site.Model.Communities) || n["enterprise"] != len(site.Model.Enterprises) {
		t.Errorf("compared %v pages; want every one of %d communities and %d companies", n,
			len(site.Model.Communities), len(site.Model.Enterprises))
	}
}

// TestCompiledTemplatesEscapeLikeHTMLTemplate: with markup, quotes, plus
// signs and URL schemes in every text field, the compiled templates still
// write what html/template writes.
func TestCompiledTemplatesEscapeLikeHTMLTemplate(t *testing.T) {
	const a, b = `<script>alert(1)</script>+'`, `"><img src=x onerror=alert(1)> javascript:x %zz 100%`
	cfg := evConfig(t)
	set := evData()
	injectMarkup(set, a, b)
	m := model.Assemble(cfg, set, nil, model.Version{})
	n := compareCompiled(t, m)
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
