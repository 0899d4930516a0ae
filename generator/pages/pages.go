// Package pages plans the site: from the model it decides every HTML page
// (path, template, title, breadcrumbs, structured data and the page's view
// data) and the small non-HTML files that describe the site (robots.txt,
// sitemap.xml, feeds). It renders nothing itself and writes no file.
//
// Each section lives in its own file (home.go, policies.go, cases.go,
// evaluations.go, regions.go, progress.go, data.go, search.go, …) as a method
// on builder, and plan.go lists them in one place.
package pages

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/render"
)

// Plan is every output of the site except the open-data downloads and the
// search index, which their own packages produce.
type Plan struct {
	Pages []*render.Page
	Files []render.File // non-HTML files: robots.txt, sitemap.xml, feeds
}

// Inputs are the products of the phases before planning that pages show.
type Inputs struct {
	// Datasets describes the open-data downloads (sizes, hashes), by dataset name order.
	Datasets []*opendata.DatasetInfo
	// SearchManifest is the site path of the search index manifest.
	SearchManifest string
}

type builder struct {
	m    *model.Model
	in   Inputs
	plan *Plan
	seen map[string]string // output path → page path that claimed it
	errs []string
}

func (b *builder) add(p *render.Page) {
	out := p.OutputPath()
	if prev, dup := b.seen[out]; dup {
		b.errs = append(b.errs, fmt.Sprintf("两个页面都要写入 %s（%s 与 %s）", out, prev, p.Path))
		return
	}
	b.seen[out] = p.Path
	b.plan.Pages = append(b.plan.Pages, p)
}

func (b *builder) file(path string, data []byte) {
	if prev, dup := b.seen[path]; dup {
		b.errs = append(b.errs, fmt.Sprintf("两个输出都要写入 %s（%s 与 %s）", path, prev, path))
		return
	}
	b.seen[path] = "/" + path
	b.plan.Files = append(b.plan.Files, render.File{Path: path, Data: data})
}

// Build plans the whole site.
func Build(m *model.Model, in Inputs) (*Plan, error) {
	b := &builder{m: m, in: in, plan: &Plan{}, seen: map[string]string{}}
	for _, section := range b.sections() {
		section()
	}
	b.siteFiles()
	if len(b.errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(b.errs, "\n"))
	}
	sort.SliceStable(b.plan.Files, func(i, j int) bool { return b.plan.Files[i].Path < b.plan.Files[j].Path })
	return b.plan, nil
}

// crumbs builds breadcrumbs from (title, url) pairs; the last is the page itself.
func crumbs(pairs ...string) []render.Crumb {
	var out []render.Crumb
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, render.Crumb{Title: pairs[i], URL: pairs[i+1]})
	}
	return out
}
