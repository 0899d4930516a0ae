// Package artifact holds the types of what a build writes: the pages to
// render (with their breadcrumbs, feeds and document meta) and plain files.
// It imports nothing of the project, so every phase can produce them
// without depending on the renderer.
package artifact

import (
	"strings"
	"time"
)

// Crumb is one step of the breadcrumbs.
type Crumb struct {
	Title string
	URL   string // site path; "" for the current page
}

// Feed is an alternate Atom link of a page.
type Feed struct {
	Title string
	URL   string
}

// Article carries the government-site document meta tags.
type Article struct {
	Title    string
	PubDate  time.Time
	Source   string   // ContentSource: the body the content comes from
	Author   string   // Author: the body (or person) that wrote it
	Keywords []string // Keywords: front matter keywords or tags
}

// Page is one HTML page to render.
type Page struct {
	// Path is the page's site path: "/", "/cases/2022-001/", or a file such as "/404.html".
	Path        string
	Template    string // page template name: templates/pages/<Template>.html
	Title       string // "" on the home page, which shows the site title only
	Description string
	Section     string  // URL of the active menu entry
	Crumbs      []Crumb // from the home page (excluded) down to the page itself (last, URL "")
	ColumnName  string  // government meta ColumnName / ColumnType on section pages
	ColumnType  string
	// ColumnDescription and ColumnKeywords describe the column (栏目) the
	// page is in; pages fills them in from its one table of columns.
	ColumnDescription string
	ColumnKeywords    []string
	Article           *Article
	JSONLD            []any // schema.org objects, each written as one ld+json script
	Feeds             []Feed
	OGType            string // "website" (default) or "article"
	NoIndex           bool
	// RootLinks makes every link root-relative ("/x/") instead of page-relative,
	// for pages served at unknown paths (404.html, redirects).
	RootLinks bool
	// CanonicalPath, when set, is the canonical address instead of Path (redirect pages).
	CanonicalPath string
	Data          any
	// Prepare, when set, fills in the fields only rendering needs (Crumbs,
	// Description, JSONLD, Data, Article) just before the page renders; the renderer
	// empties them again afterwards. A province has tens of thousands of
	// community pages, ten times that at national scale: planned this way
	// they hold only their path and title until their turn comes, and their
	// view data is garbage as soon as they are written.
	Prepare func(*Page)
}

// OutputPath is where the page is written, relative to the output root.
func (p *Page) OutputPath() string {
	if strings.HasSuffix(p.Path, "/") {
		return strings.TrimPrefix(p.Path, "/") + "index.html"
	}
	return strings.TrimPrefix(p.Path, "/")
}

// File is one output file.
type File struct {
	Path string // slash path relative to the output root
	Data []byte
}
