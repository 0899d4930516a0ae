package chart

import (
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Line is a line chart over time (X) or over ordered categories (Labels),
// with dated targets and deadlines. Each series has its own colour and
// marker shape, its last value written at its end, and a legend when there
// is more than one. Typical use: the province committee formation rate per
// report date against the 20% / 70% / 100% targets.
type Line struct {
	// ID prefixes every id in the SVG; it must be unique on the page.
	ID    string
	Title string
	Desc  string // empty: a summary of the data

	// X are the dates of the points, oldest first, shared by every series.
	// When X is empty, Labels name evenly spaced points instead (e.g.
	// evaluation periods) and Targets span the whole width.
	X      []time.Time
	Labels []string
	Series []Series

	// Targets draw a dashed line at Value up to Date, with a label, and mark
	// Date as a deadline. Deadlines adds further dated markers.
	Targets   []Target
	Deadlines []Deadline

	YMax float64 // top of the value axis (100 for rates); 0 = from the data
	// YMin is the bottom of the value axis (0 by default; e.g. 60 for
	// scores). Values and targets below it extend the axis.
	YMin   float64
	Unit   string               // "%" → "46.0%"; otherwise appended to values
	Format func(float64) string // optional; replaces Unit formatting
}

// Plot geometry of a Line chart.
const (
	linePlotH   = 150.0
	lineEdge    = 8.0  // inner horizontal margin so end markers are not cut
	lineDLPitch = 24.0 // one row of deadline labels
)

// SVG renders the chart.
func (c Line) SVG() template.HTML {
	timeMode := len(c.X) > 0
	n := len(c.X)
	if !timeMode {
		n = len(c.Labels)
		if n == 0 {
			for _, sr := range c.Series {
				n = max(n, len(sr.Values))
			}
		}
	}
	seed := []string{"line", c.Title}
	for _, sr := range c.Series {
		seed = append(seed, sr.Name, seedOf(sr.Values))
	}
	id := chartID(c.ID, seed...)
	groups := make([][]float64, 0, len(c.Series)+1)
	for _, sr := range c.Series {
		groups = append(groups, sr.Values)
	}

	lo, hi, hasData := math.Inf(1), math.Inf(-1), false
	for _, sr := range c.Series {
		for i := 0; i < n; i++ {
			if v := valueAt(sr.Values, i); finite(v) {
				lo, hi, hasData = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	if !hasData {
		return empty("line", id, c.Title, c.Desc)
	}
	targets := make([]Target, 0, len(c.Targets))
	targetValues := make([]float64, 0, len(c.Targets))
	for _, t := range c.Targets {
		if finite(t.Value) {
			targets = append(targets, t)
			targetValues = append(targetValues, t.Value)
			lo, hi = math.Min(lo, t.Value), math.Max(hi, t.Value)
		}
	}
	format := formatter(c.Format, c.Unit, append(groups, targetValues)...)
	yMin := c.YMin
	if !finite(yMin) {
		yMin = 0
	}
	lo = math.Min(lo, yMin)
	if finite(c.YMax) && c.YMax > hi {
		hi = c.YMax
	}
	if !finite(hi - lo) {
		lo, hi = 0, 1 // values beyond float range: draw something sane
	}
	step := niceStep((hi - lo) / 5)
	yBot := math.Floor(lo/step) * step
	yTop := math.Ceil(hi/step) * step
	if yTop <= yBot {
		yTop = yBot + step
	}
	ticks := []float64{}
	for k := 0; ; k++ {
		v := yBot + float64(k)*step
		if v > yTop+step/2 || k > 20 {
			break
		}
		ticks = append(ticks, v)
	}
	tickDec := 0
	if step != math.Trunc(step) {
		tickDec = 1
	}
	tickText := func(v float64) string {
		if c.Format != nil {
			return format(v)
		}
		s := FormatNumber(v, tickDec)
		if c.Unit == "%" {
			s += "%"
		}
		return s
	}

	// Horizontal layout: tick labels left, last-value labels right.
	tickW := 0.0
	for _, v := range ticks {
		tickW = math.Max(tickW, textWidth(tickText(v), fsSmall))
	}
	type end struct {
		j, i int
		text string
		y    float64
	}
	// With several series, the last value is preceded by the series name
	// when the names are short (city names), so each line is labelled
	// directly; otherwise a legend names them.
	var ends []end
	named := len(c.Series) > 1
	for pass := 0; pass < 2; pass++ {
		ends = ends[:0]
		endW := 0.0
		for j, sr := range c.Series {
			for i := n - 1; i >= 0; i-- {
				if v := valueAt(sr.Values, i); finite(v) {
					t := format(v)
					if named {
						t = clean(sr.Name) + " " + t
					}
					t = fit(t, fsSmall, 110)
					ends = append(ends, end{j: j, i: i, text: t})
					endW = math.Max(endW, textWidth(t, fsSmall))
					break
				}
			}
		}
		if !named || endW <= 100 {
			break
		}
		named = false
	}
	endW := 0.0
	for _, e := range ends {
		endW = math.Max(endW, textWidth(e.text, fsSmall))
	}
	plotL := pad + tickW + 6
	plotR := canvasW - pad - endW - 6
	plotW := plotR - plotL

	// The time domain covers the points, the targets and the deadlines.
	var t0, t1 time.Time
	if timeMode {
		t0, t1 = c.X[0], c.X[0]
		grow := func(t time.Time) {
			if t.Before(t0) {
				t0 = t
			}
			if t.After(t1) {
				t1 = t
			}
		}
		for _, t := range c.X {
			grow(t)
		}
		for _, t := range targets {
			grow(t.Date)
		}
		for _, d := range c.Deadlines {
			grow(d.Date)
		}
	}
	xAt := func(frac float64) float64 { return plotL + lineEdge + frac*(plotW-2*lineEdge) }
	xTime := func(t time.Time) float64 {
		span := t1.Sub(t0)
		if span <= 0 {
			return xAt(0.5)
		}
		return xAt(float64(t.Sub(t0)) / float64(span))
	}
	xPoint := func(i int) float64 {
		if timeMode {
			return xTime(c.X[i])
		}
		if n <= 1 {
			return xAt(0.5)
		}
		return xAt(float64(i) / float64(n-1))
	}

	// Vertical layout, top down: legend, deadline labels, plot, x labels.
	inner := canvasW - 2*pad
	type item struct {
		x, y float64
		name string
	}
	var legend []item
	y := pad
	if len(c.Series) > 1 && !named {
		lx := pad
		for _, sr := range c.Series {
			name := fit(sr.Name, fsSmall, inner-24)
			w := 24 + textWidth(name, fsSmall)
			if lx > pad && lx+w > canvasW-pad {
				lx, y = pad, y+22
			}
			legend = append(legend, item{lx, y, name})
			lx += w + 12
		}
		y += 26
	}
	type mark struct {
		x     float64
		text  string
		row   int
		lx    float64
		align string
	}
	var marks []mark
	if timeMode {
		seen := map[string]int{} // date → index in marks; lookups only, never ranged
		add := func(d time.Time, label string) {
			key := d.Format(time.DateOnly)
			text := label
			if text == "" {
				text = key
			}
			if k, ok := seen[key]; ok {
				if label != "" {
					marks[k].text = label
				}
				return
			}
			seen[key] = len(marks)
			marks = append(marks, mark{x: xTime(d), text: text})
		}
		for _, t := range targets {
			add(t.Date, "")
		}
		for _, d := range c.Deadlines {
			add(d.Date, d.Label)
		}
		sort.SliceStable(marks, func(a, b int) bool { return marks[a].x < marks[b].x })
	}
	var rowEnds []float64
	for k := range marks {
		m := &marks[k]
		m.text = fit(m.text, fsSmall, inner)
		w := textWidth(m.text, fsSmall)
		m.lx, m.align = placeLabel(m.x, w, pad, canvasW-pad)
		left := m.lx
		switch m.align {
		case "middle":
			left -= w / 2
		case "end":
			left -= w
		}
		m.row = -1
		for r, e := range rowEnds {
			if left >= e+6 {
				m.row = r
				break
			}
		}
		if m.row < 0 {
			m.row = len(rowEnds)
			rowEnds = append(rowEnds, 0)
		}
		rowEnds[m.row] = left + w
	}
	dlTop := y
	y += float64(len(rowEnds)) * lineDLPitch
	if len(rowEnds) > 0 {
		y += 4
	}
	plotT := math.Max(y, pad+fsSmall*0.7) + 4 // room for the top tick label
	plotB := plotT + linePlotH
	yVal := func(v float64) float64 { return plotB - (v-yBot)/(yTop-yBot)*linePlotH }
	h := plotB + 14 + fsSmall + 4 + pad
	if timeMode {
		h += fsSmall + 8 // the year line
	}

	var s svg
	s.begin("line", id, c.Title, c.defaultDesc(n, targets, format), h)

	// Grid and value axis.
	for _, v := range ticks {
		yy := yVal(v)
		stroke := colGrid
		if v == 0 || v == yBot {
			stroke = colAxis
		}
		s.line(plotL, yy, plotR, yy, stroke, "")
		s.text(plotL-6, yy+fsSmall*0.35, tickText(v), textOpts{anchor: "end", size: fsSmall, fill: colMuted})
	}

	// Category or month axis.
	axisY := plotB + 14 + fsSmall
	if timeMode {
		c.monthAxis(&s, t0, t1, xTime, plotL, plotR, plotB, axisY)
	} else {
		every := 1
		widest := 0.0
		for i := 0; i < n; i++ {
			widest = math.Max(widest, textWidth(stringAt(c.Labels, i), fsSmall))
		}
		if n > 1 {
			gap := (plotW - 2*lineEdge) / float64(n-1)
			for every < n && gap*float64(every) < widest+8 {
				every++
			}
		}
		for i := 0; i < n; i += every {
			text := fit(stringAt(c.Labels, i), fsSmall, inner)
			x, anchor := placeLabel(xPoint(i), textWidth(text, fsSmall), pad, canvasW-pad)
			s.text(x, axisY, text, textOpts{anchor: anchor, size: fsSmall, fill: colMuted})
		}
	}

	// Deadlines: dotted verticals from their label down to the axis.
	for _, m := range marks {
		base := dlTop + float64(m.row+1)*lineDLPitch - 4
		s.line(m.x, base+3, m.x, plotB, colAxis, `stroke-dasharray="2 3"`)
		s.text(m.lx, base, m.text, textOpts{anchor: m.align, size: fsSmall, fill: colMuted})
	}

	// Targets: dashed level lines ending at their date, with a label.
	for _, t := range targets {
		yy := yVal(t.Value)
		xEnd := plotR
		if timeMode {
			xEnd = xTime(t.Date)
		}
		s.line(plotL, yy, xEnd, yy, colRef, `stroke-width="1.5" stroke-dasharray="6 3"`)
		if timeMode {
			s.raw(`<circle cx="`, coord(xEnd), `" cy="`, coord(yy), `" r="3.5" fill="`, colBG, `" stroke="`, colRef, `" stroke-width="1.5"/>`)
		}
	}

	// Series: lines broken at missing values, then markers on top.
	r := 3.5
	if n > 1 {
		r = clamp((plotW-2*lineEdge)/float64(n-1)/3, 2, 3.5)
	}
	for j, sr := range c.Series {
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				s.raw(`<polyline points="`, strings.Join(pts, " "), `" fill="none" stroke="`, colour(j),
					`" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`)
			}
			pts = pts[:0]
		}
		for i := 0; i < n; i++ {
			v := valueAt(sr.Values, i)
			if !finite(v) {
				flush()
				continue
			}
			pts = append(pts, coord(xPoint(i))+","+coord(yVal(v)))
		}
		flush()
		for i := 0; i < n; i++ {
			if v := valueAt(sr.Values, i); finite(v) {
				marker(&s, j, xPoint(i), yVal(v), r)
			}
		}
	}

	// Last values, nudged apart vertically so they never overlap.
	for k := range ends {
		// Never above the plot's top, where the deadline labels are.
		ends[k].y = math.Max(yVal(valueAt(c.Series[ends[k].j].Values, ends[k].i))+fsSmall*0.35, plotT+fsSmall*0.8)
	}
	sort.SliceStable(ends, func(a, b int) bool {
		if ends[a].y != ends[b].y {
			return ends[a].y < ends[b].y
		}
		return ends[a].j < ends[b].j
	})
	for k := 1; k < len(ends); k++ {
		if ends[k].y < ends[k-1].y+fsSmall*1.45+1 {
			ends[k].y = ends[k-1].y + fsSmall*1.45 + 1
		}
	}
	for k := len(ends) - 1; k >= 0; k-- { // then keep them inside the chart
		limit := h - pad
		if k+1 < len(ends) {
			limit = math.Min(limit, ends[k+1].y-fsSmall*1.45-1)
		}
		ends[k].y = math.Min(ends[k].y, limit)
	}
	for _, e := range ends {
		s.text(xPoint(e.i)+6, e.y, e.text, textOpts{size: fsSmall, bold: true, halo: true})
	}

	// Target labels over the lines, with a halo, where they hide no other
	// text: above the line's end, below it, then at the axis end; a label
	// with no free place is left out (the description and the page's table
	// give every target).
	for _, t := range targets {
		yy := yVal(t.Value)
		xEnd := plotR
		if timeMode {
			xEnd = xTime(t.Date)
		}
		label := fit(refText(t.Label, t.Value, format), fsSmall, inner)
		w := textWidth(label, fsSmall)
		x, anchor := xEnd-6, "end"
		if x-w < plotL+2 {
			x, anchor = plotL+2, ""
		}
		o := textOpts{anchor: anchor, size: fsSmall, halo: true}
		above, below := yy-5, yy+fsSmall+3
		for _, c := range []struct {
			x  float64
			y  float64
			an string
		}{{x, above, anchor}, {x, below, anchor}, {plotL + 2, above, ""}, {plotL + 2, below, ""}} {
			o.anchor = c.an
			if c.y-fsSmall >= plotT-2 && c.y+fsSmall*0.3 <= plotB && s.free(c.x, c.y, label, o) {
				s.text(c.x, c.y, label, o)
				break
			}
		}
	}

	for j, it := range legend {
		mid := it.y + 7
		s.line(it.x, mid, it.x+18, mid, colour(j), `stroke-width="2.5"`)
		marker(&s, j, it.x+9, mid, 3.5)
		s.text(it.x+24, mid+fsSmall*0.35, it.name, textOpts{size: fsSmall})
	}
	return s.end()
}

// monthAxis writes month ticks ("7月") with the year under the first tick
// and under every January; for spans too short to hold two month starts it
// writes the first and last dates instead.
func (c Line) monthAxis(s *svg, t0, t1 time.Time, xTime func(time.Time) float64, plotL, plotR, plotB, axisY float64) {
	var months []time.Time
	m := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, t0.Location())
	if m.Before(t0) {
		m = m.AddDate(0, 1, 0)
	}
	for ; !m.After(t1) && len(months) < 1200; m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	if len(months) < 2 {
		for k, t := range []time.Time{t0, t1} {
			if k == 1 && !t1.After(t0) {
				break
			}
			text := t.Format(time.DateOnly)
			x, anchor := placeLabel(xTime(t), textWidth(text, fsSmall), pad, canvasW-pad)
			s.line(xTime(t), plotB, xTime(t), plotB+4, colAxis, "")
			s.text(x, axisY, text, textOpts{anchor: anchor, size: fsSmall, fill: colMuted})
		}
		return
	}
	// Widest month label is "12月"; keep 10 units between labels.
	perMonth := (xTime(months[len(months)-1]) - xTime(months[0])) / float64(len(months)-1)
	step := 12
	for _, k := range []int{1, 2, 3, 6} {
		if perMonth*float64(k) >= textWidth("12月", fsSmall)+10 {
			step = k
			break
		}
	}
	first := true
	for _, m := range months {
		if (int(m.Month())-1)%step != 0 {
			continue
		}
		x := xTime(m)
		if x < plotL || x > plotR {
			continue
		}
		s.line(x, plotB, x, plotB+4, colAxis, "")
		text := strconv.Itoa(int(m.Month())) + "月"
		lx, anchor := placeLabel(x, textWidth(text, fsSmall), pad, canvasW-pad)
		s.text(lx, axisY, text, textOpts{anchor: anchor, size: fsSmall, fill: colMuted})
		if first || m.Month() == time.January {
			year := strconv.Itoa(m.Year()) + "年"
			lx, anchor := placeLabel(x, textWidth(year, fsSmall), pad, canvasW-pad)
			s.text(lx, axisY+fsSmall+8, year, textOpts{anchor: anchor, size: fsSmall, fill: colMuted})
			first = false
		}
	}
}

// marker draws the marker shape of series j centred on (x, y): circle,
// square, triangle, diamond, inverted triangle, then again.
func marker(s *svg, j int, x, y, r float64) {
	fill := `" fill="` + colour(j) + `" stroke="` + colBG + `" stroke-width="1"/>`
	switch j % 5 {
	case 0:
		s.raw(`<circle cx="`, coord(x), `" cy="`, coord(y), `" r="`, coord(r), fill)
	case 1:
		q := r * 0.9
		s.raw(`<rect x="`, coord(x-q), `" y="`, coord(y-q), `" width="`, coord(2*q), `" height="`, coord(2*q), fill)
	case 2:
		q := r * 1.2
		s.raw(`<path d="M`, coord(x), ` `, coord(y-q), `L`, coord(x+q), ` `, coord(y+q*0.8), `H`, coord(x-q), `Z`, fill)
	case 3:
		q := r * 1.25
		s.raw(`<path d="M`, coord(x), ` `, coord(y-q), `L`, coord(x+q), ` `, coord(y), `L`, coord(x), ` `, coord(y+q), `L`, coord(x-q), ` `, coord(y), `Z`, fill)
	case 4:
		q := r * 1.2
		s.raw(`<path d="M`, coord(x), ` `, coord(y+q), `L`, coord(x+q), ` `, coord(y-q*0.8), `H`, coord(x-q), `Z`, fill)
	}
}

// niceStep returns the smallest of 1, 2, 2.5, 5 × 10^k that is at least raw.
func niceStep(raw float64) float64 {
	if !(raw > 0) || !finite(raw) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

func (c Line) defaultDesc(n int, targets []Target, format func(float64) string) string {
	if c.Desc != "" {
		return c.Desc
	}
	at := func(i int) string {
		if len(c.X) > 0 {
			return c.X[i].Format(time.DateOnly)
		}
		return clean(stringAt(c.Labels, i))
	}
	var parts []string
	for _, sr := range c.Series {
		first, last, count := -1, -1, 0
		for i := 0; i < n; i++ {
			if finite(valueAt(sr.Values, i)) {
				if first < 0 {
					first = i
				}
				last, count = i, count+1
			}
		}
		name := clean(sr.Name)
		if name != "" {
			name += "："
		}
		switch {
		case count == 0:
			parts = append(parts, name+NoData)
		case count == 1:
			parts = append(parts, name+at(first)+" "+format(sr.Values[first]))
		default:
			parts = append(parts, name+"从 "+at(first)+" 的 "+format(sr.Values[first])+" 到 "+
				at(last)+" 的 "+format(sr.Values[last])+"（共 "+strconv.Itoa(count)+" 个数据点）")
		}
	}
	d := joinCN(parts, "；")
	if len(targets) > 0 {
		tp := make([]string, 0, len(targets))
		for _, t := range targets {
			text := refText(t.Label, t.Value, format)
			if len(c.X) > 0 {
				text = t.Date.Format(time.DateOnly) + " 前达到 " + format(t.Value)
				if t.Label != "" {
					text += "（" + t.Label + "）"
				}
			}
			tp = append(tp, clean(text))
		}
		d += "虚线为目标：" + joinCN(tp, "；")
	}
	if len(c.X) > 0 && len(c.Deadlines) > 0 {
		dp := make([]string, 0, len(c.Deadlines))
		for _, dl := range c.Deadlines {
			text := dl.Date.Format(time.DateOnly)
			if dl.Label != "" {
				text += " " + clean(dl.Label)
			}
			dp = append(dp, text)
		}
		d += "竖线标出日期：" + joinCN(dp, "；")
	}
	return d
}
