package pages

import (
	"fmt"
	"strings"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// singlePages renders content/pages/*.md (关于本站, 隐私政策, 版权声明, …).
func (b *builder) singlePages() {
	for _, d := range b.m.Pages {
		b.add(&render.Page{
			Path: d.URL, Template: "page", Title: d.Title, Description: d.Summary,
			Crumbs: crumbs(d.Title, ""), Data: d,
		})
	}
}

// SitemapView is the human-readable 网站地图.
type SitemapView struct {
	Menu     []render.Crumb
	Pages    []*content.Document
	Cities   []*model.Region
	Periods  []*model.Period
	Policies []*content.Document
}

func (b *builder) sitemapPage() {
	v := &SitemapView{Pages: b.m.Pages, Cities: b.m.Cities(), Periods: b.m.Periods, Policies: b.m.Policies}
	for _, mi := range b.m.Config.Menu {
		v.Menu = append(v.Menu, render.Crumb{Title: mi.Title, URL: mi.URL})
	}
	b.add(&render.Page{
		Path: "/sitemap/", Template: "sitemap", Title: "网站地图", Description: "本站全部栏目和主要页面的索引。",
		Crumbs: crumbs("网站地图", ""), Data: v,
	})
}

func (b *builder) notFound() {
	b.add(&render.Page{
		Path: "/404.html", Template: "404", Title: "页面未找到", NoIndex: true, RootLinks: true,
	})
}

// Redirect is the view of a redirect page left at an old address.
type Redirect struct {
	To    string // site path of the new address
	Title string
}

// redirects writes a page at every alias of a document that sends readers
// (and crawlers, through the canonical link) to its current address.
func (b *builder) redirects() {
	var docs []*content.Document
	docs = append(docs, b.m.Policies...)
	docs = append(docs, b.m.Cases...)
	docs = append(docs, b.m.News...)
	docs = append(docs, b.m.Pages...)
	for _, d := range docs {
		for _, alias := range d.Aliases {
			if prev, taken := b.seen[strings.TrimPrefix(alias, "/")+"index.html"]; taken {
				b.errs = append(b.errs, fmt.Sprintf("%s: aliases 旧网址 %s 与本站生成的页面 %s 冲突，请换一个旧网址或删除该项", d.Source, alias, prev))
				continue
			}
			b.add(&render.Page{
				Path: alias, Template: "redirect", Title: d.Title, NoIndex: true, RootLinks: true, CanonicalPath: d.URL,
				Data: &Redirect{To: d.URL, Title: d.Title},
			})
		}
	}
}
