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
	describeColumn(p)
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
	p := NewPlanner(m)
	early, err := p.Early()
	if err != nil {
		return nil, err
	}
	rest, err := p.Rest(in)
	if err != nil {
		return nil, err
	}
	rest.Pages = append(early, rest.Pages...)
	return rest, nil
}

// Planner plans the site in two steps (see plan.go).
type Planner struct {
	b     *builder
	early int // pages planned by Early
}

// NewPlanner starts planning a site.
func NewPlanner(m *model.Model) *Planner {
	return &Planner{b: &builder{m: m, plan: &Plan{}, seen: map[string]string{}}}
}

// Early plans the sections that need only the model.
func (p *Planner) Early() ([]*render.Page, error) {
	for _, section := range p.b.earlySections() {
		section()
	}
	if err := p.b.err(); err != nil {
		return nil, err
	}
	p.early = len(p.b.plan.Pages)
	return p.b.plan.Pages, nil
}

// Rest plans the late sections with the products of the open-data and search
// phases, and the site files (robots.txt, sitemap.xml) that list every page.
// The returned plan holds the pages Early did not return, and every file.
func (p *Planner) Rest(in Inputs) (*Plan, error) {
	b := p.b
	b.in = in
	for _, section := range b.lateSections() {
		section()
	}
	b.siteFiles()
	b.releaseRowIndex()
	if err := b.err(); err != nil {
		return nil, err
	}
	sort.SliceStable(b.plan.Files, func(i, j int) bool { return b.plan.Files[i].Path < b.plan.Files[j].Path })
	return &Plan{Pages: b.plan.Pages[p.early:], Files: b.plan.Files}, nil
}

func (b *builder) err() error {
	if len(b.errs) > 0 {
		return fmt.Errorf("%s", strings.Join(b.errs, "\n"))
	}
	return nil
}

// crumbs builds breadcrumbs from (title, url) pairs; the last is the page itself.
func crumbs(pairs ...string) []render.Crumb {
	var out []render.Crumb
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, render.Crumb{Title: pairs[i], URL: pairs[i+1]})
	}
	return out
}
