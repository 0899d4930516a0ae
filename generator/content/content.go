// Package content loads the Markdown documents of content/ (policies, model
// cases, news and single pages): it splits and strictly validates the YAML
// front matter of each file, renders the body with goldmark, gives every
// numbered clause of a policy a stable anchor (一、 → s1, 二、（三） → s2-3,
// 二、（三）1. → s2-3-1), and reports every problem with its file:line:column.
//
// The package knows nothing of templates or URLs beyond each document's own
// permalink; the model and page packages decide what to do with documents.
package content

import (
	"errors"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/diag"
)

// Kind is the section a document belongs to; it follows the folder under content/.
type Kind string

// The four kinds of content, one per folder of content/.
const (
	KindPolicy Kind = "policy"
	KindCase   Kind = "case"
	KindNews   Kind = "news"
	KindPage   Kind = "page"
)

// kindOrder is the order of kinds in Load's result.
var kindOrder = map[Kind]int{KindPolicy: 0, KindCase: 1, KindNews: 2, KindPage: 3}

// kindDirs maps the folder under content/ to its kind.
var kindDirs = []struct {
	dir  string
	kind Kind
}{
	{"policies", KindPolicy},
	{"cases", KindCase},
	{"news", KindNews},
	{"pages", KindPage},
}

// TOCEntry is one entry of a policy's clause table of contents.
type TOCEntry struct {
	ID    string // anchor id without "#", e.g. "s2-3"
	Title string // heading text with its marker, e.g. "（三）小区物业服务全覆盖"
	Level int    // 1 = 一、 2 = （一） 3 = 1. / 一是
}

// Document is one Markdown file of content/, validated and rendered.
type Document struct {
	Kind    Kind
	Source  string // slash path relative to the site root: "content/policies/sx-wuye-2022-gzap.md"
	Slug    string // ASCII URL segment: file base name, or the case number for cases
	URL     string // site path with trailing slash
	Title   string
	Summary string
	Date    time.Time // publication date (policies: published; cases/news: date); zero for pages
	Sample  bool      // front matter sample: true
	Aliases []string  // old site paths that must redirect here

	// Policies.
	Issuer, DocNumber, IndexNo, Topic, Status, ReplacedBy, Level, RegionCode string
	Keywords                                                                 []string
	Issued                                                                   time.Time // 成文日期

	// Cases (RegionCode is shared with policies and news).
	CaseID, Category, CaseSource string // CaseSource is front matter "source" (来源)
	Tags                         []string

	// Pages.
	MenuOrder int

	HTML template.HTML // rendered body
	Text string        // plain text of the body, for search and feeds
	TOC  []TOCEntry    // clause table of contents (policies), empty otherwise

	positions map[string]pos // where each front matter value is, for later cross-document checks
	aliasPos  []pos
}

// Options carries the site settings that change how content is loaded.
type Options struct {
	UnsafeHTML  bool                     // site.yaml markdown.unsafe_html
	RegionLevel func(code string) string // "province"/"city"/"county", "" if unknown; nil skips region checks
}

// reservedPageSlugs are top-level URL segments the generator uses itself, so a
// page named like them would collide with a section.
var reservedPageSlugs = map[string]bool{
	"policies": true, "cases": true, "news": true, "evaluations": true, "enterprises": true,
	"communities": true, "regions": true, "progress": true, "data": true, "search": true,
	"sitemap": true, "assets": true, "static": true, "feed": true,
}

// Load reads every content/**/*.md file of fsys (rooted at the site root),
// validates its front matter, renders its body and reports every problem
// into rep. It returns the documents whose front matter was valid, sorted by
// kind (policy, case, news, page), then date descending, then slug.
func Load(fsys fs.FS, opt Options, rep *diag.Report) []*Document {
	var files []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir // a site without content/ simply has no documents
			}
			rep.Errorf(p, 0, 0, "", nil, "无法读取：%v", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "content" && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(name, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		rep.Errorf("content", 0, 0, "", nil, "无法读取内容目录：%v", err)
	}
	sort.Strings(files)

	md := newMarkdown(opt.UnsafeHTML)
	var docs []*Document
	for _, p := range files {
		kind, ok := kindOf(p)
		if !ok {
			rep.Errorf(p, 0, 0, "", nil, "不在 content/policies、content/cases、content/news 或 content/pages 目录下，无法确定内容类型")
			continue
		}
		if fi, err := fs.Stat(fsys, p); err == nil && fi.IsDir() {
			continue // a symbolic link to a folder, which the build refuses by name
		}
		src, err := fs.ReadFile(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // a link leading nowhere, which the build refuses by name
		case errors.Is(err, fs.ErrPermission):
			rep.Errorf(p, 0, 0, "", nil, "没有读取这个文件的权限")
			continue
		case err != nil:
			rep.Errorf(p, 0, 0, "", nil, "无法读取这个文件（系统错误：%v）", err)
			continue
		}
		if d := loadFile(p, kind, src, opt, md, rep); d != nil {
			docs = append(docs, d)
		}
	}
	checkReplacements(docs, rep)
	checkURLs(docs, rep)
	sortDocuments(docs)
	return docs
}

// kindOf tells the kind of a file from its folder under content/.
func kindOf(p string) (Kind, bool) {
	for _, kd := range kindDirs {
		if strings.HasPrefix(p, "content/"+kd.dir+"/") {
			return kd.kind, true
		}
	}
	return "", false
}

// loadFile parses one file; it returns nil when its front matter has errors.
func loadFile(p string, kind Kind, src []byte, opt Options, md *markdown, rep *diag.Report) *Document {
	local := &diag.Report{}
	defer rep.Merge(local)

	fm, err := splitFrontMatter(src)
	if err != nil {
		local.Errorf(p, err.line, 0, "", nil, "%s", err.msg)
		return nil
	}
	d := &Document{Kind: kind, Source: p}
	decodeFrontMatter(p, kind, fm, opt, d, local)
	setSlug(p, kind, d, local)
	if local.HasErrors() {
		return nil
	}
	r := md.renderAt(p, kind, d.URL, fm.body, fm.bodyLine, local)
	d.HTML, d.Text, d.TOC = r.html, r.text, r.toc
	return d
}

// setSlug derives the slug and URL. The file name of a case does not matter:
// its case number is its permanent address.
func setSlug(p string, kind Kind, d *Document, rep *diag.Report) {
	base := strings.TrimSuffix(path.Base(p), ".md")
	switch kind {
	case KindCase:
		d.Slug = d.CaseID
		d.URL = "/cases/" + d.Slug + "/"
		return
	case KindPolicy:
		d.URL = "/policies/" + base + "/"
	case KindNews:
		d.URL = "/news/" + base + "/"
	case KindPage:
		d.URL = "/" + base + "/"
	}
	d.Slug = base
	if !validSlug(base) {
		rep.Errorf(p, 0, 0, "", diag.V(base), "文件名即网址，只能使用 1–40 个小写英文字母、数字、- 或 _")
		return
	}
	if kind == KindPage && reservedPageSlugs[base] {
		rep.Errorf(p, 0, 0, "", diag.V(base), "文件名与站点栏目网址 /%s/ 冲突，请换一个文件名", base)
	}
}

func validSlug(s string) bool {
	if len(s) == 0 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// checkReplacements verifies that replaced_by names a policy of the site.
func checkReplacements(docs []*Document, rep *diag.Report) {
	slugs := map[string]bool{}
	for _, d := range docs {
		if d.Kind == KindPolicy {
			slugs[d.Slug] = true
		}
	}
	for _, d := range docs {
		if d.Kind != KindPolicy || d.ReplacedBy == "" {
			continue
		}
		pos := d.positions["replaced_by"]
		switch {
		case d.ReplacedBy == d.Slug:
			rep.Errorf(d.Source, pos.line, pos.col, fieldName(KindPolicy, "replaced_by"), diag.V(d.ReplacedBy), "不能指向本文件自身")
		case !slugs[d.ReplacedBy]:
			rep.Errorf(d.Source, pos.line, pos.col, fieldName(KindPolicy, "replaced_by"), diag.V(d.ReplacedBy),
				"应为另一政策文件的文件名（不含 .md），未找到 content/policies/%s.md", d.ReplacedBy)
		}
	}
}

// checkURLs reports two documents (or a document and an alias) claiming the
// same output path. Paths are compared case-insensitively because case ids
// keep their case and some file systems do not.
func checkURLs(docs []*Document, rep *diag.Report) {
	type claim struct{ source string }
	claims := map[string]claim{}
	byPath := append([]*Document(nil), docs...)
	sort.SliceStable(byPath, func(i, j int) bool { return byPath[i].Source < byPath[j].Source })
	for _, d := range byPath {
		key := "id"
		if d.Kind != KindCase {
			key = ""
		}
		pos := d.positions[key]
		if prev, ok := claims[strings.ToLower(d.URL)]; ok {
			field := ""
			if key != "" {
				field = fieldName(d.Kind, key)
			}
			rep.Errorf(d.Source, pos.line, pos.col, field, diag.V(d.URL), "网址与 %s 重复：两个文件不能发布到同一地址", prev.source)
		} else {
			claims[strings.ToLower(d.URL)] = claim{d.Source}
		}
		for i, a := range d.Aliases {
			ap := d.aliasPos[i]
			if prev, ok := claims[strings.ToLower(a)]; ok {
				if prev.source == d.Source {
					rep.Errorf(d.Source, ap.line, ap.col, fieldName(d.Kind, "aliases"), diag.V(a), "旧地址与本文件的网址或另一旧地址相同")
				} else {
					rep.Errorf(d.Source, ap.line, ap.col, fieldName(d.Kind, "aliases"), diag.V(a), "旧地址与 %s 的网址或旧地址重复：两个文件不能发布到同一地址", prev.source)
				}
				continue
			}
			claims[strings.ToLower(a)] = claim{d.Source}
		}
	}
}

func sortDocuments(docs []*Document) {
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i], docs[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		if a.Slug != b.Slug {
			return a.Slug < b.Slug
		}
		return a.Source < b.Source
	})
}

// AliasPos is where the i-th alias of d is written in its front matter.
func (d *Document) AliasPos(i int) (line, col int) {
	if i < 0 || i >= len(d.aliasPos) {
		return 0, 0
	}
	return d.aliasPos[i].line, d.aliasPos[i].col
}
