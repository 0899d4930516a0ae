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

// lineFrame holds what the drawing steps of Line.SVG share: the value
// scale, the plot's box and the labels placed around it. Each step below
// fills its part in order (scale, horizontal layout, time domain, vertical
// layout), then the draw steps read it.
type lineFrame struct {
	c        Line
	n        int  // number of points per series
	timeMode bool // X dates rather than Labels
	targets  []Target
	format   func(float64) string

	// Value scale.
	yBot, yTop float64
	ticks      []float64
	tickDec    int

	// Plot box and canvas.
	plotL, plotR, plotW float64
	plotT, plotB        float64
	h, inner            float64

	// Time domain (timeMode only).
	t0, t1 time.Time

	ends      []lineEnd
	useLegend bool // several series, too long to name at their ends
	legend    []lineLegendItem
	marks     []lineMark
	dlTop     float64 // top of the deadline label rows
	rows      int     // number of deadline label rows
}

// lineEnd is a series' last value, written at the end of its line.
type lineEnd struct {
	j, i int
	text string
	y    float64
}

// lineLegendItem is one series' entry in the legend above the plot.
type lineLegendItem struct {
	x, y float64
	name string
}

// lineMark is a dated deadline with its label row and placement.
type lineMark struct {
	x     float64
	text  string
	row   int
	lx    float64
	align string
}

// SVG renders the chart.
func (c Line) SVG() template.HTML {
	f := &lineFrame{c: c, timeMode: len(c.X) > 0}
	f.n = c.pointCount()
	seed := []string{"line", c.Title}
	for _, sr := range c.Series {
		seed = append(seed, sr.Name, seedOf(sr.Values))
	}
	id := chartID(c.ID, seed...)
	if !f.scale() {
		return empty("line", id, c.Title, c.Desc)
	}
	f.layoutX()
	f.timeDomain()
	f.layoutY()

	var s svg
	s.begin("line", id, c.Title, c.defaultDesc(f.n, f.targets, f.format), f.h)
	f.drawValueAxis(&s)
	f.drawPointAxis(&s)
	f.drawDeadlines(&s)
	f.drawTargetLines(&s)
	f.drawSeries(&s)
	f.drawEnds(&s)
	f.drawTargetLabels(&s)
	f.drawLegend(&s)
	return s.end()
}

// pointCount is the number of points per series: the dates, else the
// labels, else the longest series.
func (c Line) pointCount() int {
	if len(c.X) > 0 {
		return len(c.X)
	}
	n := len(c.Labels)
	if n == 0 {
		for _, sr := range c.Series {
			n = max(n, len(sr.Values))
		}
	}
	return n
}

// scale sets the value axis from the data, the targets, YMin and YMax. It
// reports false when no series has a finite value.
func (f *lineFrame) scale() bool {
	c := f.c
	groups := make([][]float64, 0, len(c.Series)+1)
	for _, sr := range c.Series {
		groups = append(groups, sr.Values)
	}

	lo, hi, hasData := math.Inf(1), math.Inf(-1), false
	for _, sr := range c.Series {
		for i := 0; i < f.n; i++ {
			if v := valueAt(sr.Values, i); finite(v) {
				lo, hi, hasData = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	if !hasData {
		return false
	}
	f.targets = make([]Target, 0, len(c.Targets))
	targetValues := make([]float64, 0, len(c.Targets))
	for _, t := range c.Targets {
		if finite(t.Value) {
			f.targets = append(f.targets, t)
			targetValues = append(targetValues, t.Value)
			lo, hi = math.Min(lo, t.Value), math.Max(hi, t.Value)
		}
	}
	f.format = formatter(c.Format, c.Unit, append(groups, targetValues)...)
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
	f.yBot = math.Floor(lo/step) * step
	f.yTop = math.Ceil(hi/step) * step
	if f.yTop <= f.yBot {
		f.yTop = f.yBot + step
	}
	f.ticks = []float64{}
	for k := 0; ; k++ {
		v := f.yBot + float64(k)*step
		if v > f.yTop+step/2 || k > 20 {
			break
		}
		f.ticks = append(f.ticks, v)
	}
	if step != math.Trunc(step) {
		f.tickDec = 1
	}
	return true
}

// tickText is the label of a value-axis tick.
func (f *lineFrame) tickText(v float64) string {
	if f.c.Format != nil {
		return f.format(v)
	}
	s := FormatNumber(v, f.tickDec)
	if f.c.Unit == "%" {
		s += "%"
	}
	return s
}

// layoutX places the plot horizontally: tick labels left, last-value
// labels right.
func (f *lineFrame) layoutX() {
	c := f.c
	tickW := 0.0
	for _, v := range f.ticks {
		tickW = math.Max(tickW, textWidth(f.tickText(v), fsSmall))
	}
	// With several series, the last value is preceded by the series name
	// when the names are short (city names), so each line is labelled
	// directly; otherwise a legend names them.
	var ends []lineEnd
	named := len(c.Series) > 1
	for pass := 0; pass < 2; pass++ {
		ends = ends[:0]
		endW := 0.0
		for j, sr := range c.Series {
			for i := f.n - 1; i >= 0; i-- {
				if v := valueAt(sr.Values, i); finite(v) {
					t := f.format(v)
					if named {
						t = clean(sr.Name) + " " + t
					}
					t = fit(t, fsSmall, 110)
					ends = append(ends, lineEnd{j: j, i: i, text: t})
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
	f.ends = ends
	f.plotL = pad + tickW + 6
	f.plotR = canvasW - pad - endW - 6
	f.plotW = f.plotR - f.plotL
	f.inner = canvasW - 2*pad
	f.useLegend = len(c.Series) > 1 && !named
}

// timeDomain makes the time axis cover the points, the targets and the
// deadlines.
func (f *lineFrame) timeDomain() {
	if !f.timeMode {
		return
	}
	c := f.c
	f.t0, f.t1 = c.X[0], c.X[0]
	grow := func(t time.Time) {
		if t.Before(f.t0) {
			f.t0 = t
		}
		if t.After(f.t1) {
			f.t1 = t
		}
	}
	for _, t := range c.X {
		grow(t)
	}
	for _, t := range f.targets {
		grow(t.Date)
	}
	for _, d := range c.Deadlines {
		grow(d.Date)
	}
}

func (f *lineFrame) xAt(frac float64) float64 {
	return f.plotL + lineEdge + frac*(f.plotW-2*lineEdge)
}

func (f *lineFrame) xTime(t time.Time) float64 {
	span := f.t1.Sub(f.t0)
	if span <= 0 {
		return f.xAt(0.5)
	}
	return f.xAt(float64(t.Sub(f.t0)) / float64(span))
}

func (f *lineFrame) xPoint(i int) float64 {
	if f.timeMode {
		return f.xTime(f.c.X[i])
	}
	if f.n <= 1 {
		return f.xAt(0.5)
	}
	return f.xAt(float64(i) / float64(f.n-1))
}

func (f *lineFrame) yVal(v float64) float64 {
	return f.plotB - (v-f.yBot)/(f.yTop-f.yBot)*linePlotH
}

// layoutY places everything vertically, top down: legend, deadline
// labels, plot, x labels.
func (f *lineFrame) layoutY() {
	c := f.c
	y := pad
	if f.useLegend {
		lx := pad
		for _, sr := range c.Series {
			name := fit(sr.Name, fsSmall, f.inner-24)
			w := 24 + textWidth(name, fsSmall)
			if lx > pad && lx+w > canvasW-pad {
				lx, y = pad, y+22
			}
			f.legend = append(f.legend, lineLegendItem{lx, y, name})
			lx += w + 12
		}
		y += 26
	}
	f.placeMarks()
	f.dlTop = y
	y += float64(f.rows) * lineDLPitch
	if f.rows > 0 {
		y += 4
	}
	f.plotT = math.Max(y, pad+fsSmall*0.7) + 4 // room for the top tick label
	f.plotB = f.plotT + linePlotH
	f.h = f.plotB + 14 + fsSmall + 4 + pad
	if f.timeMode {
		f.h += fsSmall + 8 // the year line
	}
}

// placeMarks collects the target dates and deadlines (one mark per date,
// a deadline's label winning) and puts their labels in rows that do not
// overlap.
func (f *lineFrame) placeMarks() {
	var marks []lineMark
	if f.timeMode {
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
			marks = append(marks, lineMark{x: f.xTime(d), text: text})
		}
		for _, t := range f.targets {
			add(t.Date, "")
		}
		for _, d := range f.c.Deadlines {
			add(d.Date, d.Label)
		}
		sort.SliceStable(marks, func(a, b int) bool { return marks[a].x < marks[b].x })
	}
	var rowEnds []float64
	for k := range marks {
		m := &marks[k]
		m.text = fit(m.text, fsSmall, f.inner)
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
	f.marks = marks
	f.rows = len(rowEnds)
}

// drawValueAxis writes the horizontal grid and the value tick labels.
func (f *lineFrame) drawValueAxis(s *svg) {
	for _, v := range f.ticks {
		yy := f.yVal(v)
		stroke := colGrid
		if v == 0 || v == f.yBot {
			stroke = colAxis
		}
		s.line(f.plotL, yy, f.plotR, yy, stroke, "")
		s.text(f.plotL-6, yy+fsSmall*0.35, f.tickText(v), textOpts{anchor: "end", size: fsSmall, fill: colMuted})
	}
}

// drawPointAxis writes the month axis, or the category labels spaced so
// that they do not overlap.
func (f *lineFrame) drawPointAxis(s *svg) {
	axisY := f.plotB + 14 + fsSmall
	if f.timeMode {
		f.c.monthAxis(s, f.t0, f.t1, f.xTime, f.plotL, f.plotR, f.plotB, axisY)
		return
	}
	every := 1
	widest := 0.0
	for i := 0; i < f.n; i++ {
		widest = math.Max(widest, textWidth(stringAt(f.c.Labels, i), fsSmall))
	}
	if f.n > 1 {
		gap := (f.plotW - 2*lineEdge) / float64(f.n-1)
		for every < f.n && gap*float64(every) < widest+8 {
			every++
		}
	}
	for i := 0; i < f.n; i += every {
		text := fit(stringAt(f.c.Labels, i), fsSmall, f.inner)
		x, anchor := placeLabel(f.xPoint(i), textWidth(text, fsSmall), pad, canvasW-pad)
		s.text(x, axisY, text, textOpts{anchor: anchor, size: fsSmall, fill: colMuted})
	}
}

// drawDeadlines writes dotted verticals from their label down to the axis.
func (f *lineFrame) drawDeadlines(s *svg) {
	for _, m := range f.marks {
		base := f.dlTop + float64(m.row+1)*lineDLPitch - 4
		s.line(m.x, base+3, m.x, f.plotB, colAxis, `stroke-dasharray="2 3"`)
		s.text(m.lx, base, m.text, textOpts{anchor: m.align, size: fsSmall, fill: colMuted})
	}
}

// targetEnd is the x where a target's line ends: its date, or the plot's
// right edge without dates.
func (f *lineFrame) targetEnd(t Target) float64 {
	if f.timeMode {
		return f.xTime(t.Date)
	}
	return f.plotR
}

// drawTargetLines writes dashed level lines ending at their date.
func (f *lineFrame) drawTargetLines(s *svg) {
	for _, t := range f.targets {
		yy := f.yVal(t.Value)
		xEnd := f.targetEnd(t)
		s.line(f.plotL, yy, xEnd, yy, colRef, `stroke-width="1.5" stroke-dasharray="6 3"`)
		if f.timeMode {
			s.raw(`<circle cx="`, coord(xEnd), `" cy="`, coord(yy), `" r="3.5" fill="`, colBG, `" stroke="`, colRef, `" stroke-width="1.5"/>`)
		}
	}
}

// drawSeries writes each series as lines broken at missing values, then
// its markers on top.
func (f *lineFrame) drawSeries(s *svg) {
	r := 3.5
	if f.n > 1 {
		r = clamp((f.plotW-2*lineEdge)/float64(f.n-1)/3, 2, 3.5)
	}
	for j, sr := range f.c.Series {
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				s.raw(`<polyline points="`, strings.Join(pts, " "), `" fill="none" stroke="`, colour(j),
					`" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`)
			}
			pts = pts[:0]
		}
		for i := 0; i < f.n; i++ {
			v := valueAt(sr.Values, i)
			if !finite(v) {
				flush()
				continue
			}
			pts = append(pts, coord(f.xPoint(i))+","+coord(f.yVal(v)))
		}
		flush()
		for i := 0; i < f.n; i++ {
			if v := valueAt(sr.Values, i); finite(v) {
				marker(s, j, f.xPoint(i), f.yVal(v), r)
			}
		}
	}
}

// drawEnds writes the last values, nudged apart vertically so they never
// overlap.
func (f *lineFrame) drawEnds(s *svg) {
	ends := f.ends
	for k := range ends {
		// Never above the plot's top, where the deadline labels are.
		ends[k].y = math.Max(f.yVal(valueAt(f.c.Series[ends[k].j].Values, ends[k].i))+fsSmall*0.35, f.plotT+fsSmall*0.8)
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
		limit := f.h - pad
		if k+1 < len(ends) {
			limit = math.Min(limit, ends[k+1].y-fsSmall*1.45-1)
		}
		ends[k].y = math.Min(ends[k].y, limit)
	}
	for _, e := range ends {
		s.text(f.xPoint(e.i)+6, e.y, e.text, textOpts{size: fsSmall, bold: true, halo: true})
	}
}

// drawTargetLabels writes target labels over the lines, with a halo,
// where they hide no other text: above the line's end, below it, then at
// the axis end; a label with no free place is left out (the description
// and the page's table give every target).
func (f *lineFrame) drawTargetLabels(s *svg) {
	for _, t := range f.targets {
		yy := f.yVal(t.Value)
		xEnd := f.targetEnd(t)
		label := fit(refText(t.Label, t.Value, f.format), fsSmall, f.inner)
		w := textWidth(label, fsSmall)
		x, anchor := xEnd-6, "end"
		if x-w < f.plotL+2 {
			x, anchor = f.plotL+2, ""
		}
		o := textOpts{anchor: anchor, size: fsSmall, halo: true}
		above, below := yy-5, yy+fsSmall+3
		for _, c := range []struct {
			x  float64
			y  float64
			an string
		}{{x, above, anchor}, {x, below, anchor}, {f.plotL + 2, above, ""}, {f.plotL + 2, below, ""}} {
			o.anchor = c.an
			if c.y-fsSmall >= f.plotT-2 && c.y+fsSmall*0.3 <= f.plotB && s.free(c.x, c.y, label, o) {
				s.text(c.x, c.y, label, o)
				break
			}
		}
	}
}

// drawLegend writes the legend placed by layoutY, if any.
func (f *lineFrame) drawLegend(s *svg) {
	for j, it := range f.legend {
		mid := it.y + 7
		s.line(it.x, mid, it.x+18, mid, colour(j), `stroke-width="2.5"`)
		marker(s, j, it.x+9, mid, 3.5)
		s.text(it.x+24, mid+fsSmall*0.35, it.name, textOpts{size: fsSmall})
	}
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
