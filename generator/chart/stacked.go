package chart

import (
	"html/template"
	"math"
	"strconv"
)

// StackedBar is a horizontal stacked bar chart: one bar per label, one
// segment per series, with a legend on top. Each series has its own colour
// and fill pattern (solid, hatching, dots…), and a segment wide enough
// carries its value, so the chart reads in greyscale and without colour
// vision. Typical use: the management-mode mix per city, or per report date
// over time (one label per date, oldest first).
type StackedBar struct {
	// ID prefixes every id in the SVG; it must be unique on the page.
	ID    string
	Title string
	Desc  string // empty: a summary of the data

	Labels []string
	Series []Series // Series[j].Values[i] is the part of series j in Labels[i]

	// Percent draws every bar full length and labels segments with their
	// share (one decimal); otherwise bars are proportional to their totals,
	// segments show values and each bar ends with its total.
	Percent bool
	Unit    string               // formatting of values in absolute mode
	Format  func(float64) string // optional; replaces Unit formatting
}

// SVG renders the chart.
func (c StackedBar) SVG() template.HTML {
	n := len(c.Labels)
	seed := []string{"stacked", c.Title}
	for _, sr := range c.Series {
		n = max(n, len(sr.Values))
		seed = append(seed, sr.Name, seedOf(sr.Values))
	}
	id := chartID(c.ID, seed...)
	values := make([][]float64, 0, len(c.Series))
	for _, sr := range c.Series {
		values = append(values, sr.Values)
	}
	format := formatter(c.Format, c.Unit, values...)

	totals := make([]float64, n)
	maxTotal := 0.0
	for i := range totals {
		for _, sr := range c.Series {
			if v := valueAt(sr.Values, i); finite(v) && v > 0 {
				totals[i] += v
			}
		}
		maxTotal = math.Max(maxTotal, totals[i])
	}
	if !(maxTotal > 0) || !finite(maxTotal) {
		return empty("stacked", id, c.Title, c.Desc)
	}

	inner := canvasW - 2*pad
	labelW, valueW := 0.0, 0.0
	totalText := make([]string, n)
	for i := 0; i < n; i++ {
		labelW = math.Max(labelW, textWidth(stringAt(c.Labels, i), fsMain))
		if !c.Percent {
			totalText[i] = format(totals[i])
			valueW = math.Max(valueW, textWidth(totalText[i], fsMain))
		}
	}
	valueW = math.Min(valueW, inner*0.4)
	gap := 0.0
	if valueW > 0 {
		gap = 6
	}
	labelCol := labelW + 8
	leftLayout := labelW <= inner*0.34 && inner-labelCol-valueW-gap >= 120
	if !leftLayout {
		labelCol = 0
	}
	x0 := pad + labelCol
	barMax := canvasW - pad - valueW - gap - x0

	// Legend: swatch and name items flowing over as many lines as needed.
	type item struct{ x, y float64 }
	legend := make([]item, len(c.Series))
	names := make([]string, len(c.Series))
	const sw, legendPitch = 14.0, 24.0
	lx, ly := pad, pad
	for j, sr := range c.Series {
		names[j] = fit(sr.Name, fsSmall, inner-sw-4)
		w := sw + 4 + textWidth(names[j], fsSmall)
		if lx > pad && lx+w > canvasW-pad {
			lx, ly = pad, ly+legendPitch
		}
		legend[j] = item{lx, ly}
		lx += w + 12
	}
	y0 := pad
	if len(c.Series) > 0 {
		y0 = ly + legendPitch + 4
	}

	const barH = 24.0
	pitch, barOff := 36.0, 6.0
	if !leftLayout {
		pitch, barOff = 58.0, 22.0
	}
	h := y0 + float64(n)*pitch + pad

	var s svg
	s.begin("stacked", id, c.Title, c.defaultDesc(n, totals, format), h)
	writePatterns(&s, len(c.Series))

	for j := range c.Series {
		it := legend[j]
		s.rect(it.x, it.y+1, sw, sw, fillRef(id, j), `stroke="`+colAxis+`" stroke-width="0.75"`)
		s.text(it.x+sw+4, it.y+sw+1, names[j], textOpts{size: fsSmall})
	}

	for i := 0; i < n; i++ {
		rowTop := y0 + float64(i)*pitch
		barY := rowTop + barOff
		mid := barY + barH/2
		label := stringAt(c.Labels, i)
		if leftLayout {
			s.text(x0-6, mid+fsMain*0.35, label, textOpts{anchor: "end"})
		} else {
			s.text(pad, rowTop+fsMain, fit(label, fsMain, inner), textOpts{})
		}
		if !(totals[i] > 0) {
			s.text(x0+5, mid+fsMain*0.35, NoData, textOpts{fill: colMuted})
			continue
		}
		full := barMax
		if !c.Percent {
			full = totals[i] / maxTotal * barMax
		}
		x := x0
		for j, sr := range c.Series {
			v := valueAt(sr.Values, i)
			if !finite(v) || v <= 0 {
				continue
			}
			w := v / totals[i] * full
			s.rect(x, barY, w, barH, fillRef(id, j), `stroke="`+colBG+`" stroke-width="1"`)
			text := format(v)
			if c.Percent {
				text = FormatPercent(v / totals[i] * 100)
			}
			if tw := textWidth(text, fsSmall); tw+8 <= w {
				// On a solid fill, the ink with 4.5:1 or more; on a pattern
				// (or a fill no ink reaches 4.5:1 on), dark text on a white
				// label, so no value is read against hatching.
				ink, ok := inkOn(colour(j))
				if patternKind(j) != 0 || !ok {
					s.rect(x+w/2-tw/2-3, mid-fsSmall*0.6, tw+6, fsSmall*1.2, colBG, `rx="2"`)
					ink = colText
				}
				s.text(x+w/2, mid+fsSmall*0.35, text, textOpts{anchor: "middle", size: fsSmall, fill: ink})
			}
			x += w
		}
		// An outline keeps light segments (yellow, sky blue) visible on
		// white and in greyscale print.
		s.rect(x0, barY, full, barH, "none", `stroke="`+colAxis+`" stroke-width="0.75"`)
		if !c.Percent {
			s.text(x0+full+gap, mid+fsMain*0.35, fit(totalText[i], fsMain, valueW), textOpts{})
		}
	}
	return s.end()
}

func (c StackedBar) defaultDesc(n int, totals []float64, format func(float64) string) string {
	if c.Desc != "" {
		return c.Desc
	}
	rows := make([]string, 0, n)
	for i := 0; i < n; i++ {
		head := clean(stringAt(c.Labels, i))
		if !c.Percent {
			head += "（合计 " + format(totals[i]) + "）"
		}
		if !(totals[i] > 0) {
			rows = append(rows, head+"："+NoData)
			continue
		}
		parts := ""
		for j, sr := range c.Series {
			v := valueAt(sr.Values, i)
			text := format(v)
			if c.Percent && finite(v) {
				text = FormatPercent(math.Max(v, 0) / totals[i] * 100)
			}
			if j > 0 {
				parts += "，"
			}
			parts += clean(sr.Name) + " " + text
		}
		rows = append(rows, head+"："+parts)
	}
	return joinCN(rows, "；")
}

// patternKind gives series j its fill: series 0 is solid, the others get
// hatching, dots or lines, so segments differ without colour. Past the
// eight colours the pattern shifts, so no two series look the same.
func patternKind(j int) int { return (j + j/len(palette)) % 8 }

// fillRef is the fill attribute value of series j.
func fillRef(id string, j int) string {
	if patternKind(j) == 0 {
		return colour(j)
	}
	return "url(#" + id + "-p" + strconv.Itoa(j) + ")"
}

// writePatterns writes the <defs> with one pattern per patterned series.
func writePatterns(s *svg, k int) {
	if k < 2 {
		return
	}
	s.raw(`<defs>`)
	for j := 0; j < k; j++ {
		if patternKind(j) == 0 {
			continue
		}
		c := colour(j)
		ink := `stroke="#fff"`
		dot := `fill="#fff"`
		if light(c) {
			ink = `stroke="#000" stroke-opacity="0.5"`
			dot = `fill="#000" fill-opacity="0.5"`
		}
		s.raw(`<pattern id="`, s.id, `-p`, strconv.Itoa(j), `" width="6" height="6" patternUnits="userSpaceOnUse">`,
			`<rect width="6" height="6" fill="`, c, `"/>`)
		const diag, back = "M-1 1L1 -1M0 6L6 0M5 7L7 5", "M-1 5L1 7M0 0L6 6M5 -1L7 1"
		switch patternKind(j) {
		case 1:
			s.raw(`<path d="`+diag+`" `, ink, ` stroke-width="1.5"/>`)
		case 2:
			s.raw(`<circle cx="3" cy="3" r="1.4" `, dot, `/>`)
		case 3:
			s.raw(`<path d="M0 3H6" `, ink, ` stroke-width="1.5"/>`)
		case 4:
			s.raw(`<path d="`+diag+back+`" `, ink, ` stroke-width="1"/>`)
		case 5:
			s.raw(`<path d="`+back+`" `, ink, ` stroke-width="1.5"/>`)
		case 6:
			s.raw(`<path d="M3 0V6" `, ink, ` stroke-width="1.5"/>`)
		case 7:
			s.raw(`<path d="M0 3H6M3 0V6" `, ink, ` stroke-width="1"/>`)
		}
		s.raw(`</pattern>`)
	}
	s.raw(`</defs>`)
}

// light reports whether a #RRGGBB colour is light enough that dark ink
// shows better on it than white (relative luminance above about 0.3).
func light(hex string) bool { return luminance(hex) > 0.3 }

// luminance is the WCAG relative luminance of a #RRGGBB colour (0 for
// anything else).
func luminance(hex string) float64 {
	if len(hex) == 4 { // #RGB
		hex = "#" + hex[1:2] + hex[1:2] + hex[2:3] + hex[2:3] + hex[3:4] + hex[3:4]
	}
	if len(hex) != 7 {
		return 0
	}
	lin := func(s string) float64 {
		v, _ := strconv.ParseUint(s, 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(hex[1:3]) + 0.7152*lin(hex[3:5]) + 0.0722*lin(hex[5:7])
}

// contrast is the WCAG contrast ratio of two #RRGGBB colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// inkOn returns the text colour, white or the dark text colour, that reads
// best on a solid fill, and whether it reaches 4.5:1 there.
func inkOn(fill string) (string, bool) {
	ink := colBG
	if contrast(colText, fill) > contrast(colBG, fill) {
		ink = colText
	}
	return ink, contrast(ink, fill) >= 4.5
}
