package chart

import (
	"html/template"
	"math"
)

// Progress is one bar toward a target: a caption and the value on top, a
// track filled up to the value, and the target as a dashed tick with its
// label below. Typical use: a goal on the home page (committee formation
// 46.0% against the 70.0% in force). For a goal that counts down (communities
// without service, to 0), pass the progress made, e.g. Value = baseline −
// remaining, Target = Max = baseline, and say so in Label.
type Progress struct {
	// ID prefixes every id in the SVG; it must be unique on the page.
	ID    string
	Title string
	Desc  string // empty: a summary of the data

	Label  string  // visible caption, e.g. "业主委员会组建率"
	Value  float64 // NaN = no data
	Target float64 // NaN = no target drawn
	// Max is the value of a full track; 0 = 100 for Unit "%", otherwise
	// the larger of Value and Target.
	Max         float64
	TargetLabel string               // replaces the default "目标 <target>"
	Unit        string               // "%" → "46.0%"; otherwise appended
	Format      func(float64) string // optional; replaces Unit formatting
}

// SVG renders the chart.
func (c Progress) SVG() template.HTML {
	id := chartID(c.ID, "progress", c.Title, c.Label, seedOf([]float64{c.Value, c.Target, c.Max}))
	if !finite(c.Value) {
		return empty("progress", id, c.Title, c.Desc)
	}
	format := formatter(c.Format, c.Unit, []float64{c.Value, c.Target})
	hasTarget := finite(c.Target)
	scale := c.Max
	if !(scale > 0) || !finite(scale) {
		scale = math.Max(c.Value, 0)
		if hasTarget {
			scale = math.Max(scale, c.Target)
		}
		if c.Unit == "%" {
			scale = math.Max(scale, 100)
		}
	}
	if !(scale > 0) {
		scale = 1
	}

	inner := canvasW - 2*pad
	value := format(c.Value)
	valueW := textWidth(value, fsMain)
	label := fit(c.Label, fsMain, inner-valueW-12)
	targetText := ""
	if hasTarget {
		targetText = fit(refText(c.TargetLabel, c.Target, format), fsSmall, inner)
	}

	const barY, barH = pad + fsMain + 8, 16.0
	h := barY + barH + pad
	if hasTarget {
		h += 4 + fsSmall + 2
	}

	var s svg
	s.begin("progress", id, c.Title, c.defaultDesc(value, targetText), h)
	s.text(pad, pad+fsMain, label, textOpts{})
	s.text(canvasW-pad, pad+fsMain, value, textOpts{anchor: "end", bold: true})
	s.rect(pad, barY, inner, barH, colBG, `stroke="`+colAxis+`"`)
	s.rect(pad, barY, clamp(c.Value/scale, 0, 1)*inner, barH, colour(0), "")
	if hasTarget {
		xt := pad + clamp(c.Target/scale, 0, 1)*inner
		s.line(xt, barY-4, xt, barY+barH+4, colRef, `stroke-width="2" stroke-dasharray="4 2"`)
		x, anchor := placeLabel(xt, textWidth(targetText, fsSmall), pad, canvasW-pad)
		s.text(x, barY+barH+4+fsSmall, targetText, textOpts{anchor: anchor, size: fsSmall})
	}
	return s.end()
}

func (c Progress) defaultDesc(value, targetText string) string {
	if c.Desc != "" {
		return c.Desc
	}
	d := clean(c.Label)
	if d != "" {
		d += "："
	}
	d += value
	if targetText != "" {
		d += "，" + clean(refText(c.TargetLabel, c.Target, formatter(c.Format, c.Unit, []float64{c.Value, c.Target})))
	}
	return d + "。"
}
