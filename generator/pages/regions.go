package pages

import (
	"html/template"
	"math"
	"strconv"
	"time"

	"github.com/sxwuye/portal/generator/chart"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// RegionView is /regions/<code>/ for the province, a city or a county.
type RegionView struct {
	R *model.Region
	// Level words: "省" / "市" / "区县"; ChildLevel names the children ("市", "区县", "").
	ChildLevel string
	Modes      []ModeRow
	ModeChart  template.HTML
	// Committee and party-work progress bars against the notice's final targets.
	CommitteeChart, PartyChart   template.HTML
	CommitteeTarget, PartyTarget string // "100%（2022-12-31 前）", "" when none
	Children                     []*model.Region
	ChildModeChart               template.HTML // mode mix per child (percent)
	// Latest evaluation release within the region (nil when none), its grade
	// rows and the page listing the region's projects.
	Latest       *model.EvalSummary
	LatestGrades []GradeRow
	LatestURL    string
	// ModeNames are the management modes in dataset order (child table headers).
	ModeNames []string
	// Source says the ledger need not hold every community of the region:
	// "非全省总数" ("" when it holds at least as many as reported).
	Source string
	// Reported is the cities' own figures for the region (nil when none):
	// the province sum or the city's report; a county links its city's.
	Reported *RegionReported
	// The region's ledger figures (as of the data version) and its latest
	// release's average; LedgerAsOf says so in words.
	LedgerCommunities, CommitteeRate, Committees, PartyRate, ServiceRoom Fig
	EvalAverage                                                          *Fig
	LedgerAsOf                                                           string
	// ChildRows are the children with their figures, by code.
	ChildRows []RegionChild
	// IndicatorsURL is the 口径 page.
	IndicatorsURL string
}

// RegionChild is a child region's row in the region's table: the same
// figures as on the child's own page.
type RegionChild struct {
	R                        *model.Region
	CommitteeRate, PartyRate Fig
	EvalAverage              *Fig
}

// RegionReported points from a region page to the reported figures on the
// progress pages, so the ledger's figures are not taken for them.
type RegionReported struct {
	Intro string // "各市报送的全省数据"
	// Date, Communities and Committee summarise the newest report (zero
	// Date on a county page, whose city reports for it).
	Date        time.Time
	Communities Fig    // 住宅小区总数 as reported
	Committee   Fig    // the reported committee rate, as /progress/ writes it
	URL, Link   string // the progress page and its link text
}

// ModeRow is one management mode in a region.
type ModeRow struct {
	Mode  string
	Count int
	Share float64
}

func (b *builder) regions() {
	cfg := b.m.Config
	committeeTarget, partyTarget := math.NaN(), math.NaN()
	var committeeText, partyText string
	if t := cfg.Targets.Committee; len(t) > 0 {
		last := t[len(t)-1]
		committeeTarget, committeeText = last.Rate, targetPct(last.Rate)+"（"+render.Date(last.Due)+" 前）"
	}
	if t := cfg.Targets.Party; len(t) > 0 {
		last := t[len(t)-1]
		partyTarget, partyText = last.Rate, targetPct(last.Rate)+"（"+render.Date(last.Due)+" 前）"
	}
	for _, r := range b.m.Regions {
		s := r.Stats
		v := &RegionView{R: r, Children: r.Children, ModeNames: dataset.ManagementModes,
			CommitteeTarget: committeeText, PartyTarget: partyText}
		switch r.Level {
		case "province":
			v.ChildLevel = "市"
		case "city":
			v.ChildLevel = "区县"
		}
		mc := chart.Bar{ID: "modes", Title: r.FullName + "：小区管理方式", Unit: "个"}
		for i, name := range dataset.ManagementModes {
			v.Modes = append(v.Modes, ModeRow{Mode: name, Count: s.Modes[i], Share: model.Percent(s.Modes[i], s.Communities)})
			mc.Labels = append(mc.Labels, name)
			mc.Values = append(mc.Values, float64(s.Modes[i]))
		}
		v.ModeChart = mc.SVG()
		v.CommitteeChart = chart.Progress{ID: "committee", Title: r.FullName + "：" + model.IndLedgerCommitteeRate.Name,
			Label: "组建率（应组建的小区中）", Value: s.CommitteeRate(), Target: committeeTarget,
			TargetLabel: "目标 " + targetPct(committeeTarget), Unit: "%"}.SVG()
		v.PartyChart = chart.Progress{ID: "party", Title: r.FullName + "：" + model.IndLedgerPartyRate.Name,
			Label: "党建覆盖率", Value: s.PartyRate(), Target: partyTarget,
			TargetLabel: "目标 " + targetPct(partyTarget), Unit: "%"}.SVG()
		v.Source, v.Reported = b.regionSource(r)
		version := b.m.Version.Date
		figs := ledgerFigs(r, version)
		v.LedgerCommunities, v.CommitteeRate, v.Committees = *figs[model.IndLedgerCommunities.ID], *figs[model.IndLedgerCommitteeRate.ID], *figs[model.IndLedgerCommittees.ID]
		v.PartyRate, v.ServiceRoom = *figs[model.IndLedgerPartyRate.ID], *figs[model.IndServiceRoomRate.ID]
		v.EvalAverage = evalFig(r)
		v.LedgerAsOf = "数据版本 " + render.Date(version)
		v.IndicatorsURL = indicatorsPath
		for _, ch := range r.Children {
			cf := ledgerFigs(ch, version)
			v.ChildRows = append(v.ChildRows, RegionChild{R: ch, CommitteeRate: *cf[model.IndLedgerCommitteeRate.ID],
				PartyRate: *cf[model.IndLedgerPartyRate.ID], EvalAverage: evalFig(ch)})
		}
		if len(r.Children) > 0 {
			sc := chart.StackedBar{ID: "child-modes", Title: r.FullName + "：各" + v.ChildLevel + "小区管理方式构成", Percent: true}
			for _, ch := range r.Children {
				sc.Labels = append(sc.Labels, ch.Name)
			}
			for i, name := range dataset.ManagementModes {
				ser := chart.Series{Name: name}
				for _, ch := range r.Children {
					ser.Values = append(ser.Values, float64(ch.Stats.Modes[i]))
				}
				sc.Series = append(sc.Series, ser)
			}
			v.ChildModeChart = sc.SVG()
		}
		if s.Latest != nil && s.Latest.Period != nil {
			v.Latest = s.Latest
			v.LatestGrades = gradeRows(cfg, *s.Latest)
			p := s.Latest.Period
			switch r.Level {
			case "city":
				v.LatestURL = periodCityURL(p.ID, r.Code)
			case "county":
				if city := r.City(); city != nil {
					v.LatestURL = releaseCountyURL(p, city, r)
				}
			default:
				v.LatestURL = periodURL(p.ID)
			}
		}
		trail := regionCrumbs(r)
		trail[len(trail)-1].URL = ""
		b.add(&render.Page{
			Path: regionURL(r.Code), Template: "region", Title: r.FullName,
			Description: r.FullName + "社区物业管理概况：小区管理方式、业主组织组建、企业党建覆盖、物业服务用房和评价结果。",
			Crumbs:      trail, ColumnName: "地区概况", ColumnType: "信息公开",
			Data: v,
		})
	}
}

// targetPct writes a target percentage without a needless decimal: 100%,
// 72.5%; "" for NaN (no target).
func targetPct(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + "%"
}

// regionSource states where a region page's figures come from and where
// the reported ones are. The ledger lists communities one by one and may
// hold far fewer than the reports count; it is called a partial list when
// it holds fewer communities than the region's newest report, and always
// for a county (no county reports its own total).
func (b *builder) regionSource(r *model.Region) (string, *RegionReported) {
	p := b.m.Progress
	if p == nil {
		p = &model.Progress{}
	}
	var latest *model.Report
	var rr *RegionReported
	switch city := r.City(); {
	case r.Level == "province":
		latest = p.Latest()
		rr = &RegionReported{Intro: "各市报送的全省数据", URL: progressPath, Link: "工作进展"}
	case r.Level == "city":
		if cs := p.Series(r.Code); cs != nil {
			latest = cs.Latest()
		}
		rr = &RegionReported{Intro: r.Name + "报送的全市数据", URL: progressCityURL(r.Code), Link: r.Name + "工作进展"}
	case city != nil:
		rr = &RegionReported{Intro: "各市按市报送进展数据，" + city.Name + "报送的全市数据", URL: progressCityURL(city.Code),
			Link: city.Name + "工作进展"}
	}
	n := r.Stats.Communities
	var source string
	switch {
	case r.Level == "province" && (latest == nil || n < latest.CommunitiesTotal):
		source = "非全省总数"
	case r.Level == "city" && (latest == nil || n < latest.CommunitiesTotal):
		source = "非全市总数"
	case r.Level == "county":
		source = "未必是本区县全部小区"
	}
	if latest != nil && rr != nil {
		rr.Date = latest.Date
		rr.Communities = countFig(model.IndCommunitiesReported, r.Code, latest.Date, latest.CommunitiesTotal)
		for _, g := range model.Goals(b.m.Config.Targets) {
			if g.ID == model.GoalCommittee {
				rr.Committee = goalFig(g, r.Code, latest.Date, g.Measure(latest))
			}
		}
	}
	return source, rr
}

// StreetItems writes the list items of a street's communities on a county
// page (the county pages together list every community of the province):
// name, latest grade by word and colour (and its release), management mode.
func (v *RegionView) StreetItems(st *model.Street) template.HTML {
	const root = "../../" // from /regions/<code>/
	return render.Fragment(func(w *render.Writer) {
		for _, c := range st.Communities {
			w.M("\n    <li><a href=\"" + root + "communities/")
			w.URLPart(c.ID)
			w.M(`/">`)
			w.Text(c.Name)
			w.M(`</a> `)
			if n := len(c.Evaluations); n > 0 {
				ev := c.Evaluations[n-1] // model order is oldest first
				w.M(`<span class="`)
				w.Text(render.GradeClass(ev.GradeName))
				w.M(`">`)
				w.Text(ev.GradeName)
				w.M(`</span> <span class="meta">`)
				w.Text(periodLabel(ev.Period))
				w.M(` · `)
			} else {
				w.M(`<span class="meta">未参评 · `)
			}
			w.Text(c.ManagementMode)
			w.M("</span></li>")
		}
	})
}

// evalFig is a region's average in the newest release (nil when it has no
// project there).
func evalFig(r *model.Region) *Fig {
	l := r.Stats.Latest
	if l == nil || l.Period == nil {
		return nil
	}
	f := scoreFig(model.IndEvalAverage, r.Code, l.Period.Published, l.Average)
	return &f
}
