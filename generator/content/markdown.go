package content

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// markdown is the configured goldmark converter of a site.
type markdown struct {
	md     goldmark.Markdown
	unsafe bool
}

func newMarkdown(unsafe bool) *markdown {
	ropts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(clauseLinkRenderer{}, 500))}
	if unsafe {
		ropts = append(ropts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			// CSS3Draft rather than extension.CJK's default "simple" style: a
			// line break between "50%" and "的" must vanish too, not only one
			// between two Chinese characters.
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
		),
		goldmark.WithRendererOptions(ropts...),
	)
	return &markdown{md: md, unsafe: unsafe}
}

type rendered struct {
	html template.HTML
	text string
	toc  []TOCEntry
}

// pass holds what one document's AST passes need to report with positions.
type pass struct {
	file     string
	src      []byte
	bodyLine int
	rep      *diag.Report
	unsafe   bool
}

// render converts one body. Positions of problems are lines of the .md file.
func (m *markdown) render(file string, kind Kind, body []byte, bodyLine int, rep *diag.Report) rendered {
	return m.renderAt(file, kind, "", body, bodyLine, rep)
}

// renderAt converts the body of the document at site path url ("" when
// unknown), whose links to site paths ("/cases/2022-008/") it makes
// relative to the document, so that they work under any base path.
func (m *markdown) renderAt(file string, kind Kind, url string, body []byte, bodyLine int, rep *diag.Report) rendered {
	// Load rejects invalid UTF-8 before this point; mend it anyway, because
	// goldmark's CJK line-break renderer panics on a broken rune.
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	doc := m.md.Parser().Parse(text.NewReader(body))
	p := &pass{file: file, src: body, bodyLine: bodyLine, rep: rep, unsafe: m.unsafe}
	p.sanitize(doc)
	if url != "" {
		relativeSiteLinks(doc, url)
	}
	toc := assignIDs(doc, body, kind == KindPolicy)
	if kind == KindPolicy {
		markSignature(doc, body)
	}
	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, body, doc); err != nil {
		rep.Errorf(file, bodyLine, 0, "", nil, "Markdown 无法转换为 HTML：%v", err)
	}
	return rendered{html: template.HTML(buf.String()), text: plainText(doc, body), toc: toc}
}

// place turns a byte offset of the body into a file position.
func (p *pass) place(off int) pos {
	if off < 0 || off > len(p.src) {
		return pos{p.bodyLine, 0}
	}
	before := p.src[:off]
	line := p.bodyLine + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return pos{line, utf8.RuneCount(before[lineStart:]) + 1}
}

// locate finds where an inline node is: its own position when goldmark
// recorded one, else the first occurrence of needle in its enclosing block.
func (p *pass) locate(n ast.Node, needle []byte) pos {
	if n.Pos() >= 0 {
		return p.place(n.Pos())
	}
	for b := n; b != nil; b = b.Parent() {
		if b.Type() != ast.TypeBlock || b.Lines().Len() == 0 {
			continue
		}
		start := b.Lines().At(0).Start
		stop := b.Lines().At(b.Lines().Len() - 1).Stop
		if len(needle) > 0 && start <= stop && stop <= len(p.src) {
			if i := bytes.Index(p.src[start:stop], needle); i >= 0 {
				return p.place(start + i)
			}
		}
		return p.place(start)
	}
	return pos{p.bodyLine, 0}
}

// allowedLink reports whether a link destination is http(s), mailto, a
// relative path or a "#fragment". Everything else (javascript:, data:,
// file:, vbscript:, custom schemes) is refused even when raw HTML is allowed.
func allowedLink(dest string) bool {
	scheme, ok := urlScheme(dest)
	if !ok {
		return true // relative, absolute path or fragment
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// allowedImage: images must come from the site itself, so that no page
// makes a request to another host.
func allowedImage(dest string) bool {
	_, hasScheme := urlScheme(dest)
	return !hasScheme && !strings.HasPrefix(strings.TrimLeft(dest, " \t\r\n"), "//") &&
		!strings.HasPrefix(strings.TrimLeft(dest, " \t\r\n"), "\\")
}

// decodedURL is a destination as the browser will see it: backslash escapes
// and character references (&#106; &colon; …) resolved, which goldmark does
// when it writes the attribute. Checking only the source text would pass
// "&#106;avascript:".
func decodedURL(dest []byte) string {
	b := util.UnescapePunctuations(dest)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return stdhtml.UnescapeString(string(b))
}

// linkOK and imageOK check a destination both as written and as decoded.
func linkOK(dest []byte) bool {
	return allowedLink(string(dest)) && allowedLink(decodedURL(dest))
}

func imageOK(dest []byte) bool {
	return allowedImage(string(dest)) && allowedImage(decodedURL(dest))
}

// urlAttrs are the HTML attributes whose value is fetched or followed.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true,
	"xlink:href": true, "poster": true, "background": true, "cite": true, "data": true, "ping": true}

// rawHTMLProblem checks the tags of raw HTML let through by unsafe_html the
// way the Markdown links are checked: a URL attribute (srcset candidate by
// candidate) must be http(s), mailto, relative or a fragment, src-like ones
// local; style may not load anything. Attribute values are decoded as the
// browser decodes them. Scripts themselves are what unsafe_html is for
// (a site that turns it on trusts its authors), so they are not judged
// here. It returns the first offending attribute and value.
func rawHTMLProblem(raw []byte) (attr, val string, bad bool) {
	z := xhtml.NewTokenizer(bytes.NewReader(raw))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return "", "", false
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case key == "style":
				l := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if strings.Contains(l, "url(") || strings.Contains(l, "expression(") || strings.Contains(l, "image-set(") ||
					strings.Contains(l, "@import") || strings.Contains(l, "\\") {
					return key, a.Val, true
				}
			case key == "srcset":
				for _, cand := range strings.Split(a.Val, ",") {
					if f := strings.Fields(cand); len(f) > 0 && !allowedImage(f[0]) {
						return key, a.Val, true
					}
				}
			case key == "href" || key == "action" || key == "formaction" || key == "xlink:href" || key == "cite" || key == "ping":
				if !allowedLink(a.Val) {
					return key, a.Val, true
				}
			case urlAttrs[key]:
				if !allowedImage(a.Val) {
					return key, a.Val, true
				}
			}
		}
	}
}

// urlScheme returns the scheme of a URL as RFC 3986 defines it. Browsers
// ignore leading spaces and control characters, so they are skipped too.
func urlScheme(u string) (string, bool) {
	u = strings.TrimLeft(u, " \t\r\n\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f")
	// Browsers also drop tabs and newlines inside a scheme ("java\tscript:").
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return u[:i], true
		default:
			return "", false
		}
	}
	return "", false
}

// sanitize enforces the link policy and drops raw HTML unless allowed, so
// the rendered body never depends on goldmark's escaping alone.
func (p *pass) sanitize(doc ast.Node) {
	var unwrap, drop []ast.Node
	var autolinks []*ast.AutoLink
	rawSeen, starSeen := false, false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			// CommonMark does not close ** right after Chinese punctuation
			// followed by a character ("**一是…。**引进"): the asterisks
			// would show literally, so tell the author how to fix it.
			if v := n.Value(p.src); !starSeen && !n.IsRaw() && bytes.Contains(v, []byte("**")) {
				if _, code := n.Parent().(*ast.CodeSpan); !code {
					starSeen = true
					at := p.locate(n, []byte("**"))
					p.rep.Warnf(p.file, at.line, at.col, "", nil, "加粗标记 ** 没有生效：中文标点紧挨结束的 ** 且其后还有文字时不会加粗，请把标点移到 ** 之外，例如 **一是……**。")
				}
			}
		case *ast.Link:
			if !linkOK(n.Destination) {
				at := p.locate(n, n.Destination)
				p.rep.Errorf(p.file, at.line, at.col, "", diag.V(string(n.Destination)), "链接地址只能是 http(s)、mailto、站内相对地址或 # 锚点")
				unwrap = append(unwrap, n)
			}
		case *ast.Image:
			if !imageOK(n.Destination) {
				at := p.locate(n, n.Destination)
				p.rep.Errorf(p.file, at.line, at.col, "", diag.V(string(n.Destination)), "图片只能引用本站的相对地址，不能引用外部网站的图片")
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			u := string(n.URL(p.src))
			if !linkOK([]byte(u)) {
				at := p.locate(n, n.Label(p.src))
				p.rep.Errorf(p.file, at.line, at.col, "", diag.V(u), "链接地址只能是 http(s)、mailto、站内相对地址或 # 锚点")
				autolinks = append(autolinks, n)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			if p.unsafe {
				raw, at := p.rawText(n)
				if attr, val, bad := rawHTMLProblem(raw); bad {
					p.rep.Errorf(p.file, at.line, at.col, "", diag.V(val),
						"原始 HTML 的 %s 不允许：链接只能是 http(s)、mailto、站内相对地址或 # 锚点，图片等只能引用本站地址，样式不能加载外部内容", attr)
					drop = append(drop, n)
				}
				return ast.WalkSkipChildren, nil
			}
			if !rawSeen {
				rawSeen = true
				at := pos{p.bodyLine, 0}
				if rh, ok := n.(*ast.RawHTML); ok && rh.Segments.Len() > 0 {
					at = p.place(rh.Segments.At(0).Start)
				} else if n.Lines().Len() > 0 {
					at = p.place(n.Lines().At(0).Start)
				}
				p.rep.Warnf(p.file, at.line, at.col, "", nil, "Markdown 中的原始 HTML 不会输出（site.yaml 的 markdown.unsafe_html 为 false），请改用 Markdown 写法")
			}
			drop = append(drop, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	for _, n := range autolinks {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(p.src)))
	}
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

// rawText returns the source of a raw HTML node and where it starts.
func (p *pass) rawText(n ast.Node) ([]byte, pos) {
	var segs *text.Segments
	switch n := n.(type) {
	case *ast.RawHTML:
		segs = n.Segments
	case *ast.HTMLBlock:
		segs = n.Lines()
	}
	var b []byte
	at := pos{p.bodyLine, 0}
	for i := 0; segs != nil && i < segs.Len(); i++ {
		seg := segs.At(i)
		if i == 0 {
			at = p.place(seg.Start)
		}
		b = append(b, seg.Value(p.src)...)
	}
	if hb, ok := n.(*ast.HTMLBlock); ok && hb.HasClosure() {
		b = append(b, hb.ClosureLine.Value(p.src)...)
	}
	return b, at
}

// kindClauseLink is the AST kind of the "link to this clause" affordance.
var kindClauseLink = ast.NewNodeKind("ClauseLink")

// clauseLink renders <a class="clause-link" href="#s2-3" aria-label="本条链接：二、（三）"></a>:
// no text of its own, so nothing is inserted into the official wording
// (copying a clause copies only the document's text); the stylesheet shows
// its mark beside the text, outside the flow.
type clauseLink struct {
	ast.BaseInline
	id, label string
}

func (n *clauseLink) Kind() ast.NodeKind { return kindClauseLink }

func (n *clauseLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.id, "Label": n.label}, nil)
}

type clauseLinkRenderer struct{}

func (clauseLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindClauseLink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*clauseLink)
			fmt.Fprintf(w, `<a class="clause-link" href="#%s" aria-label="%s"></a>`, stdhtml.EscapeString(n.id), stdhtml.EscapeString(n.label))
		}
		return ast.WalkSkipChildren, nil
	})
}

var (
	reLevel1 = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})、`)
	reLevel2 = regexp.MustCompile(`^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]`)
	reArabic = regexp.MustCompile(`^([0-9]{1,2})\s*[.．、]`)
	reShi    = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})是`)
)

// clauseMarker is a numbered part found at the start of a block.
type clauseMarker struct {
	level  int    // 1, 2 or 3
	num    int    // value of the numeral
	marker string // normalised marker for labels: "二、", "（三）", "1.", "一是"
}

// detectMarker recognises 一、 / （一） or (一) / 1. 1． 1、 / 一是 at the start of s.
func detectMarker(s string) (clauseMarker, bool) {
	s = strings.TrimLeft(s, " \t\u3000")
	if m := reLevel1.FindStringSubmatch(s); m != nil {
		if n := chineseNumber(m[1]); n > 0 {
			return clauseMarker{1, n, m[1] + "、"}, true
		}
	}
	if m := reLevel2.FindStringSubmatch(s); m != nil {
		if n := chineseNumber(m[1]); n > 0 {
			return clauseMarker{2, n, "（" + m[1] + "）"}, true
		}
	}
	if m := reArabic.FindStringSubmatch(s); m != nil {
		// "1.5 万户" is a number, not a clause.
		rest := s[len(m[0]):]
		if r, _ := utf8.DecodeRuneInString(rest); !(r >= '0' && r <= '9') {
			n, _ := strconv.Atoi(m[1])
			if n > 0 {
				return clauseMarker{3, n, m[1] + "."}, true
			}
		}
	}
	if m := reShi.FindStringSubmatch(s); m != nil {
		if n := chineseNumber(m[1]); n > 0 {
			return clauseMarker{3, n, m[1] + "是"}, true
		}
	}
	return clauseMarker{}, false
}

// chineseNumber parses 一 … 九十九; 0 when s is not such a numeral.
func chineseNumber(s string) int {
	digit := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch len(rs) {
	case 1:
		if rs[0] == '十' {
			return 10
		}
		return digit[rs[0]]
	case 2:
		if rs[0] == '十' && digit[rs[1]] > 0 {
			return 10 + digit[rs[1]]
		}
		if rs[1] == '十' && digit[rs[0]] > 0 {
			return digit[rs[0]] * 10
		}
	case 3:
		if rs[1] == '十' && digit[rs[0]] > 0 && digit[rs[2]] > 0 {
			return digit[rs[0]]*10 + digit[rs[2]]
		}
	}
	return 0
}

// assignIDs gives every heading an id and, in policies, every numbered
// clause a path id with a clause link; it returns the table of contents.
//
// Scheme: 一、 → s1; （三） under 二、 → s2-3; 1. (or 一是, or the n-th item of
// an ordered list) under 二、（三） → s2-3-1, and under a 一、 without （x） → s4-1.
// Numbers are the numerals written in the text, not counters, so an
// anchor keeps pointing at the clause its name says. Other headings get
// h-1, h-2, … in document order; never goldmark's auto ids, which drop Chinese.
func assignIDs(doc ast.Node, src []byte, clauses bool) []TOCEntry {
	type target struct {
		node   ast.Node // carries the id
		linkIn ast.Node // receives the clause link; nil for none
		lead   ast.Node // the block whose text starts with the marker
		m      clauseMarker
		found  bool
	}
	var targets []target
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			m, ok := detectMarker(inlineText(n, src))
			targets = append(targets, target{node: n, linkIn: n, lead: n, m: m, found: ok && clauses})
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			if clauses && n.Parent() == doc {
				if m, ok := detectMarker(inlineText(n, src)); ok {
					targets = append(targets, target{node: n, linkIn: n, lead: n, m: m, found: true})
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			list, _ := n.Parent().(*ast.List)
			if !clauses || list == nil || list.Parent() != doc {
				return ast.WalkContinue, nil
			}
			first := n.FirstChild()
			var linkIn ast.Node
			lead := ""
			if first != nil && (first.Kind() == ast.KindParagraph || first.Kind() == ast.KindTextBlock) {
				linkIn = first
				lead = inlineText(first, src)
			}
			m, ok := detectMarker(lead)
			if !ok && list.IsOrdered() {
				idx := 0
				for c := list.FirstChild(); c != nil && c != ast.Node(n); c = c.NextSibling() {
					idx++
				}
				m, ok = clauseMarker{3, list.Start + idx, strconv.Itoa(list.Start+idx) + "."}, list.Start+idx > 0
			}
			if ok {
				targets = append(targets, target{node: n, linkIn: linkIn, lead: first, m: m, found: true})
			}
			return ast.WalkContinue, nil
		}
		return ast.WalkContinue, nil
	})

	used := map[string]bool{}
	unique := func(id string) string {
		if !used[id] {
			used[id] = true
			return id
		}
		for i := 2; ; i++ {
			c := id + "_" + strconv.Itoa(i)
			if !used[c] {
				used[c] = true
				return c
			}
		}
	}
	var toc []TOCEntry
	var l1, l2 int
	var m1, m2 string
	headings := 0
	for _, t := range targets {
		if !t.found {
			headings++
			t.node.SetAttributeString("id", []byte(unique("h-"+strconv.Itoa(headings))))
			continue
		}
		var id, label string
		switch t.m.level {
		case 1:
			l1, l2, m1, m2 = t.m.num, 0, t.m.marker, ""
			id = "s" + strconv.Itoa(l1)
			label = m1
		case 2:
			l2, m2 = t.m.num, t.m.marker
			id = "s" + strconv.Itoa(l1) + "-" + strconv.Itoa(l2)
			label = m1 + m2
		case 3:
			id = "s" + strconv.Itoa(l1)
			if l2 > 0 {
				id += "-" + strconv.Itoa(l2)
			}
			id += "-" + strconv.Itoa(t.m.num)
			label = m1 + m2 + t.m.marker
		}
		id = unique(id)
		t.node.SetAttributeString("id", []byte(id))
		if t.m.level <= 2 && t.lead != nil {
			toc = append(toc, TOCEntry{ID: id, Title: clauseTitle(t.lead, src), Level: t.m.level})
		}
		if t.linkIn != nil {
			link := &clauseLink{id: id, label: "本条链接：" + label}
			if fc := t.linkIn.FirstChild(); fc != nil {
				t.linkIn.InsertBefore(t.linkIn, fc, link)
			} else {
				t.linkIn.AppendChild(t.linkIn, link)
			}
		}
	}
	return toc
}

// clauseTitle is the TOC text of a clause: a heading's whole text, or a
// paragraph's bold lead or first sentence.
func clauseTitle(n ast.Node, src []byte) string {
	if n.Kind() == ast.KindHeading {
		return strings.TrimSpace(inlineText(n, src))
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == kindClauseLink {
			continue
		}
		if e, ok := c.(*ast.Emphasis); ok && e.Level == 2 {
			return strings.TrimRight(strings.TrimSpace(inlineText(e, src)), "。")
		}
		break
	}
	s := strings.TrimSpace(inlineText(n, src))
	if i := strings.Index(s, "。"); i >= 0 {
		s = s[:i]
	}
	if rs := []rune(s); len(rs) > 40 {
		s = string(rs[:40]) + "…"
	}
	return s
}

// inlineText is the text of a block's inline content, without markup.
func inlineText(n ast.Node, src []byte) string {
	var w textWriter
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		return w.visit(c, entering, src, false), nil
	})
	return w.b.String()
}

// plainText is the text of a whole body: blocks on their own lines, no
// markup, no clause links or footnote back-links.
func plainText(doc ast.Node, src []byte) string {
	var w textWriter
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		return w.visit(c, entering, src, true), nil
	})
	lines := strings.Split(w.b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// textWriter accumulates text, deciding soft line breaks the way the CJK
// extension renders them: no space next to an East Asian wide character.
type textWriter struct {
	b         strings.Builder
	softBreak bool
}

func (w *textWriter) write(s string) {
	if s == "" {
		return
	}
	if w.softBreak {
		w.softBreak = false
		last, _ := utf8.DecodeLastRuneInString(w.b.String())
		first, _ := utf8.DecodeRuneInString(s)
		if !util.IsEastAsianWideRune(last) && !util.IsEastAsianWideRune(first) {
			w.b.WriteByte(' ')
		}
	}
	w.b.WriteString(s)
}

func (w *textWriter) newline() {
	w.softBreak = false
	s := w.b.String()
	if s != "" && !strings.HasSuffix(s, "\n") {
		w.b.WriteByte('\n')
	}
}

func (w *textWriter) visit(n ast.Node, entering bool, src []byte, blocks bool) ast.WalkStatus {
	switch n := n.(type) {
	case *clauseLink, *ast.RawHTML, *ast.HTMLBlock, *east.FootnoteBacklink, *east.FootnoteLink:
		return ast.WalkSkipChildren
	case *ast.Text:
		if entering {
			w.write(string(n.Value(src)))
			if n.HardLineBreak() {
				w.newline()
			} else if n.SoftLineBreak() {
				w.softBreak = true
			}
		}
		return ast.WalkContinue
	case *ast.String:
		if entering {
			w.write(string(n.Value))
		}
		return ast.WalkContinue
	case *ast.AutoLink:
		if entering {
			w.write(string(n.Label(src)))
		}
		return ast.WalkSkipChildren
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		if entering && blocks {
			w.newline()
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				w.b.Write(seg.Value(src))
			}
			w.newline()
		}
		return ast.WalkSkipChildren
	}
	if blocks && n.Type() == ast.TypeBlock {
		w.newline()
	}
	return ast.WalkContinue
}

// reSignDate is the date line of a document's signature: 2022年7月15日.
var reSignDate = regexp.MustCompile(`^[0-9０-９〇零一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日$`)

// markSignature gives the signature of an official document (发文机关署名
// and 成文日期) the class "signature", so that it is set right-aligned as
// printed: the top-level paragraph that is only a date, and the short
// paragraph right before it naming the issuer. The wording is untouched.
func markSignature(doc ast.Node, src []byte) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph || !reSignDate.MatchString(strings.TrimSpace(inlineText(n, src))) {
			continue
		}
		n.SetAttributeString("class", []byte("signature"))
		if prev := n.PreviousSibling(); prev != nil && prev.Kind() == ast.KindParagraph {
			if t := strings.TrimSpace(inlineText(prev, src)); utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "。；：，") {
				prev.SetAttributeString("class", []byte("signature"))
			}
		}
	}
}

// relativeSiteLinks rewrites the links and images of a document that name a
// site path ("/cases/2022-008/", one leading slash) as links relative to
// the document at site path docURL (a folder, "/news/x/"): a site deployed
// under a sub-path (https://host/ztzl/wuye/) would otherwise send them to
// the host's root. Every document's page is a folder, so the way up is one
// "../" per segment of its path.
func relativeSiteLinks(doc ast.Node, docURL string) {
	up := strings.Repeat("../", strings.Count(strings.Trim(docURL, "/"), "/")+1)
	if strings.Trim(docURL, "/") == "" {
		up = "./"
	}
	rel := func(dest []byte) []byte {
		if len(dest) == 0 || dest[0] != '/' || len(dest) > 1 && (dest[1] == '/' || dest[1] == '\\') {
			return dest
		}
		return []byte(up + string(dest[1:]))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = rel(n.Destination)
		case *ast.Image:
			n.Destination = rel(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}
