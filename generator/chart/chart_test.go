package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/internal/golden"
)

var (
	preview = flag.String("preview", "", "write an HTML page showing every golden chart to this file")
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func days(ss ...string) []time.Time {
	out := make([]time.Time, len(ss))
	for i, s := range ss {
		out[i] = day(s)
	}
	return out
}

var nan = math.NaN()

var cities = []string{"太原市", "大同市", "朔州市", "忻州市", "吕梁市", "晋中市", "阳泉市", "长治市", "晋城市", "临汾市", "运城市"}

var reportDates = days("2022-07-18", "2022-08-03", "2022-08-18", "2022-09-03", "2022-09-18",
	"2022-10-03", "2022-10-18", "2022-11-03", "2022-11-18", "2022-12-03", "2022-12-18")

var modes = []string{"物业企业服务", "社区托管", "业主自管", "单位自管", "无物业服务"}

var committeeTargets = []Target{
	{Date: day("2022-08-31"), Value: 20},
	{Date: day("2022-09-30"), Value: 70},
	{Date: day("2022-12-31"), Value: 100},
}

// goldenCases are representative charts of the portal, one golden file each.
func goldenCases() []struct {
	name  string
	chart Chart
} {
	return []struct {
		name  string
		chart Chart
	}{
		{"bar_cities_target", Bar{
			ID: "city-committee", Title: "各市业主委员会组建率（2022-12-18）",
			Labels: cities,
			Values: []float64{88.4, 71.2, 64.9, 70.0, 58.3, 92.1, 69.95, 81.6, 76.0, 55.5, 73.3},
			Unit:   "%", Max: 100, Target: &Ref{Value: 100}, Highlight: "晋城市",
		}},
		{"bar_grades_counts", Bar{
			ID: "grades", Title: "评价等次分布",
			Labels: []string{"优秀", "良好", "合格", "不合格"},
			Values: []float64{1234, 8456, 2210, 0},
			Unit:   "个",
		}},
		{"bar_long_labels", Bar{
			ID: "households", Title: "示例小区户数",
			Labels: []string{"示例花园小区（虚构）", "样板家园二期（虚构名称，仅作演示）", "测试新村",
				"一个特别特别长的虚构小区名称用来检验截断是否生效的例子"},
			Values: []float64{1520, 23494, nan, 86},
			Unit:   "户",
		}},
		{"stacked_percent_cities", StackedBar{
			ID: "mode-mix-cities", Title: "各市管理模式构成", Percent: true,
			Labels: []string{"太原市", "大同市", "晋城市"},
			Series: []Series{
				{Name: modes[0], Values: []float64{3100, 1200, 800}},
				{Name: modes[1], Values: []float64{400, 350, 300}},
				{Name: modes[2], Values: []float64{520, 180, 90}},
				{Name: modes[3], Values: []float64{300, 260, 150}},
				{Name: modes[4], Values: []float64{610, 520, 0}},
			},
		}},
		{"stacked_absolute_time", StackedBar{
			ID: "mode-mix-time", Title: "全省管理模式变化",
			Labels: []string{"2022-07-15", "2022-09-18", "2022-12-18"},
			Series: []Series{
				{Name: modes[0], Values: []float64{10802, 12010, 13420}},
				{Name: modes[1], Values: []float64{2752, 4100, 5330}},
				{Name: modes[2], Values: []float64{3176, 3300, 3410}},
				{Name: modes[3], Values: []float64{2538, 1900, 1334}},
				{Name: modes[4], Values: []float64{4226, 2184, 0}},
			},
		}},
		{"line_committee_targets", Line{
			ID: "line-committee", Title: "全省业主委员会组建率", X: reportDates,
			Series: []Series{{Name: "全省", Values: []float64{
				8.2, 12.5, 17.9, 22.4, 35.0, 48.6, 57.3, 63.0, 68.8, 74.1, 79.5}}},
			Targets: committeeTargets, YMax: 100, Unit: "%",
		}},
		{"line_noservice_gap", Line{
			ID: "line-noservice", Title: "全省无物业服务小区数", X: reportDates,
			Series: []Series{{Name: "全省", Values: []float64{
				4226, 3980, 3100, nan, 1520, 900, 620, 410, 200, 96, 0}}},
			Targets:   []Target{{Date: day("2022-09-30"), Value: 0, Label: "清零"}},
			Deadlines: []Deadline{{Date: day("2022-09-18")}},
			Unit:      "个",
		}},
		{"line_multi_series", Line{
			ID: "line-cities", Title: "三市业主委员会组建率", X: reportDates[:6],
			Series: []Series{
				{Name: "太原市", Values: []float64{10, 18, 25, 33, 41, 52}},
				{Name: "大同市", Values: []float64{6, 9, 15, 21, 30, 51}},
				{Name: "晋城市", Values: []float64{12, 14, 19, 28, nan, 50}},
			},
			Targets: committeeTargets[:2], YMax: 100, Unit: "%",
		}},
		{"line_periods", Line{
			ID: "score-history", Title: "示例物业服务企业历次评价总分",
			Labels: []string{"2022年第三季度", "2022年第四季度", "2023年第一季度"},
			Series: []Series{{Name: "总分", Values: []float64{78.5, 84.25, 88}}},
			Unit:   "分", YMin: 60, YMax: 100,
		}},
		{"progress_rate", Progress{
			ID: "goal-committee", Title: "业主委员会组建进度",
			Label: "业主委员会组建率", Value: 46, Target: 70, Unit: "%",
		}},
		{"progress_count", Progress{
			ID: "goal-noservice", Title: "无物业服务小区清零进度",
			Label: "已消除无物业服务小区", Value: 4226 - 310, Target: 4226, Max: 4226,
			TargetLabel: "目标 全部 4,226 个", Unit: "个",
		}},
	}
}

// emptyCases are charts without data; each must render "暂无数据".
func emptyCases() []struct {
	name  string
	chart Chart
} {
	return []struct {
		name  string
		chart Chart
	}{
		{"bar zero value", Bar{}},
		{"bar all NaN", Bar{ID: "b", Labels: []string{"太原市"}, Values: []float64{nan}}},
		{"stacked zero value", StackedBar{}},
		{"stacked all zero", StackedBar{ID: "s", Labels: []string{"太原市"}, Series: []Series{{Name: "甲", Values: []float64{0}}}}},
		{"line zero value", Line{}},
		{"line no values", Line{ID: "l", X: reportDates[:2], Series: []Series{{Name: "全省"}}, Targets: committeeTargets}},
		{"progress NaN", Progress{ID: "p", Value: nan, Target: 70}},
	}
}

func TestGolden(t *testing.T) {
	var page bytes.Buffer
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			got := []byte(tc.chart.SVG())
			path := filepath.Join("testdata", tc.name+".svg")
			golden.Check(t, path, got, "go test ./generator/chart -update")
			page.WriteString("<h2>" + tc.name + "</h2>\n")
			page.Write(got)
			page.WriteString("\n")
		})
	}
	if *preview != "" {
		html := `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>charts</title>` +
			`<style>body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;` +
			`margin:16px;max-width:32rem}svg.chart{display:block;max-width:32rem;height:auto}h2{font-size:14px;color:#666}</style>` +
			page.String() + `</html>`
		if err := os.WriteFile(*preview, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// node is a parsed SVG element.
type node struct {
	name  string
	attrs map[string]string
	text  string
}

// parse decodes an SVG strictly and returns its elements in order. It
// fails the test when the markup is not well-formed XML.
func parse(t testing.TB, out template.HTML) []node {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = true
	var nodes []node
	var stack []int
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, out)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if depth == 0 && len(nodes) > 0 {
				t.Fatalf("more than one root element:\n%s", out)
			}
			depth++
			n := node{name: tk.Name.Local, attrs: map[string]string{}}
			for _, a := range tk.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			nodes = append(nodes, n)
			stack = append(stack, len(nodes)-1)
		case xml.EndElement:
			depth--
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				nodes[stack[len(stack)-1]].text += string(tk)
			}
		}
	}
	if len(nodes) == 0 || nodes[0].name != "svg" {
		t.Fatalf("root is not <svg>:\n%s", out)
	}
	return nodes
}

func num(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

var urlRef = regexp.MustCompile(`url\(#([^)]+)\)`)

// checkStructure asserts what the pages rely on for every chart: the root's
// attributes, the accessible name and description, unique ids, resolving
// references, legible font sizes and text kept inside the viewBox.
func checkStructure(t *testing.T, out template.HTML) []node {
	t.Helper()
	nodes := parse(t, out)
	root := nodes[0].attrs
	if root["width"] != "100%" || root["role"] != "img" || root["font-family"] != "inherit" {
		t.Errorf("root attributes: %v", root)
	}
	vb := strings.Fields(root["viewBox"])
	if len(vb) != 4 {
		t.Fatalf("viewBox %q", root["viewBox"])
	}
	w, h := num(t, vb[2]), num(t, vb[3])

	ids := map[string]string{}
	for _, n := range nodes {
		if id, ok := n.attrs["id"]; ok {
			if _, dup := ids[id]; dup {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = n.name
		}
	}
	labelled := strings.Fields(root["aria-labelledby"])
	if len(labelled) != 2 || ids[labelled[0]] != "title" || ids[labelled[1]] != "desc" {
		t.Errorf("aria-labelledby %q must name the <title> and <desc> ids %v", root["aria-labelledby"], ids)
	}
	if nodes[1].name != "title" || nodes[2].name != "desc" || strings.TrimSpace(nodes[2].text) == "" {
		t.Errorf("want <title> then a non-empty <desc> first, got %s %s %q", nodes[1].name, nodes[2].name, nodes[2].text)
	}
	for _, n := range nodes {
		for _, v := range n.attrs {
			for _, m := range urlRef.FindAllStringSubmatch(v, -1) {
				if ids[m[1]] != "pattern" {
					t.Errorf("%s refers to missing pattern %q", n.name, m[1])
				}
			}
		}
	}

	rootSize := num(t, root["font-size"])
	var placed []box
	for _, n := range nodes {
		if n.name != "text" {
			continue
		}
		size := rootSize
		if s, ok := n.attrs["font-size"]; ok {
			size = num(t, s)
		}
		// 16 units on a 280-unit canvas render at 18 px or more in any
		// column of 315 px or more: a 360 px phone, normal or 大字版.
		if size < 16 {
			t.Errorf("text %q has font-size %v < 16", n.text, size)
		}
		x, y := num(t, n.attrs["x"]), num(t, n.attrs["y"])
		tw := textWidth(n.text, size)
		left := x
		switch n.attrs["text-anchor"] {
		case "middle":
			left = x - tw/2
		case "end":
			left = x - tw
		}
		if left < -0.5 || left+tw > w+0.5 {
			t.Errorf("text %q spans x %.1f..%.1f, outside 0..%v", n.text, left, left+tw, w)
		}
		if y-size*0.8 < -0.5 || y+size*0.25 > h+0.5 {
			t.Errorf("text %q at baseline %.1f is outside 0..%v", n.text, y, h)
		}
		// No two texts overlap (boxes estimated on the wide side).
		b := textBox(x, y, n.text, textOpts{anchor: n.attrs["text-anchor"], size: size})
		for _, o := range placed {
			if b.l < o.r-0.5 && o.l < b.r-0.5 && b.t < o.b-0.5 && o.t < b.b-0.5 {
				t.Errorf("text %q overlaps another text", n.text)
			}
		}
		placed = append(placed, b)
	}
	return nodes
}

func TestStructure(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) { checkStructure(t, tc.chart.SVG()) })
	}
	for _, tc := range emptyCases() {
		t.Run(tc.name, func(t *testing.T) { checkStructure(t, tc.chart.SVG()) })
	}
}

func TestEmpty(t *testing.T) {
	for _, tc := range emptyCases() {
		t.Run(tc.name, func(t *testing.T) {
			nodes := checkStructure(t, tc.chart.SVG())
			found := false
			for _, n := range nodes {
				found = found || (n.name == "text" && n.text == "暂无数据")
			}
			if !found {
				t.Errorf("no 暂无数据 text in\n%s", tc.chart.SVG())
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, tc := range goldenCases() {
		a, b := tc.chart.SVG(), tc.chart.SVG()
		if a != b {
			t.Errorf("%s: two renders differ", tc.name)
		}
	}
}

// TestIDsDistinctAcrossCharts checks that two charts on one page never share
// an id, whether the page gives IDs or lets them be derived.
func TestIDsDistinctAcrossCharts(t *testing.T) {
	a := StackedBar{Labels: []string{"太原市"}, Series: []Series{{Name: "甲", Values: []float64{1}}, {Name: "乙", Values: []float64{2}}}}
	b := a
	b.Series = []Series{{Name: "甲", Values: []float64{3}}, {Name: "乙", Values: []float64{2}}}
	c := a
	c.ID = "mix-a"
	d := a
	d.ID = "mix-b"
	seen := map[string]int{}
	for k, ch := range []Chart{a, b, c, d} {
		for _, n := range parse(t, ch.SVG()) {
			if id, ok := n.attrs["id"]; ok {
				if prev, dup := seen[id]; dup {
					t.Errorf("id %q in chart %d and chart %d", id, prev, k)
				}
				seen[id] = k
			}
		}
	}
}

const evil = `<script>alert("x")</script>" onload="alert(1)&amp;` + "\x00\x1b\xff"

func TestEscaping(t *testing.T) {
	charts := []Chart{
		Bar{ID: evil, Title: evil, Desc: evil, Labels: []string{evil, "太原市"}, Values: []float64{1, 2},
			Target: &Ref{Value: 1, Label: evil}, Highlight: evil, Unit: evil},
		Bar{Title: evil, Labels: []string{evil}, Values: []float64{1}}, // derived desc
		StackedBar{ID: evil, Title: evil, Labels: []string{evil}, Series: []Series{
			{Name: evil, Values: []float64{1}}, {Name: evil, Values: []float64{2}}}},
		StackedBar{Title: evil, Labels: []string{evil}, Unit: evil, Series: []Series{{Name: evil, Values: []float64{1}}}},
		Line{ID: evil, Title: evil, X: reportDates[:2], Series: []Series{{Name: evil, Values: []float64{1, 2}}, {Name: evil, Values: []float64{2, 1}}},
			Targets: []Target{{Date: day("2022-08-31"), Value: 2, Label: evil}}, Deadlines: []Deadline{{Date: day("2022-09-30"), Label: evil}}, Unit: evil},
		Line{Title: evil, Labels: []string{evil, evil}, Series: []Series{{Name: evil, Values: []float64{1, 2}}}},
		Progress{ID: evil, Title: evil, Label: evil, Value: 1, Target: 2, TargetLabel: evil, Unit: evil},
		Progress{Title: evil, Label: evil, Value: 1, Target: 2},
		Bar{Title: evil, Desc: evil}, // empty chart
	}
	for k, ch := range charts {
		out := string(ch.SVG())
		for _, bad := range []string{"<script", `onload="`, "\x00", "\x1b", "\xff"} {
			if strings.Contains(out, bad) {
				t.Errorf("chart %d contains %q:\n%s", k, bad, out)
			}
		}
		nodes := parse(t, ch.SVG())
		// The title keeps the text readable: decoded, it is the label minus
		// the characters XML cannot carry.
		if got, want := nodes[1].text, `<script>alert("x")</script>" onload="alert(1)&amp;`+"\uFFFD"; got != want {
			t.Errorf("chart %d title decodes to %q, want %q", k, got, want)
		}
	}
}

// TestBarLayout checks the layout switch that keeps labels legible: short
// labels sit left of the bars (right-aligned), long ones above them.
func TestBarLayout(t *testing.T) {
	anchors := func(c Bar) map[string]string {
		out := map[string]string{}
		for _, n := range parse(t, c.SVG()) {
			if n.name == "text" {
				out[n.text] = n.attrs["text-anchor"]
			}
		}
		return out
	}
	short := anchors(Bar{Labels: []string{"太原市", "大同市"}, Values: []float64{1, 2}})
	if short["太原市"] != "end" {
		t.Errorf("short labels should be right-aligned left of the bars, got anchor %q", short["太原市"])
	}
	long := anchors(Bar{Labels: []string{"示例花园小区（虚构名称，仅作演示）", "大同市"}, Values: []float64{1, 2}})
	if long["大同市"] != "" {
		t.Errorf("long labels should sit above the bars, left-aligned, got anchor %q", long["大同市"])
	}
}

// TestDirectLabels checks that values are written on the chart, so colour is
// never needed to read them.
func TestDirectLabels(t *testing.T) {
	texts := func(c Chart) string {
		var b strings.Builder
		for _, n := range parse(t, c.SVG()) {
			if n.name == "text" {
				b.WriteString(n.text + "|")
			}
		}
		return b.String()
	}
	cases := []struct {
		name  string
		chart Chart
		want  []string
	}{
		{"bar values and target", Bar{Labels: []string{"太原市", "大同市"}, Values: []float64{46, 23494}, Target: &Ref{Value: 70}, Unit: "%"},
			[]string{"46.0%", "23,494.0%", "目标 70.0%"}},
		{"bar missing value", Bar{Labels: []string{"太原市", "大同市"}, Values: []float64{1}}, []string{"大同市|" + NoData}},
		{"stacked shares and legend", StackedBar{Percent: true, Labels: []string{"太原市"},
			Series: []Series{{Name: "甲", Values: []float64{3}}, {Name: "乙", Values: []float64{2}}}},
			[]string{"甲|", "乙|", "60.0%", "40.0%"}},
		{"stacked totals", StackedBar{Labels: []string{"太原市"}, Series: []Series{{Name: "甲", Values: []float64{23000}}, {Name: "乙", Values: []float64{494}}}},
			[]string{"23,494|"}},
		{"line last value, targets and deadline dates", Line{X: reportDates[:3], Series: []Series{{Values: []float64{1, 2, 46}}},
			Targets: committeeTargets[:1], Deadlines: []Deadline{{Date: day("2022-09-30")}}, Unit: "%"},
			[]string{"46.0%", "目标 20.0%", "2022-08-31", "2022-09-30", "8月", "2022年"}},
		{"progress", Progress{Label: "组建率", Value: 46, Target: 70, Unit: "%"}, []string{"组建率|46.0%|目标 70.0%"}},
	}
	for _, tc := range cases {
		got := texts(tc.chart)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: texts %q lack %q", tc.name, got, w)
			}
		}
	}
}

// TestStackedFillsDistinct checks every series gets its own fill (colour or
// pattern) and that patterned series also differ by pattern shape.
func TestStackedFillsDistinct(t *testing.T) {
	var series []Series
	for j := 0; j < 12; j++ {
		series = append(series, Series{Name: "系列" + strconv.Itoa(j), Values: []float64{1}})
	}
	nodes := parse(t, StackedBar{ID: "x", Labels: []string{"太原市"}, Series: series}.SVG())
	fills := map[string]bool{}
	shapes := map[string]bool{}
	for i, n := range nodes {
		if n.name == "pattern" {
			ink := nodes[i+2] // the pattern's background rect, then its ink
			shapes[ink.name+" "+ink.attrs["d"]] = true
		}
	}
	for j := range series {
		fills[fillRef("x", j)] = true
	}
	if len(fills) != len(series) {
		t.Errorf("%d series share fills: %v", len(series), fills)
	}
	if len(shapes) != 7 {
		t.Errorf("want 7 distinct pattern shapes besides solid, got %d", len(shapes))
	}
	// Series j and j+8 share a colour, so they must differ in pattern.
	for j := 0; j < 4; j++ {
		if patternKind(j) == patternKind(j+len(palette)) {
			t.Errorf("series %d and %d share colour and pattern", j, j+len(palette))
		}
	}
}

// TestLineDeadlineLabelsDoNotOverlap checks that close deadline labels are
// put on separate rows.
func TestLineDeadlineLabelsDoNotOverlap(t *testing.T) {
	c := Line{X: days("2022-07-01", "2022-12-31"), Series: []Series{{Values: []float64{1, 2}}},
		Deadlines: []Deadline{{Date: day("2022-09-18")}, {Date: day("2022-09-30")}, {Date: day("2022-10-03")}}}
	type box struct{ l, r, y float64 }
	var boxes []box
	for _, n := range parse(t, c.SVG()) {
		if n.name != "text" || !strings.HasPrefix(n.text, "2022-") {
			continue
		}
		x, tw := num(t, n.attrs["x"]), textWidth(n.text, fsSmall)
		l := x
		switch n.attrs["text-anchor"] {
		case "middle":
			l -= tw / 2
		case "end":
			l -= tw
		}
		boxes = append(boxes, box{l, l + tw, num(t, n.attrs["y"])})
	}
	if len(boxes) != 3 {
		t.Fatalf("want 3 deadline labels, got %d", len(boxes))
	}
	for i := range boxes {
		for j := i + 1; j < len(boxes); j++ {
			a, b := boxes[i], boxes[j]
			if a.y == b.y && a.l < b.r && b.l < a.r {
				t.Errorf("deadline labels overlap: %v %v", a, b)
			}
		}
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{20, 20}, {845.2, 1000}, {0.3, 0.5}, {2.2, 2.5}, {0, 1}, {math.NaN(), 1},
	}
	for _, tt := range tests {
		if got := niceStep(tt.in); got != tt.want {
			t.Errorf("niceStep(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzCharts(f *testing.F) {
	f.Add("太原市", "物业企业服务", 46.0, 70.0)
	f.Add(evil, evil, -1.0, math.Inf(1))
	f.Add("", "", 0.0, 0.0)
	f.Add("一个特别特别长的虚构小区名称用来检验截断是否生效的例子一个特别特别长的", "\u202e\U0001F600", 1e300, -1e-300)
	f.Fuzz(func(t *testing.T, label, name string, v, target float64) {
		charts := []Chart{
			Bar{ID: label, Title: label, Labels: []string{label, name}, Values: []float64{v, target}, Target: &Ref{Value: target, Label: name}},
			StackedBar{ID: name, Title: name, Labels: []string{label}, Series: []Series{{Name: name, Values: []float64{v}}, {Name: label, Values: []float64{target}}}},
			StackedBar{Percent: true, Labels: []string{label}, Series: []Series{{Name: name, Values: []float64{v}}}},
			Line{Title: label, X: reportDates[:2], Series: []Series{{Name: name, Values: []float64{v, target}}},
				Targets: []Target{{Date: day("2022-08-31"), Value: target, Label: label}}, YMax: target},
			Line{Labels: []string{label, name}, Series: []Series{{Name: name, Values: []float64{v, v}}}},
			Progress{Title: name, Label: label, Value: v, Target: target, Max: target},
		}
		for _, c := range charts {
			out := c.SVG()
			if strings.Contains(strings.ToLower(string(out)), "<script") {
				t.Fatalf("unescaped markup:\n%s", out)
			}
			parse(t, out)
		}
	})
}

func TestBarAllZero(t *testing.T) {
	tests := []struct {
		values []float64
		want   bool
	}{
		{[]float64{0, 0, 0}, true},
		{[]float64{0, 1}, false},
		{[]float64{0, math.NaN()}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := (Bar{Values: tt.values}).AllZero(); got != tt.want {
			t.Errorf("AllZero(%v) = %v, want %v", tt.values, got, tt.want)
		}
	}
}

// TestValueInkContrast checks that a value written on a solid segment has
// 4.5:1 or more on it, and that the other fills get a white label.
func TestValueInkContrast(t *testing.T) {
	for _, c := range palette {
		ink, ok := inkOn(c)
		if ok && contrast(ink, c) < 4.5 {
			t.Errorf("ink %s on %s: %.2f:1", ink, c, contrast(ink, c))
		}
	}
	if r := contrast(colText, colBG); r < 4.5 {
		t.Errorf("text on a white label: %.2f:1", r)
	}
	// Four series: 0 solid blue (white ink), the others patterned: each
	// patterned segment's value sits on a white label rect right before it.
	svg := string(StackedBar{Percent: true, Labels: []string{"太原市"}, Series: []Series{
		{Name: "甲", Values: []float64{1}}, {Name: "乙", Values: []float64{1}}, {Name: "丙", Values: []float64{1}}}}.SVG())
	nodes := parse(t, template.HTML(svg))
	values := 0
	for i, n := range nodes {
		if n.name != "text" || !strings.HasSuffix(n.text, "%") {
			continue
		}
		values++
		fill := n.attrs["fill"]
		prev := nodes[i-1]
		bg := colour(0)
		if prev.name == "rect" && prev.attrs["fill"] == colBG {
			bg = colBG
		}
		if contrast(fill, bg) < 4.5 {
			t.Errorf("value %q: ink %s on %s is %.2f:1", n.text, fill, bg, contrast(fill, bg))
		}
	}
	if values != 3 {
		t.Errorf("want 3 segment values, got %d in\n%s", values, svg)
	}
}
