package render

import "strings"

// Meta is one <meta name content> tag.
type Meta struct{ Name, Content string }

// GovMeta is the page's government-website meta tags, in the order the
// 政府网站网页设计规范 lists them: the site's on every page, the column's on
// pages in a column, the article's on articles. Values not set are left
// out, never faked.
func (c *Ctx) GovMeta() []Meta {
	cfg, p := c.Site.Config, c.Page
	var out []Meta
	add := func(name, content string) {
		if content = strings.TrimSpace(content); content != "" {
			out = append(out, Meta{name, content})
		}
	}
	add("SiteName", cfg.Title)
	add("SiteDomain", cfg.Filing.SiteDomain)
	add("SiteIDCode", cfg.Filing.SiteIDCode)
	if p.ColumnName != "" {
		add("ColumnName", p.ColumnName)
		add("ColumnDescription", p.ColumnDescription)
		add("ColumnKeywords", keywords(p.ColumnKeywords))
		add("ColumnType", p.ColumnType)
	}
	if a := p.Article; a != nil {
		add("ArticleTitle", a.Title)
		if !a.PubDate.IsZero() {
			add("PubDate", Date(a.PubDate))
		}
		add("ContentSource", a.Source)
		add("Keywords", keywords(a.Keywords))
		add("Author", a.Author)
		// The page's description is the one Description tag of every page (layout).
		add("Url", c.Canonical())
	}
	return out
}

// keywords joins keywords with commas, each once, in their first place.
func keywords(list []string) string {
	seen := make(map[string]bool, len(list))
	var out []string
	for _, k := range list {
		if k = strings.TrimSpace(k); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return strings.Join(out, ",")
}
