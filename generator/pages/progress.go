package pages

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/chart"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// Site paths of the progress section. City codes are validated ASCII codes.
const progressPath = "/progress/"

func progressCityURL(code string) string { return progressPath + code + "/" }

// goalURL is a goal's section on /progress/.
func goalURL(id model.GoalID) string { return progressPath + "#" + string(id) }

// noticeClauseURL links a clause of the policy the baseline comes from.
func (b *builder) noticeClauseURL(clause string) string {
	src := b.m.Config.Baseline.Source
	if src == "" {
		return ""
	}
	u := "/policies/" + src + "/"
	if clause != "" {
		u += "#" + clause
	}
	return u
}

// ProgressView is /progress/ (City nil) or /progress/<city>/.
type ProgressView struct {
	Region *model.Region // the province or the city
	City   *model.Region // nil on /progress/
	// Date is the newest report date shown (the province's, or the city's own).
	Date time.Time
	// Reported of Expected cities are in the province sum of Date; Missing
	// names the others (province page only).
	Reported, Expected int
	Missing            []*model.Region
	Goals              []GoalView
	// Baseline is the notice's starting point; FirstMatches says whether the
	// first province report equals it.
	Baseline     BaselineView
	ModeNames    []string
	ModeChart    template.HTML
	ModeRows     []ModeSeriesRow
	Reports      []ReportRow // city page: every report, oldest first
	MissingDates []time.Time // city page: province report dates the city has no report for
	Cities       []*model.Region
	NoticeURL    string // the notice's goals clause
	RegionURL    string // the city's region page
}

// GoalView is one goal at one place on the newest date.
type GoalView struct {
	GoalCard
	ID        string
	Goal      model.Goal
	A         model.Assessment
	ClauseURL string
	// ClauseLabel names the clause: "二、（一）".
	ClauseLabel string
	Steps       string // "2022-08-31 前达到 20%；…"
	Chart       template.HTML
	Series      []SeriesRow
	// Province page: the cities on the newest date, best first.
	RankChart template.HTML
	// RankNone replaces RankChart when every city's figure is zero: a
	// sentence says it instead of a chart of empty bars.
	RankNone string
	Ranking  []RankRow
	// City page: the city's place among the cities reporting on its newest date.
	Rank, RankOf int
}

// SeriesRow is a goal's figure on one report date.
type SeriesRow struct {
	Date   time.Time
	Note   string // "通知基数" for the baseline row
	Cities int    // province rows: the cities summed
	Num    int
	Den    int
	Fig    Fig
	Target string // the target in force, "" on the baseline row
	Status model.Status
	Text   string
}

// RankRow is a city on the newest date.
type RankRow struct {
	Rank   int // 0: no figure or no report
	City   *model.Region
	Num    int
	Den    int
	Fig    Fig
	Status model.Status
	Text   string
	Absent bool // did not report on that date
}

// BaselineView is the notice's mode mix.
type BaselineView struct {
	Date         time.Time
	Total        int
	Rows         []BaselineRow
	FirstDate    time.Time
	FirstMatches bool
	FirstTotal   int
}

// BaselineRow is one management mode in the notice's baseline.
type BaselineRow struct {
	Mode  string
	Count int
	Share float64 // percent
}

// ModeSeriesRow is the mode mix on one date.
type ModeSeriesRow struct {
	Label  string
	Date   time.Time // zero on the baseline row
	Cities int
	Counts [5]int
	Total  int
}

// ReportRow is one of a city's reports with its two rates written out.
type ReportRow struct {
	*model.Report
	Committee, Party Fig
}

// progressStatusText is the status in words with how far off it is.
func progressStatusText(a model.Assessment) string {
	g := a.Goal
	switch a.Status {
	case model.StatusMet:
		return "已达标"
	case model.StatusBehind:
		return "落后于目标，" + shortText(g, a.Missed, a.Figure)
	case model.StatusOnTrack:
		if a.MeetsInForce {
			return "进度正常，已达到本阶段目标"
		}
		return "进度正常，距本阶段目标" + shortText(g, a.InForce, a.Figure)
	}
	return "无数据"
}

// shortText says what is missing to reach a step: "还差 2 家" / "还有 65 个小区未清零".
func shortText(g model.Goal, s model.Step, f model.Figure) string {
	n := g.Short(f, s.Value)
	if g.Rate {
		return "还差 " + render.Int(n) + " " + g.NumUnit
	}
	return "还有 " + render.Int(n) + " 个未清零"
}

// stepText is a target: "2022-12-31 前达到 100%" / "2022-09-30 前清零".
func stepText(g model.Goal, s model.Step) string {
	d := render.Date(s.Due) + " 前"
	if g.Rate {
		return d + "达到 " + strconv.FormatFloat(s.Value, 'f', -1, 64) + "%"
	}
	if s.Value == 0 {
		return d + "清零"
	}
	return d + "降至 " + render.Int(int(s.Value)) + " 个以下"
}

// targetText is the target in force with the days left, anchored to the
// report date and the deadline, never to the reader's today: "截至
// 2022-12-18，距 2022-12-31 的期限还有 13 天".
func targetText(a model.Assessment) string {
	if a.Status == model.StatusNoData && a.InForce.Due.IsZero() {
		return "未设定目标"
	}
	t := "目标：" + stepText(a.Goal, a.InForce)
	asOf, due := render.Date(a.Date), render.Date(a.InForce.Due)
	switch {
	case a.Status == model.StatusMet:
	case a.DaysLeft > 0:
		t += "；截至 " + asOf + "，距 " + due + " 的期限还有 " + strconv.Itoa(a.DaysLeft) + " 天"
	case a.DaysLeft == 0:
		t += "；" + asOf + " 即为期限"
	default:
		t += "；截至 " + asOf + "，已超过 " + due + " 的期限 " + strconv.Itoa(-a.DaysLeft) + " 天"
	}
	return t
}

// rateText writes a rate with one decimal, rounded half up, except that a
// rate never shows as reaching a target it does not meet: 99.96% of a 100%
// goal reads 99.9%, not 100.0%.
func rateText(g model.Goal, f model.Figure) string {
	v := f.Value
	if math.IsNaN(v) {
		return "—"
	}
	r := math.Round(v*10) / 10
	for _, s := range g.Steps {
		if r >= s.Value && !g.Meets(f, s.Value) {
			r = math.Floor(v*10) / 10
			break
		}
	}
	return strconv.FormatFloat(r, 'f', 1, 64) + "%"
}

// detailText says what the figure counts.
func detailText(g model.Goal, f model.Figure) string {
	return g.Num + " " + render.Int(f.Num) + " " + g.NumUnit + " / " + g.Den + " " + render.Int(f.Den) + " " + g.NumUnit
}

// goalCard builds a card from an assessment of a place's report, and its
// source: "各市报送，截至 2022-12-18".
func goalCard(a model.Assessment, place string) GoalCard {
	return GoalCard{
		Title:      a.Goal.Title,
		Fig:        goalFig(a.Goal, place, a.Date, a.Figure),
		Source:     model.SourceReports.Text() + "，截至 " + render.Date(a.Date),
		Detail:     detailText(a.Goal, a.Figure),
		Target:     targetText(a),
		Status:     string(a.Status),
		StatusText: progressStatusText(a),
		URL:        goalURL(a.Goal.ID),
	}
}

// baselineNote is the notice's starting figure of a count goal for province figures.
func (b *builder) baselineNote(g model.Goal) string {
	if g.ID != model.GoalNoService || b.m.Config.Baseline.Total == 0 {
		return ""
	}
	return "（通知基数 " + render.Int(b.m.Config.Baseline.None) + " 个）"
}

// goalCards returns the home page's goal figures and their report date.
func (b *builder) goalCards() ([]GoalCard, time.Time) {
	p := b.m.Progress
	if p == nil || p.Latest() == nil {
		return nil, time.Time{}
	}
	latest := p.Latest()
	expected := len(b.m.Cities())
	var cards []GoalCard
	for _, g := range model.Goals(b.m.Config.Targets) {
		c := goalCard(g.Assess(latest), b.m.Province.Code)
		c.Detail += b.baselineNote(g)
		if latest.Cities < expected {
			c.Source += "（" + strconv.Itoa(expected) + " 个市中 " + strconv.Itoa(latest.Cities) + " 个市报送）"
		}
		cards = append(cards, c)
	}
	return cards, latest.Date
}

// seriesRows are a goal's figures at a place on every report, oldest first.
func seriesRows(g model.Goal, place string, reports []*model.Report, province bool) []SeriesRow {
	out := make([]SeriesRow, 0, len(reports))
	for _, r := range reports {
		a := g.Assess(r)
		row := SeriesRow{Date: r.Date, Num: a.Figure.Num, Den: a.Figure.Den, Fig: goalFig(g, place, r.Date, a.Figure),
			Status: a.Status, Text: a.Status.Text()}
		if province {
			row.Cities = r.Cities
		}
		if !a.InForce.Due.IsZero() {
			row.Target = stepText(g, a.InForce)
		}
		out = append(out, row)
	}
	return out
}

// goalLine is a goal's time-series chart.
func goalLine(id string, g model.Goal, title string, dates []time.Time, series []chart.Series) template.HTML {
	c := chart.Line{ID: id, Title: title, X: dates, Series: series}
	for _, s := range g.Steps {
		label := "目标 " + strconv.FormatFloat(s.Value, 'f', -1, 64) + g.Unit
		if !g.Rate && s.Value == 0 {
			label = "清零"
		}
		c.Targets = append(c.Targets, chart.Target{Date: s.Due, Value: s.Value, Label: label})
	}
	if g.Rate {
		c.YMax, c.Unit = 100, "%"
	} else {
		c.Unit = g.Unit
	}
	return c.SVG()
}

// values returns a goal's figure per date, NaN where a report is missing.
func values(g model.Goal, dates []time.Time, on func(time.Time) *model.Report) []float64 {
	out := make([]float64, len(dates))
	for i, d := range dates {
		out[i] = math.NaN()
		if r := on(d); r != nil {
			out[i] = g.Measure(r).Value
		}
	}
	return out
}

// clauseLabel turns a clause anchor into its numbering: "s2-1" → "二、（一）".
func clauseLabel(anchor string) string {
	const digits = "零一二三四五六七八九十"
	cn := func(s string) string {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10 {
			return s
		}
		return string([]rune(digits)[n])
	}
	parts := strings.Split(strings.TrimPrefix(anchor, "s"), "-")
	if anchor == "" || len(parts) == 0 {
		return ""
	}
	out := cn(parts[0]) + "、"
	if len(parts) > 1 {
		out += "（" + cn(parts[1]) + "）"
	}
	return out
}

func stepsText(g model.Goal) string {
	parts := make([]string, 0, len(g.Steps))
	for _, s := range g.Steps {
		parts = append(parts, stepText(g, s))
	}
	return strings.Join(parts, "；")
}

// modeChart is the mode mix per date (shares), with the baseline first when given.
func modeChart(id, title string, rows []ModeSeriesRow) template.HTML {
	c := chart.StackedBar{ID: id, Title: title, Percent: true}
	for _, r := range rows {
		c.Labels = append(c.Labels, r.Label)
	}
	for i, name := range dataset.ManagementModes {
		s := chart.Series{Name: name}
		for _, r := range rows {
			s.Values = append(s.Values, float64(r.Counts[i]))
		}
		c.Series = append(c.Series, s)
	}
	return c.SVG()
}

func modeRow(r *model.Report, cities bool) ModeSeriesRow {
	row := ModeSeriesRow{Label: render.Date(r.Date), Date: r.Date, Counts: r.Modes(), Total: r.CommunitiesTotal}
	if cities {
		row.Cities = r.Cities
	}
	return row
}

// progress adds /progress/ and one page per city.
func (b *builder) progress() {
	m := b.m
	p := m.Progress
	if p == nil {
		p = &model.Progress{}
	}
	cities := m.Cities()
	goals := model.Goals(m.Config.Targets)
	base := m.Config.Baseline
	province := m.Province
	provinceName := "全省"

	v := &ProgressView{Region: province, Expected: len(cities), ModeNames: dataset.ManagementModes,
		Cities: cities, NoticeURL: b.noticeClauseURL("s1")}
	latest := p.Latest()
	if latest != nil {
		v.Date, v.Reported = latest.Date, latest.Cities
		v.Missing = p.Missing(latest.Date, cities)
	}
	// The notice's starting point.
	if base.Total > 0 {
		mix := model.BaselineMix(base)
		v.Baseline = BaselineView{Date: base.Date, Total: base.Total}
		for i, name := range dataset.ManagementModes {
			v.Baseline.Rows = append(v.Baseline.Rows, BaselineRow{Mode: name, Count: mix.Counts[i], Share: mix.Share(i)})
		}
		v.ModeRows = append(v.ModeRows, ModeSeriesRow{Label: "通知基数", Counts: mix.Counts, Total: base.Total})
		if len(p.Province) > 0 {
			first := p.Province[0]
			v.Baseline.FirstDate, v.Baseline.FirstTotal = first.Date, first.CommunitiesTotal
			v.Baseline.FirstMatches = first.Mix() == mix
		}
	}
	for _, r := range p.Province {
		v.ModeRows = append(v.ModeRows, modeRow(r, true))
	}
	v.ModeChart = modeChart("modes-time", provinceName+"小区管理方式构成（按报送日期）", v.ModeRows)

	for _, g := range goals {
		gv := GoalView{ID: string(g.ID), Goal: g, ClauseURL: b.noticeClauseURL(g.Clause), ClauseLabel: clauseLabel(g.Clause), Steps: stepsText(g)}
		if latest != nil {
			gv.A = g.Assess(latest)
			gv.GoalCard = goalCard(gv.A, province.Code)
			gv.Detail += b.baselineNote(g)
		}
		gv.Series = seriesRows(g, province.Code, p.Province, true)
		if !g.Rate && base.Total > 0 {
			gv.Series = append([]SeriesRow{{Date: base.Date, Note: "通知基数", Num: base.None, Den: base.Total,
				Fig: Fig{Text: render.Int(base.None) + " 个"}}}, gv.Series...)
		}
		gv.Chart = goalLine(gv.ID+"-line", g, provinceName+g.Title+"（按报送日期）", p.Dates,
			[]chart.Series{{Name: provinceName, Values: values(g, p.Dates, p.ProvinceOn)}})
		if latest != nil {
			reports := p.At(latest.Date)
			bar := chart.Bar{ID: gv.ID + "-rank", Title: "各市" + g.Title + "（" + render.Date(latest.Date) + "）"}
			if g.Rate {
				bar.Unit, bar.Max = "%", 100
				if !gv.A.InForce.Due.IsZero() {
					bar.Target = &chart.Ref{Value: gv.A.InForce.Value, Label: "目标 " + strconv.FormatFloat(gv.A.InForce.Value, 'f', -1, 64) + "%"}
				}
			} else {
				bar.Unit = g.Unit
			}
			for _, rk := range g.Rank(reports) {
				a := g.Assess(rk.Report)
				gv.Ranking = append(gv.Ranking, RankRow{Rank: rk.Rank, City: rk.Report.Region, Num: rk.Figure.Num,
					Den: rk.Figure.Den, Fig: goalFig(g, rk.Report.Region.Code, latest.Date, rk.Figure), Status: a.Status, Text: a.Status.Text()})
				bar.Labels = append(bar.Labels, rk.Report.Region.Name)
				bar.Values = append(bar.Values, rk.Figure.Value)
			}
			for _, c := range v.Missing {
				gv.Ranking = append(gv.Ranking, RankRow{City: c, Absent: true, Fig: Fig{Text: "—"}, Text: "未报送"})
			}
			if bar.AllZero() {
				gv.RankNone = "各市" + g.Num + "均为 0 " + g.NumUnit + "。"
			} else {
				gv.RankChart = bar.SVG()
			}
		}
		v.Goals = append(v.Goals, gv)
	}
	desc := "全省物管会（业委会）组建、无物业服务小区清零、物业服务企业党的组织和工作覆盖三个目标的进展，按各市报送数据汇总。"
	b.add(&render.Page{
		Path: progressPath, Template: "progress", Title: "工作进展", Description: desc,
		Section: progressPath, Crumbs: crumbs("工作进展", ""), ColumnName: "工作进展", ColumnType: "信息公开",
		Data: v,
	})

	for _, c := range cities {
		b.progressCity(c, goals, cities)
	}
}

// progressCity adds /progress/<city>/.
func (b *builder) progressCity(city *model.Region, goals []model.Goal, cities []*model.Region) {
	p := b.m.Progress
	if p == nil {
		p = &model.Progress{}
	}
	v := &ProgressView{Region: city, City: city, Expected: len(cities), ModeNames: dataset.ManagementModes,
		Cities: cities, NoticeURL: b.noticeClauseURL("s1"), RegionURL: regionURL(city.Code)}
	var reports []*model.Report
	if cs := p.Series(city.Code); cs != nil {
		reports = cs.Reports
	}
	for _, r := range reports {
		row := ReportRow{Report: r}
		for _, g := range goals {
			switch g.ID {
			case model.GoalCommittee:
				row.Committee = goalFig(g, city.Code, r.Date, g.Measure(r))
			case model.GoalParty:
				row.Party = goalFig(g, city.Code, r.Date, g.Measure(r))
			}
		}
		v.Reports = append(v.Reports, row)
	}
	for _, d := range p.Dates {
		if cs := p.Series(city.Code); cs == nil || cs.On(d) == nil {
			v.MissingDates = append(v.MissingDates, d)
		}
	}
	var latest *model.Report
	if len(reports) > 0 {
		latest = reports[len(reports)-1]
		v.Date = latest.Date
	}
	dates := make([]time.Time, 0, len(reports))
	for _, r := range reports {
		dates = append(dates, r.Date)
		v.ModeRows = append(v.ModeRows, modeRow(r, false))
	}
	v.ModeChart = modeChart("modes-time", city.Name+"小区管理方式构成（按报送日期）", v.ModeRows)
	on := func(d time.Time) *model.Report {
		for _, r := range reports {
			if r.Date.Equal(d) {
				return r
			}
		}
		return nil
	}
	for _, g := range goals {
		gv := GoalView{ID: string(g.ID), Goal: g, ClauseURL: b.noticeClauseURL(g.Clause), ClauseLabel: clauseLabel(g.Clause), Steps: stepsText(g)}
		if latest != nil {
			gv.A = g.Assess(latest)
			gv.GoalCard = goalCard(gv.A, city.Code)
			gv.GoalCard.URL = progressCityURL(city.Code) + "#" + gv.ID
			for _, rk := range g.Rank(p.At(latest.Date)) {
				if rk.Report.Region == city {
					gv.Rank, gv.RankOf = rk.Rank, len(p.At(latest.Date))
				}
			}
		}
		gv.Series = seriesRows(g, city.Code, reports, false)
		series := []chart.Series{{Name: city.Name, Values: values(g, dates, on)}}
		if len(p.Province) > 0 {
			series = append(series, chart.Series{Name: "全省", Values: values(g, dates, p.ProvinceOn)})
		}
		gv.Chart = goalLine(gv.ID+"-line", g, city.Name+g.Title+"（按报送日期）", dates, series)
		v.Goals = append(v.Goals, gv)
	}
	b.add(&render.Page{
		Path: progressCityURL(city.Code), Template: "progress", Title: city.Name + "工作进展",
		Description: city.Name + "物管会（业委会）组建、无物业服务小区清零、物业服务企业党建覆盖的历次报送数据与目标对照。",
		Section:     progressPath, Crumbs: crumbs("工作进展", progressPath, city.Name, ""),
		ColumnName: "工作进展", ColumnType: "信息公开", Data: v,
	})
}
