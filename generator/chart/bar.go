package chart

import (
	"html/template"
	"math"
)

// Bar is a horizontal bar chart: one bar per label, in the given order, each
// with its value written at its end (so no axis needs reading). Typical use:
// the 11 cities ranked by committee formation rate, or a grade distribution.
type Bar struct {
	// ID prefixes every id in the SVG; it must be unique on the page.
	// Empty: derived from the content.
	ID    string
	Title string // the accessible name (the page shows its own caption)
	Desc  string // the accessible description; empty: a summary of the data

	Labels []string
	Values []float64 // aligned with Labels; NaN = no data ("无数据")

	Unit   string               // "%" → "46.0%"; otherwise appended: "23,494个"
	Format func(float64) string // optional; replaces Unit formatting
	// Max is the value of a full-length bar (100 for rates); 0 = the
	// largest value (or the target, if larger).
	Max float64
	// Target, when set, is drawn as a dashed vertical line with its label.
	Target *Ref
	// Highlight is the label of a bar to emphasise (bold label and a second
	// colour), e.g. the current city among all cities.
	Highlight string
}

// AllZero reports whether every value is zero (and there is at least one):
// a chart of empty bars says less than the sentence a page should print
// instead, e.g. "各市均为 0 个".
func (c Bar) AllZero() bool {
	for _, v := range c.Values {
		if v != 0 {
			return false
		}
	}
	return len(c.Values) > 0
}

// SVG renders the chart.
func (c Bar) SVG() template.HTML {
	n := max(len(c.Labels), len(c.Values))
	id := chartID(c.ID, "bar", c.Title, seedOf(c.Values))
	top, hasData := 0.0, false
	for i := 0; i < n; i++ {
		v := valueAt(c.Values, i)
		if finite(v) {
			hasData = true
			top = math.Max(top, v)
		}
	}
	if !hasData {
		return empty("bar", id, c.Title, c.Desc)
	}
	hasTarget := c.Target != nil && finite(c.Target.Value)
	format := formatter(c.Format, c.Unit, c.Values)
	if hasTarget {
		top = math.Max(top, c.Target.Value)
		format = formatter(c.Format, c.Unit, c.Values, []float64{c.Target.Value})
	}
	scale := c.Max
	if !(scale > 0) || !finite(scale) {
		scale = top
	}
	if !(scale > 0) {
		scale = 1 // all values zero or negative: bars have no length
	}

	values := make([]string, n)
	labelW, valueW := 0.0, 0.0
	for i := 0; i < n; i++ {
		values[i] = format(valueAt(c.Values, i))
		labelW = math.Max(labelW, textWidth(stringAt(c.Labels, i), fsMain))
		valueW = math.Max(valueW, textWidth(values[i], fsMain))
	}
	inner := canvasW - 2*pad
	valueW = math.Min(valueW, inner*0.4)

	// Labels sit left of the bars when they are short (city names), above
	// them otherwise (community names), so the bars keep a usable length
	// at 360 px.
	labelCol := labelW + 8
	leftLayout := labelW <= inner*0.34 && inner-labelCol-valueW-6 >= 90
	if !leftLayout {
		labelCol = 0
	}
	x0 := pad + labelCol
	barMax := canvasW - pad - valueW - 6 - x0

	const barH = 20.0
	pitch, barOff := 32.0, 6.0
	if !leftLayout {
		pitch, barOff = 58.0, 26.0
	}
	y0 := pad
	if hasTarget {
		y0 += fsSmall + 8
	}
	h := y0 + float64(n)*pitch + pad

	var s svg
	s.begin("bar", id, c.Title, c.defaultDesc(n, values, format), h)

	// The target goes first so value labels, with their white halo, stay
	// readable where the line crosses them.
	if hasTarget {
		xt := x0 + clamp(c.Target.Value/scale, 0, 1)*barMax
		s.line(xt, y0-3, xt, y0+float64(n)*pitch, colRef, `stroke-width="1.5" stroke-dasharray="5 3"`)
		label := fit(refText(c.Target.Label, c.Target.Value, format), fsSmall, inner)
		x, anchor := placeLabel(xt, textWidth(label, fsSmall), pad, canvasW-pad)
		s.text(x, pad+fsSmall, label, textOpts{anchor: anchor, size: fsSmall, halo: true})
	}
	for i := 0; i < n; i++ {
		label := stringAt(c.Labels, i)
		v := valueAt(c.Values, i)
		rowTop := y0 + float64(i)*pitch
		barY := rowTop + barOff
		mid := barY + barH/2
		hi := c.Highlight != "" && label == c.Highlight
		fill := colour(0)
		if hi {
			fill = highlightColour
		}
		if leftLayout {
			s.text(x0-6, mid+fsMain*0.35, label, textOpts{anchor: "end", bold: hi})
		} else {
			s.text(pad, rowTop+fsMain, fit(label, fsMain, inner), textOpts{bold: hi})
		}
		if !finite(v) {
			s.text(x0+5, mid+fsMain*0.35, NoData, textOpts{fill: colMuted})
			continue
		}
		w := clamp(v/scale, 0, 1) * barMax
		s.rect(x0, barY, w, barH, fill, "")
		s.text(x0+w+5, mid+fsMain*0.35, fit(values[i], fsMain, valueW), textOpts{bold: hi, halo: true})
	}
	// The zero line makes a zero-length bar read as zero, not as missing.
	// With labels above the bars it is drawn per bar, to leave the labels
	// clear.
	if leftLayout {
		s.line(x0, y0, x0, y0+float64(n)*pitch, colAxis, "")
	} else {
		for i := 0; i < n; i++ {
			barY := y0 + float64(i)*pitch + barOff
			s.line(x0, barY-2, x0, barY+barH+2, colAxis, "")
		}
	}

	return s.end()
}

func (c Bar) defaultDesc(n int, values []string, format func(float64) string) string {
	if c.Desc != "" {
		return c.Desc
	}
	parts := make([]string, 0, n)
	for i := 0; i < n; i++ {
		parts = append(parts, clean(stringAt(c.Labels, i))+" "+values[i])
	}
	d := joinCN(parts, "；")
	if c.Target != nil && finite(c.Target.Value) {
		d += "虚线为" + refText(c.Target.Label, c.Target.Value, format) + "。"
	}
	return d
}
