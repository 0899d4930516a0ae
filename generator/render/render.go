// Package render turns planned pages into HTML with html/template.
//
// Each page kind has its own template set: the shared layout and partials of
// templates/ plus the page's own file templates/pages/<name>.html, which
// defines "main" (and optionally "head"). Templates receive a *Ctx whose
// methods build links relative to the page, so a built site works under any
// base path and its pages open from disk.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sxwuye/portal/generator/artifact"
	"github.com/sxwuye/portal/generator/config"
)

// The page and file types live in the leaf package output, so that the
// phases that only produce them (open data, search) need not import the
// renderer; these names keep the planners and renderer reading naturally.
type (
	Crumb   = artifact.Crumb
	Feed    = artifact.Feed
	Article = artifact.Article
	Page    = artifact.Page
	File    = artifact.File
)

// Site is what every page knows of the site.
type Site struct {
	Config  *config.Config
	Updated time.Time // data version date: "last updated" on every page
}

// Renderer holds the parsed templates and static assets of a site.
type Renderer struct {
	site   *Site
	pages  map[string]*template.Template
	static []File
	hashes map[string]string // static file name → short content hash
	chrome sync.Map          // cached header/footer HTML by variant
	// compiled holds each page kind's compiled program (compile.go);
	// uncompiled says why a kind has none.
	compiled   map[string]*program
	uncompiled map[string]error
	fellBack   sync.Map // page kind → *fallbacks: pages the program left to html/template
}

// fallbacks counts the pages of a kind that a compiled program left to
// html/template, with the first reason.
type fallbacks struct {
	mu     sync.Mutex
	n      int
	reason string
}

// New parses the templates under fsys (rooted at the templates folder): the
// layout "layout.html", every "partials/*.html", every "pages/*.html", and
// the static assets under "static/", published at /static/.
func New(fsys fs.FS, site *Site) (*Renderer, error) {
	r := &Renderer{site: site, pages: map[string]*template.Template{}, hashes: map[string]string{},
		compiled: map[string]*program{}, uncompiled: map[string]error{}}
	if err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		r.hashes[strings.TrimPrefix(p, "static/")] = hex.EncodeToString(sum[:])[:12]
		r.static = append(r.static, File{Path: p, Data: b})
		return nil
	}); err != nil {
		return nil, fmt.Errorf("templates/static: %w", err)
	}
	sort.Slice(r.static, func(i, j int) bool { return r.static[i].Path < r.static[j].Path })

	funcs := Funcs()
	base := template.New("layout.html").Funcs(funcs)
	layout, err := fs.ReadFile(fsys, "layout.html")
	if err != nil {
		return nil, fmt.Errorf("templates/layout.html: %w", err)
	}
	if _, err := base.Parse(string(layout)); err != nil {
		return nil, fmt.Errorf("templates/%w", err)
	}
	partials, _ := fs.Glob(fsys, "partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		if _, err := base.New(p).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("templates/%w", err)
		}
	}
	pages, _ := fs.Glob(fsys, "pages/*.html")
	sort.Strings(pages)
	for _, p := range pages {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(p).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("templates/%w", err)
		}
		name := strings.TrimSuffix(path.Base(p), ".html")
		r.pages[name] = t
		if prog, err := compileSet(t, funcs); err != nil {
			r.uncompiled[name] = err
		} else {
			r.compiled[name] = prog
		}
	}
	return r, nil
}

// Fallbacks says, in words for the site's admin, which page kinds render
// through html/template rather than their compiled programs, and why: the
// output is the same, only slower. Empty when every page was compiled.
func (r *Renderer) Fallbacks() []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(r.uncompiled)) {
		out = append(out, fmt.Sprintf("templates/pages/%s.html：这类页面的模板无法编译，改由 html/template 逐页解释执行（结果相同，速度较慢）：%v", name, r.uncompiled[name]))
	}
	var kinds []string
	r.fellBack.Range(func(k, _ any) bool { kinds = append(kinds, k.(string)); return true })
	slices.Sort(kinds)
	for _, name := range kinds {
		v, _ := r.fellBack.Load(name)
		f := v.(*fallbacks)
		f.mu.Lock()
		out = append(out, fmt.Sprintf("templates/pages/%s.html：%d 个页面改由 html/template 渲染（结果相同，速度较慢），首个原因：%s", name, f.n, f.reason))
		f.mu.Unlock()
	}
	return out
}

func (r *Renderer) noteFallback(kind string, err error) {
	v, _ := r.fellBack.LoadOrStore(kind, &fallbacks{})
	f := v.(*fallbacks)
	f.mu.Lock()
	if f.n == 0 {
		f.reason = err.Error()
	}
	f.n++
	f.mu.Unlock()
}

// Static returns the static assets, at static/<name>.
func (r *Renderer) Static() []File { return r.static }

// Render renders pages in parallel and hands each file to sink as soon as
// it is ready (sink is called from several goroutines, and must not keep
// File.Data after it returns), so a large site is never held in memory. It stops at the first error, which names the page.
func (r *Renderer) Render(pages []*Page, sink func(File) error) error {
	// One worker per core, each rendering a page and writing it through
	// sink: more workers would only queue for the same directory locks in
	// the kernel (the province benchmark, generator bench, measures it).
	workers := runtime.GOMAXPROCS(0)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		failed   = make(chan struct{})
		next     = make(chan *Page, workers)
	)
	fail := func(err error) {
		once.Do(func() { firstErr = err; close(failed) })
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range next {
				buf.Reset()
				if err := r.renderPage(&buf, p); err != nil {
					fail(err)
					continue
				}
				if err := sink(File{Path: p.OutputPath(), Data: buf.Bytes()}); err != nil {
					fail(fmt.Errorf("%s: %w", p.OutputPath(), err))
				}
			}
		}()
	}
feed:
	for _, p := range pages {
		select {
		case next <- p:
		case <-failed:
			break feed
		}
	}
	close(next)
	wg.Wait()
	return firstErr
}

// Interpret renders a single page with html/template alone, bypassing its
// compiled program: the reference that tests hold the program to.
func (r *Renderer) Interpret(p *Page) ([]byte, error) {
	t := r.pages[p.Template]
	if t == nil {
		return nil, fmt.Errorf("页面 %s：找不到模板 templates/pages/%s.html", p.Path, p.Template)
	}
	defer prepare(p)()
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", &Ctx{Site: r.site, Page: p, Data: p.Data, r: r, set: t}); err != nil {
		return nil, fmt.Errorf("页面 %s：模板出错：%w", p.Path, err)
	}
	return buf.Bytes(), nil
}

// prepare fills in a page's lazy fields and returns what empties them.
func prepare(p *Page) (release func()) {
	if p.Prepare == nil {
		return func() {}
	}
	p.Prepare(p)
	return func() { p.Crumbs, p.Description, p.JSONLD, p.Data, p.Article = nil, "", nil, nil, nil }
}

// RenderOne renders a single page.
func (r *Renderer) RenderOne(p *Page) ([]byte, error) {
	var buf bytes.Buffer
	err := r.renderPage(&buf, p)
	return buf.Bytes(), err
}

func (r *Renderer) renderPage(buf *bytes.Buffer, p *Page) error {
	t := r.pages[p.Template]
	if t == nil {
		return fmt.Errorf("页面 %s：找不到模板 templates/pages/%s.html", p.Path, p.Template)
	}
	defer prepare(p)()
	ctx := &Ctx{Site: r.site, Page: p, Data: p.Data, r: r, set: t}
	if prog := r.compiled[p.Template]; prog != nil {
		err := prog.execute(buf, ctx)
		if err == nil {
			return nil
		}
		r.noteFallback(p.Template, err)
	}
	if err := t.ExecuteTemplate(buf, "layout.html", ctx); err != nil {
		return fmt.Errorf("页面 %s：模板出错：%w", p.Path, err)
	}
	return nil
}

// Ctx is what a template receives as ".".
type Ctx struct {
	Site *Site
	Page *Page
	Data any
	r    *Renderer
	set  *template.Template
}

// Header is the site header and main navigation for this page.
func (c *Ctx) Header() (template.HTML, error) { return c.chrome("site-header", true) }

// Footer is the site footer for this page.
func (c *Ctx) Footer() (template.HTML, error) { return c.chrome("site-footer", false) }

// chrome renders a page-independent part of the layout once per variant:
// what it shows depends only on where the page sits (its links are relative)
// and, for the header, on which menu entry is current.
func (c *Ctx) chrome(name string, withSection bool) (template.HTML, error) {
	key := name + "\x00" + c.Rel("/")
	if withSection {
		for _, mi := range c.Site.Config.Menu {
			if c.Active(mi.URL) {
				key += "\x00" + mi.URL
				break
			}
		}
	}
	return c.once(key, name, c)
}

// once renders the template name with data the first time key is asked
// for, and returns that output ever after. Every page set shares the
// layout and partials, so the cache serves them all.
func (c *Ctx) once(key, name string, data any) (template.HTML, error) {
	if v, ok := c.r.chrome.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b strings.Builder
	if err := c.set.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	c.r.chrome.Store(key, h)
	return h, nil
}

// Rel returns a link from the current page to a site path ("/cases/", "/static/site.css", "/policies/x/#s2-3").
func (c *Ctx) Rel(target string) string {
	if c.Page.RootLinks {
		return c.Site.Config.BasePath() + strings.TrimPrefix(target, "/")
	}
	return Relative(c.Page.Path, target)
}

// Abs returns the absolute URL of a site path, from base_url.
func (c *Ctx) Abs(target string) string { return c.Site.Config.AbsURL(target) }

// Asset links a static file with a content hash for cache busting.
func (c *Ctx) Asset(name string) string {
	return c.Rel("/static/"+name) + "?v=" + c.r.hashes[name]
}

// Canonical is the absolute URL of the page.
func (c *Ctx) Canonical() string {
	if c.Page.CanonicalPath != "" {
		return c.Abs(c.Page.CanonicalPath)
	}
	return c.Abs(c.Page.Path)
}

// Active reports whether a menu URL is the current section.
func (c *Ctx) Active(menuURL string) bool {
	if menuURL == "/" {
		return c.Page.Path == "/"
	}
	return c.Page.Section == menuURL || strings.HasPrefix(c.Page.Path, menuURL)
}

// JSONLD renders the page's structured data as ld+json scripts. json.Marshal
// escapes <, > and &, so data can never close the script element.
func (c *Ctx) JSONLD() (template.HTML, error) {
	var b strings.Builder
	for _, obj := range c.Page.JSONLD {
		js, err := json.Marshal(obj)
		if err != nil {
			return "", err
		}
		b.WriteString(`<script type="application/ld+json">`)
		b.Write(js)
		b.WriteString("</script>\n")
	}
	return template.HTML(b.String()), nil
}

// Relative computes the link from the page at site path from to the site path to.
func Relative(from, to string) string {
	frag := ""
	if i := strings.IndexAny(to, "#?"); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	if to == "" {
		return frag
	}
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir)
		if !strings.HasSuffix(dir, "/") {
			dir += "/"
		}
	}
	if to == from && frag != "" {
		return frag
	}
	// Leave out the leading segments the page's folder and the target
	// share; every other segment of the folder is a step up.
	d, t := strings.Trim(dir, "/"), strings.Trim(to, "/")
	for d != "" && t != "" {
		ds, dRest, _ := strings.Cut(d, "/")
		ts, tRest, _ := strings.Cut(t, "/")
		if ds != ts {
			break
		}
		d, t = dRest, tRest
	}
	ups := 0
	if d != "" {
		ups = strings.Count(d, "/") + 1
	}
	var b strings.Builder
	b.Grow(3*ups + len(t) + 1 + len(frag))
	for ; ups > 0; ups-- {
		b.WriteString("../")
	}
	b.WriteString(t)
	if t != "" && strings.HasSuffix(to, "/") {
		b.WriteByte('/')
	}
	if b.Len() == 0 {
		b.WriteString("./")
	}
	b.WriteString(frag)
	return b.String()
}
