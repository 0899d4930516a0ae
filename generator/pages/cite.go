package pages

import (
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/render"
)

// Citation formats a reference to an online document in the style of
// GB/T 7714-2015 (electronic resource, [EB/OL]):
//
//	主要责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取路径.
//
// The access date (引用日期) belongs to the reader, not to the build, so it
// is left out here; the page's script adds the reader's date on copy.
func Citation(author, title string, published time.Time, url string) string {
	var b strings.Builder
	if author != "" {
		b.WriteString(strings.TrimRight(author, "。."))
		b.WriteString(". ")
	}
	b.WriteString(title)
	b.WriteString("[EB/OL]. ")
	if !published.IsZero() {
		b.WriteString("(" + render.Date(published) + ")")
		b.WriteString(". ")
	}
	b.WriteString(url)
	b.WriteString(".")
	return b.String()
}
