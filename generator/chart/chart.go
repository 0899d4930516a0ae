// Package chart draws the portal's charts as inline SVG at build time, in
// pure Go, with no JavaScript.
//
// Four forms cover the pages: Bar (horizontal bars with the value written at
// the end of each bar), StackedBar (shares or counts per row, e.g. the
// management-mode mix per city or per report date), Line (a time series with
// dashed target lines and dated deadline markers) and Progress (one bar
// toward a target). Each has an SVG method returning template.HTML, ready to
// put in an html/template page.
//
// What every chart guarantees, because the portal's pages rely on it:
//
//   - Same input, same bytes: coordinates are rounded to one decimal and
//     written in shortest form, and nothing is ranged over a map.
//   - Readable at every size: width="100%" and a viewBox 280 user units
//     wide with every text 16 units high, so text renders at 18 px or more
//     wherever the chart is at least 315 px wide: a 360 px phone in normal
//     text (328 px column, 18.7 px) and in 大字版 (320 px column, 18.3 px).
//     The page's CSS caps the width in rem (site.css, .chart) so text grows
//     with 大字版 on a desktop and not with the column; no style attribute
//     is written, so a strict Content-Security-Policy holds.
//   - No two texts overlap: every text's box (estimated on the wide side by
//     textWidth) is kept, and labels that could collide (targets, last
//     values, deadlines) are placed where they are free or left out, the
//     description and the page's table carrying their numbers.
//   - Values on fills are readable: a value written inside a bar segment
//     uses the ink (white or dark) with a contrast of 4.5:1 or more on that
//     solid colour, or sits on a white label on patterned fills.
//   - Accessible: role="img", a <title> and a <desc> whose ids (built from
//     the chart's ID field, which must be unique on the page; when it is
//     empty an id is derived from the content, so only identical charts
//     would collide) are named by aria-labelledby. An empty Desc is
//     replaced by a Chinese summary of the data. The page should still show
//     the same numbers in a table.
//   - Colour is never the only cue: the Okabe–Ito colour-blind-safe palette,
//     values written next to bars and line ends, a distinct fill pattern per
//     stacked series and a distinct marker shape per line.
//   - Print and high-contrast friendly: a white background of its own, dark
//     text, strokes that stay visible in greyscale; fonts are inherited
//     from the page (the system's Chinese fonts), never fetched.
//   - Safe: every text from data is escaped (and stripped of characters XML
//     forbids), so labels cannot inject markup.
//   - Graceful: a chart with no finite value renders a small "暂无数据" SVG.
package chart

import (
	"hash/fnv"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Chart is what every chart form implements.
type Chart interface {
	SVG() template.HTML
}

// Series is one named sequence of values. Values are aligned with the
// chart's Labels (StackedBar) or X/Labels (Line); NaN marks a missing value.
type Series struct {
	Name   string
	Values []float64
}

// Target is a dated goal on a Line chart: reach Value by Date. It is drawn
// as a dashed horizontal line at Value ending at Date, with a text label,
// and Date is marked as a deadline.
type Target struct {
	Date  time.Time
	Value float64
	// Label replaces the default "目标 <value>".
	Label string
}

// Deadline is a dated vertical marker on a Line chart.
type Deadline struct {
	Date time.Time
	// Label replaces the default date text (2022-09-30).
	Label string
}

// Ref is a reference value drawn across a Bar or Progress chart as a dashed
// line with a text label (e.g. the target in force).
type Ref struct {
	Value float64
	// Label replaces the default "目标 <value>".
	Label string
}

// Geometry shared by all forms, in user units of the viewBox.
const (
	canvasW = 280.0 // viewBox width: a 320–328 px phone column scales it by 1.14–1.17
	pad     = 8.0   // outer margin
	fsMain  = 16.0  // labels and values
	fsSmall = 16.0  // axis ticks, legends, in-bar labels: never below fsMain, see the package doc
)

// Colours. Text and strokes are dark enough for 4.5:1 on white and survive
// greyscale printing.
const (
	colText  = "#1a1a1a"
	colMuted = "#555"
	colAxis  = "#666"
	colGrid  = "#d9d9d9"
	colBG    = "#fff"
	colRef   = "#222"
)

// palette is the Okabe–Ito colour-blind-safe set, ordered so that the first
// colours are the most distinct from each other (black is left out: it is
// the text colour).
var palette = [...]string{
	"#0072B2", // blue
	"#E69F00", // orange
	"#009E73", // bluish green
	"#D55E00", // vermillion
	"#56B4E9", // sky blue
	"#CC79A7", // reddish purple
	"#F0E442", // yellow
	"#999999", // grey
}

func colour(i int) string { return palette[i%len(palette)] }

// highlightColour marks the emphasised bar of a Bar chart; emphasis is also
// given by bold text, so colour is not the only cue.
const highlightColour = "#D55E00"

// svg accumulates one chart's markup.
type svg struct {
	b  strings.Builder
	id string
	// boxes are the estimated boxes of the texts written so far, so later
	// labels can be placed where they collide with none.
	boxes []box
}

// box is a text's extent in user units.
type box struct{ l, t, r, b float64 }

// textBox estimates the box of a text as text writes it, as a browser
// measures it with the system's CJK fonts (Noto Sans CJK: ascent 1.16 em,
// descent 0.29 em), not just the ink.
func textBox(x, y float64, str string, o textOpts) box {
	size := o.size
	if size == 0 {
		size = fsMain
	}
	w := textWidth(str, size)
	switch o.anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	return box{x, y - size*1.16, x + w, y + size*0.29}
}

// free reports whether a text at x, y would overlap no text written so far.
func (s *svg) free(x, y float64, str string, o textOpts) bool {
	a := textBox(x, y, str, o)
	for _, b := range s.boxes {
		if a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b {
			return false
		}
	}
	return true
}

// begin writes the root element, title, desc and background.
func (s *svg) begin(kind, id, title, desc string, h float64) {
	s.id = id
	s.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-`)
	s.b.WriteString(kind)
	s.b.WriteString(`" width="100%" viewBox="0 0 `)
	s.b.WriteString(coord(canvasW))
	s.b.WriteByte(' ')
	s.b.WriteString(coord(h))
	s.b.WriteString(`" role="img" aria-labelledby="`)
	s.b.WriteString(id + "-title " + id + "-desc")
	s.b.WriteString(`" font-family="inherit" font-size="`)
	s.b.WriteString(coord(fsMain))
	s.b.WriteString(`" fill="` + colText + `">`)
	s.b.WriteString(`<title id="` + id + `-title">`)
	s.b.WriteString(esc(title))
	s.b.WriteString(`</title><desc id="` + id + `-desc">`)
	s.b.WriteString(esc(desc))
	s.b.WriteString(`</desc>`)
	s.b.WriteString(`<rect width="` + coord(canvasW) + `" height="` + coord(h) + `" fill="` + colBG + `"/>`)
}

func (s *svg) end() template.HTML {
	s.b.WriteString(`</svg>`)
	// Safe: every piece of text from the caller went through esc, every
	// attribute value is a number, a constant or a sanitised id.
	return template.HTML(s.b.String())
}

// raw appends trusted markup built in this package.
func (s *svg) raw(parts ...string) {
	for _, p := range parts {
		s.b.WriteString(p)
	}
}

// textOpts are the optional attributes of a text element.
type textOpts struct {
	anchor string // "", "middle" or "end"
	size   float64
	bold   bool
	fill   string
	halo   bool // white outline so text stays legible over fills and lines
}

// text writes one text element; y is the baseline.
func (s *svg) text(x, y float64, str string, o textOpts) {
	s.boxes = append(s.boxes, textBox(x, y, str, o))
	s.b.WriteString(`<text x="` + coord(x) + `" y="` + coord(y) + `"`)
	if o.anchor != "" {
		s.b.WriteString(` text-anchor="` + o.anchor + `"`)
	}
	if o.size != 0 && o.size != fsMain {
		s.b.WriteString(` font-size="` + coord(o.size) + `"`)
	}
	if o.bold {
		s.b.WriteString(` font-weight="bold"`)
	}
	if o.fill != "" {
		s.b.WriteString(` fill="` + o.fill + `"`)
	}
	if o.halo {
		s.b.WriteString(` stroke="` + colBG + `" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`)
	}
	s.b.WriteByte('>')
	s.b.WriteString(esc(str))
	s.b.WriteString(`</text>`)
}

// rect writes a rectangle; extra is trusted attribute text.
func (s *svg) rect(x, y, w, h float64, fill, extra string) {
	s.b.WriteString(`<rect x="` + coord(x) + `" y="` + coord(y) + `" width="` + coord(math.Max(w, 0)) +
		`" height="` + coord(math.Max(h, 0)) + `" fill="` + fill + `"`)
	if extra != "" {
		s.b.WriteString(" " + extra)
	}
	s.b.WriteString(`/>`)
}

// line writes a straight line; extra is trusted attribute text.
func (s *svg) line(x1, y1, x2, y2 float64, stroke, extra string) {
	s.b.WriteString(`<line x1="` + coord(x1) + `" y1="` + coord(y1) + `" x2="` + coord(x2) + `" y2="` +
		coord(y2) + `" stroke="` + stroke + `"`)
	if extra != "" {
		s.b.WriteString(" " + extra)
	}
	s.b.WriteString(`/>`)
}

// empty renders the "no data" chart.
func empty(kind, id, title, desc string) template.HTML {
	const h = 64.0
	if desc == "" {
		desc = "暂无数据。"
	}
	var s svg
	s.begin(kind, id, title, desc, h)
	s.rect(pad, pad, canvasW-2*pad, h-2*pad, colBG, `stroke="`+colGrid+`"`)
	s.text(canvasW/2, h/2+fsMain*0.35, "暂无数据", textOpts{anchor: "middle", fill: colMuted})
	return s.end()
}

// chartID returns a safe id prefix: the caller's ID reduced to
// [A-Za-z0-9_-], or, when that is empty, a stable hash of the chart's
// content so that two different charts on a page still differ.
func chartID(id string, seed ...string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if out != "" {
		if out[0] >= '0' && out[0] <= '9' {
			out = "c" + out // ids starting with a digit break url(#…) in some tools
		}
		return out
	}
	h := fnv.New64a()
	for _, s := range seed {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "chart-" + strconv.FormatUint(h.Sum64(), 36)
}

// seedOf turns values into a string for chartID's hash.
func seedOf(vs []float64) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		b.WriteByte(',')
	}
	return b.String()
}

// clean makes a string safe to place in XML text: invalid UTF-8 becomes
// U+FFFD, characters XML 1.0 forbids are dropped, and line breaks and tabs
// become spaces (SVG text is one line).
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			// not allowed in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// esc escapes text for an element body or a quoted attribute, using
// html/template's escaper after clean.
func esc(s string) string { return template.HTMLEscapeString(clean(s)) }

// textWidth estimates the rendered width of s at font size size. It errs on
// the wide side so that labels stay inside the viewBox whatever the system
// font: CJK and other wide characters count a full em, digits and Latin
// letters about 0.6 em, narrow punctuation 0.3 em.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range clean(s) {
		w += runeWidth(r)
	}
	return w * size
}

func runeWidth(r rune) float64 {
	if r < utf8.RuneSelf {
		switch {
		case r == ' ' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == '|' ||
			r == '!' || r == 'i' || r == 'l' || r == 'j' || r == '(' || r == ')':
			return 0.34
		case r == '%' || r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@':
			return 0.92
		case r >= 'A' && r <= 'Z':
			return 0.7
		default:
			return 0.6
		}
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianNarrow, width.EastAsianHalfwidth:
		return 0.6
	case width.Neutral:
		// Most neutral runes are Latin/Cyrillic letters or symbols; a few
		// (e.g. emoji) are wide. Count generously.
		if r >= 0x1F000 {
			return 1.2
		}
		return 0.7
	default: // wide, fullwidth, ambiguous (…, ·, —)
		return 1.0
	}
}

// fit returns s, or its longest prefix followed by "…" that is at most
// maxW wide at size. The adjacent data table carries the full text.
func fit(s string, size, maxW float64) string {
	s = clean(s)
	if textWidth(s, size) <= maxW {
		return s
	}
	ell := runeWidth('…') * size
	w := 0.0
	for i, r := range s {
		rw := runeWidth(r) * size
		if w+rw+ell > maxW {
			if i == 0 {
				return "…"
			}
			return s[:i] + "…"
		}
		w += rw
	}
	return s
}

// finite reports whether v is a usable number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// valueAt returns vs[i] or NaN when i is out of range.
func valueAt(vs []float64, i int) float64 {
	if i < 0 || i >= len(vs) {
		return math.NaN()
	}
	return vs[i]
}

// stringAt returns ss[i] or "" when i is out of range.
func stringAt(ss []string, i int) string {
	if i < 0 || i >= len(ss) {
		return ""
	}
	return ss[i]
}

// formatter returns the value formatter for a chart: the caller's, or
// FormatValue's rules with one choice of decimals for the whole chart, so a
// series reads "78.5分 … 88.0分" rather than "78.5分 … 88分".
func formatter(fn func(float64) string, unit string, groups ...[]float64) func(float64) string {
	if fn != nil {
		return func(v float64) string {
			if !finite(v) {
				return NoData
			}
			return fn(v)
		}
	}
	if unit == "%" {
		return FormatPercent
	}
	integral := true
	for _, g := range groups {
		for _, v := range g {
			if finite(v) && (v != math.Trunc(v) || math.Abs(v) >= 1e15) {
				integral = false
			}
		}
	}
	if integral {
		return func(v float64) string { return FormatValue(v, unit) }
	}
	return func(v float64) string {
		if !finite(v) {
			return NoData
		}
		return FormatNumber(v, 1) + unit
	}
}

// clamp keeps v within [lo, hi].
func clamp(v, lo, hi float64) float64 {
	if hi < lo {
		return lo
	}
	return math.Max(lo, math.Min(hi, v))
}

// placeLabel returns the x and anchor that put a label of width w centred
// on cx while keeping it inside [lo, hi].
func placeLabel(cx, w, lo, hi float64) (float64, string) {
	switch {
	case cx-w/2 < lo:
		return lo, ""
	case cx+w/2 > hi:
		return hi, "end"
	default:
		return cx, "middle"
	}
}

// refText is the label of a reference or target line.
func refText(label string, v float64, format func(float64) string) string {
	if label != "" {
		return label
	}
	return "目标 " + format(v)
}

// joinCN joins parts with the Chinese enumeration comma and ends with "。".
func joinCN(parts []string, sep string) string {
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, sep) + "。"
}
