package pages

import (
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// NewsItem is a news item as the list shows it.
type NewsItem struct {
	Doc    *content.Document
	Region *model.Region // nil when the item has no (known) region
}

// NewsList is the view of /news/ and its further pages.
type NewsList struct {
	Items   []NewsItem // newest first
	Total   int
	Pager   *Pager
	FeedURL string
}

// NewsView is the view of one news item.
type NewsView struct {
	NewsItem
	Source    string // the publishing body
	Citation  string
	Permalink string
}

func (b *builder) news() {
	cfg := b.m.Config
	feeds := []render.Feed{newsFeed}
	items := make([]NewsItem, len(b.m.News))
	for i, d := range b.m.News {
		items[i] = NewsItem{Doc: d, Region: b.m.RegionByCode[d.RegionCode]}
	}
	pages := pageCount(len(items))
	for n := 1; n <= pages; n++ {
		lo := (n - 1) * listPageSize
		hi := min(lo+listPageSize, len(items))
		b.add(&render.Page{
			Path: pageURL("/news/", n), Template: "news-list", Title: pageTitle("工作动态", n), Section: "/news/",
			Description: "山西省社区物业管理能力提升工作的最新动态，按发布日期从新到旧排列。",
			Crumbs:      pagedCrumbs(n, "工作动态", "/news/"),
			ColumnName:  "工作动态", ColumnType: "工作动态", Feeds: feeds,
			Data: &NewsList{Items: items[lo:hi], Total: len(items), Pager: newPager("/news/", n, pages), FeedURL: newsFeed.URL},
		})
	}

	source := b.contentSource()
	for _, it := range items {
		d := it.Doc
		v := &NewsView{NewsItem: it, Source: source, Permalink: cfg.AbsURL(d.URL)}
		v.Citation = Citation(source, d.Title, d.Date, v.Permalink)
		ld := map[string]any{
			"@context":            "https://schema.org",
			"@type":               "Article",
			"headline":            d.Title,
			"description":         d.Summary,
			"url":                 v.Permalink,
			"mainEntityOfPage":    v.Permalink,
			"inLanguage":          "zh-CN",
			"datePublished":       render.Date(d.Date),
			"author":              map[string]any{"@type": "GovernmentOrganization", "name": source},
			"publisher":           map[string]any{"@type": "GovernmentOrganization", "name": cfg.Publisher.Name},
			"isAccessibleForFree": true,
		}
		if it.Region != nil {
			ld["contentLocation"] = map[string]any{"@type": "AdministrativeArea", "name": it.Region.FullName, "identifier": it.Region.Code}
		}
		b.add(&render.Page{
			Path: d.URL, Template: "news", Title: d.Title, Description: d.Summary, Section: "/news/",
			Crumbs:     crumbs("工作动态", "/news/", d.Title, ""),
			ColumnName: "工作动态", ColumnType: "工作动态",
			Article: &render.Article{Title: d.Title, PubDate: d.Date, Source: source, Author: source, Keywords: d.Keywords},
			OGType:  "article", Feeds: feeds, JSONLD: []any{ld}, Data: v,
		})
	}
}
