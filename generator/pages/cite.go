package pages

import (
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/render"
)

// AccessDatePlaceholder stands where GB/T 7714-2015 puts the access date
// (引用日期). The date belongs to the reader, not to the build, so pages show
// this placeholder and site.js (withAccessDate) replaces it with the
// reader's date when the citation is copied.
const AccessDatePlaceholder = "[引用日期]"

// Citation formats a reference to an online document in the style of
// GB/T 7714-2015 (electronic resource, [EB/OL]):
//
//	主要责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取路径.
func Citation(author, title string, published time.Time, url string) string {
	return citation(author, title, "EB/OL", published, url)
}

// citation writes 责任者. 题名[kind]. (日期)[引用日期]. URL. — the shared
// form of documents ([EB/OL]) and data sets ([DS/OL]).
func citation(author, title, kind string, date time.Time, url string) string {
	var b strings.Builder
	if author != "" {
		b.WriteString(strings.TrimRight(author, "。."))
		b.WriteString(". ")
	}
	b.WriteString(title)
	b.WriteString("[" + kind + "]. ")
	if !date.IsZero() {
		b.WriteString("(" + render.Date(date) + ")")
	}
	b.WriteString(AccessDatePlaceholder + ". ")
	b.WriteString(url)
	b.WriteString(".")
	return b.String()
}
