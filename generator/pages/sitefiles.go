package pages

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"

	"github.com/sxwuye/portal/generator/render"
)

// siteFiles writes robots.txt and sitemap.xml from every indexable page.
func (b *builder) siteFiles() {
	cfg := b.m.Config
	b.file("robots.txt", []byte(fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", cfg.AbsURL("/sitemap.xml"))))

	var urls []string
	for _, p := range b.plan.Pages {
		if !p.NoIndex && !p.RootLinks {
			urls = append(urls, p.Path)
		}
	}
	sort.Strings(urls)
	lastmod := render.Date(b.m.Version.Date)
	lastmodTag := ""
	if lastmod != "" {
		lastmodTag = "<lastmod>" + lastmod + "</lastmod>"
	}
	urlset := func(urls []string) []byte {
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, u := range urls {
			buf.WriteString("<url><loc>")
			_ = xml.EscapeText(&buf, []byte(cfg.AbsURL(u)))
			buf.WriteString("</loc>" + lastmodTag + "</url>\n")
		}
		buf.WriteString("</urlset>\n")
		return buf.Bytes()
	}
	if len(urls) <= sitemapLimit {
		b.file("sitemap.xml", urlset(urls))
		return
	}
	// Past the protocol's 50,000 URLs per file: a sitemap index and numbered parts.
	var index bytes.Buffer
	index.WriteString(xml.Header)
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for part := 0; part*sitemapLimit < len(urls); part++ {
		end := min((part+1)*sitemapLimit, len(urls))
		name := fmt.Sprintf("sitemaps/%d.xml", part+1)
		b.file(name, urlset(urls[part*sitemapLimit:end]))
		index.WriteString("<sitemap><loc>")
		_ = xml.EscapeText(&index, []byte(cfg.AbsURL("/"+name)))
		index.WriteString("</loc>" + lastmodTag + "</sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	b.file("sitemap.xml", index.Bytes())
}

// sitemapLimit stays under the sitemap protocol's 50,000 URLs per file.
const sitemapLimit = 45000
