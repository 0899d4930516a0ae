package render

import (
	"fmt"
	"hash"
)

// FastPage writes one page kind in Go, producing byte for byte what its
// templates produce. The templates stay the definition of the page: a
// province has 23,494 community pages, and executing their templates costs
// about a quarter of a millisecond of reflection each, more than all the
// rest of a build together; a writer costs a few microseconds.
//
// A writer mirrors particular template files, named by Sources. The
// renderer uses it only while templates/ holds exactly those files, so an
// edited template always takes effect, at template speed. Tests render
// every page of such a kind both ways and require identical bytes.
type FastPage struct {
	// Template is the page template name: templates/pages/<Template>.html.
	Template string
	// Sources is the SHA-256 (hex) of the template files mirrored: the
	// layout, the partials and the page's file (Renderer.Sources).
	Sources string
	// Head writes the page's "head" block; nil when the template has none.
	Head func(w *Writer, c *Ctx)
	// Main writes the page's "main" block.
	Main func(w *Writer, c *Ctx) error
}

// UseFast puts a page writer in use when the templates it mirrors are the
// ones parsed, and reports whether it did.
func (r *Renderer) UseFast(fp FastPage) bool {
	if r.sources[fp.Template] == "" || r.sources[fp.Template] != fp.Sources {
		return false
	}
	r.fast[fp.Template] = fp
	return true
}

// Sources returns the SHA-256 (hex) of the template files of a page kind:
// what a FastPage for it must name.
func (r *Renderer) Sources(template string) string { return r.sources[template] }

// writeSource adds one template file to a sources hash: its name and
// length first, so that no two sets of files hash alike.
func writeSource(h hash.Hash, name string, data []byte) {
	fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
	h.Write(data)
}

// writeLayout writes a page as templates/layout.html does, with the page's
// blocks from fp. The shared header and footer come from the templates
// themselves (rendered once per variant, see chrome).
func (c *Ctx) writeLayout(w *Writer, fp FastPage) error {
	cfg := c.Site.Config
	p := c.Page
	w.M("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if p.Title != "" {
		w.Text(p.Title)
		w.M(" - ")
	}
	w.Text(cfg.Title)
	w.M("</title>\n<meta name=\"description\" content=\"")
	description := p.Description
	if description == "" {
		description = cfg.Description
	}
	w.Text(description)
	w.M("\">\n<link rel=\"canonical\" href=\"")
	canonical := c.Canonical()
	w.URL(canonical)
	w.M("\">")
	if p.NoIndex {
		w.M("\n<meta name=\"robots\" content=\"noindex\">")
	}
	w.M("\n<meta name=\"SiteName\" content=\"")
	w.Text(cfg.Title)
	w.M("\">")
	if v := cfg.Filing.SiteDomain; v != "" {
		w.M("\n<meta name=\"SiteDomain\" content=\"")
		w.Text(v)
		w.M("\">")
	}
	if v := cfg.Filing.SiteIDCode; v != "" {
		w.M("\n<meta name=\"SiteIDCode\" content=\"")
		w.Text(v)
		w.M("\">")
	}
	if p.ColumnName != "" {
		w.M("\n<meta name=\"ColumnName\" content=\"")
		w.Text(p.ColumnName)
		w.M("\">\n<meta name=\"ColumnType\" content=\"")
		w.Text(p.ColumnType)
		w.M("\">")
	}
	if a := p.Article; a != nil {
		w.M("\n<meta name=\"ArticleTitle\" content=\"")
		w.Text(a.Title)
		w.M("\">\n<meta name=\"PubDate\" content=\"")
		w.Text(Date(a.PubDate))
		w.M("\">\n<meta name=\"ContentSource\" content=\"")
		w.Text(a.Source)
		w.M("\">")
	}
	w.M("\n<meta property=\"og:site_name\" content=\"")
	w.Text(cfg.Title)
	w.M("\">\n<meta property=\"og:locale\" content=\"zh_CN\">\n<meta property=\"og:type\" content=\"")
	if p.OGType != "" {
		w.Text(p.OGType)
	} else {
		w.M("website")
	}
	w.M("\">\n<meta property=\"og:title\" content=\"")
	if p.Title != "" {
		w.Text(p.Title)
	} else {
		w.Text(cfg.Title)
	}
	w.M("\">\n<meta property=\"og:description\" content=\"")
	w.Text(description)
	w.M("\">\n<meta property=\"og:url\" content=\"")
	w.Text(canonical)
	w.M("\">")
	if a := p.Article; a != nil {
		w.M("\n<meta property=\"article:published_time\" content=\"")
		w.Text(Date(a.PubDate))
		w.M("\">")
	}
	w.M("\n<link rel=\"icon\" type=\"image/svg+xml\" href=\"")
	w.URL(c.Asset("favicon.svg"))
	w.M("\">\n<link rel=\"stylesheet\" href=\"")
	w.URL(c.Asset("site.css"))
	w.M("\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	w.Text(cfg.Title)
	w.M(" 最新发布\" href=\"")
	w.URL(c.Rel("/feed.xml"))
	w.M("\">")
	for _, f := range p.Feeds {
		w.M("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
		w.Text(f.Title)
		w.M("\" href=\"")
		w.URL(c.Rel(f.URL))
		w.M("\">")
	}
	w.M("\n<script>try{if(localStorage.getItem(\"portal-large\")===\"1\"){document.documentElement.classList.add(\"large\")}}catch(e){}</script>\n")
	ld, err := c.JSONLD()
	if err != nil {
		return err
	}
	w.HTML(ld)
	if fp.Head != nil {
		fp.Head(w, c)
	}
	w.M("\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">跳到正文</a>")
	if cfg.SampleData {
		w.M("\n<div class=\"sample-banner\" role=\"note\"><strong>示例数据</strong>：本站目前展示的企业、小区、评分、案例和新闻均为虚构的演示内容，不代表任何真实单位或真实评价结果；政策文件《全省社区物业管理能力提升工作安排》为正式文件原文。</div>")
	}
	w.M("\n")
	header, err := c.Header()
	if err != nil {
		return err
	}
	w.HTML(header)
	if len(p.Crumbs) > 0 {
		w.M("\n<nav class=\"crumbs wrap\" aria-label=\"当前位置\">\n  <ol>\n    <li><a href=\"")
		w.URL(c.Rel("/"))
		w.M("\">首页</a></li>")
		for _, cr := range p.Crumbs {
			w.M("\n    <li>")
			if cr.URL != "" {
				w.M("<a href=\"")
				w.URL(c.Rel(cr.URL))
				w.M("\">")
				w.Text(cr.Title)
				w.M("</a>")
			} else {
				w.M("<span aria-current=\"page\">")
				w.Text(cr.Title)
				w.M("</span>")
			}
			w.M("</li>")
		}
		w.M("\n  </ol>\n</nav>")
	}
	w.M("\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n")
	if err := fp.Main(w, c); err != nil {
		return err
	}
	w.M("\n</main>\n")
	footer, err := c.Footer()
	if err != nil {
		return err
	}
	w.HTML(footer)
	w.M("\n<script src=\"")
	w.URL(c.Asset("site.js"))
	w.M("\" defer></script>\n</body>\n</html>\n\n\n")
	return nil
}
