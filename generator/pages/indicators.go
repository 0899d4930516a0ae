package pages

import (
	"strconv"
	"time"

	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// indicatorsPath is the 口径 page: every published indicator's name, 口径,
// source and date. Every figure links its entry.
const indicatorsPath = "/indicators/"

// indicatorURL is an indicator's entry on the 口径 page.
func indicatorURL(ind model.Indicator) string { return indicatorsPath + "#" + ind.ID }

// Fig is one published figure: an indicator's value at a place on a date.
// Templates write it through partials/figure.html, which marks it with the
// indicator, place and date, so the same figure can be found, and compared,
// on every page that shows it.
type Fig struct {
	Ind   model.Indicator
	Place string    // region code
	AsOf  time.Time // report date, data version or release publication
	Value string    // machine value: "98.2", "0"
	Text  string    // as shown: "98.2%", "0 个"
}

// URL is the figure's 口径 entry.
func (f Fig) URL() string { return indicatorURL(f.Ind) }

// rateFig is a rate figure; text is as the page writes it (rateText keeps a
// rate below a target from showing as reaching it).
func rateFig(ind model.Indicator, place string, asOf time.Time, text string) Fig {
	v := text
	if len(v) > 0 && v[len(v)-1] == '%' {
		v = v[:len(v)-1]
	}
	return Fig{Ind: ind, Place: place, AsOf: asOf, Value: v, Text: text}
}

// countFig is a count figure: "1,234 个".
func countFig(ind model.Indicator, place string, asOf time.Time, n int) Fig {
	return Fig{Ind: ind, Place: place, AsOf: asOf, Value: strconv.Itoa(n), Text: render.Int(n) + " " + ind.Unit}
}

// pctFig is a ledger rate with one decimal (no targets to respect).
func pctFig(ind model.Indicator, place string, asOf time.Time, v float64) Fig {
	return rateFig(ind, place, asOf, render.Pct(v))
}

// scoreFig is an average score.
func scoreFig(ind model.Indicator, place string, asOf time.Time, v float64) Fig {
	t := render.Score(v)
	return Fig{Ind: ind, Place: place, AsOf: asOf, Value: t, Text: t}
}

// goalFig is a goal's reported figure at a place on a report date.
func goalFig(g model.Goal, place string, d time.Time, f model.Figure) Fig {
	ind := model.GoalIndicator(g.ID)
	if g.Rate {
		return rateFig(ind, place, d, rateText(g, f))
	}
	return countFig(ind, place, d, f.Num)
}

// IndicatorsView is the 口径 page.
type IndicatorsView struct {
	Rows []IndicatorRow
}

// IndicatorRow is one indicator with its province figure where there is one.
type IndicatorRow struct {
	model.Indicator
	SourceText string // where its figures come from, as of when
	Province   *Fig   // the province figure now (nil when none)
}

func (b *builder) indicatorsPage() {
	m := b.m
	var province string
	if m.Province != nil {
		province = m.Province.Code
	}
	var latest *model.Report
	if m.Progress != nil {
		latest = m.Progress.Latest()
	}
	var period *model.Period
	if len(m.Periods) > 0 {
		period = m.Periods[0]
	}
	goals := model.Goals(m.Config.Targets)
	v := &IndicatorsView{}
	for _, ind := range model.Indicators() {
		row := IndicatorRow{Indicator: ind}
		var f *Fig
		switch ind.Source {
		case model.SourceReports:
			row.SourceText = "各市每月 3 日、18 日前报送的工作进展（data/progress.csv）；全省数字是同一报送日各市数字之和，页面上写明截至哪一天"
			if latest != nil {
				for _, g := range goals {
					if model.GoalIndicator(g.ID).ID == ind.ID {
						x := goalFig(g, province, latest.Date, g.Measure(latest))
						f = &x
					}
				}
				if ind.ID == model.IndCommunitiesReported.ID {
					x := countFig(ind, province, latest.Date, latest.CommunitiesTotal)
					f = &x
				}
			}
		case model.SourceLedger:
			row.SourceText = "与物业服务企业名录一起逐个登记小区和企业（data/communities.csv、data/enterprises.csv），以数据版本日期为准；台账仍在补录，页面上写明收录了多少个小区"
			if m.Province != nil {
				f = ledgerFigs(m.Province, m.Version.Date)[ind.ID]
			}
		case model.SourceRelease:
			row.SourceText = "每期评价的项目得分（data/evaluations.csv），以公示发布日期为准"
			if period != nil && ind.ID == model.IndEvalAverage.ID {
				x := scoreFig(ind, province, period.Published, period.Summary.Average)
				f = &x
			}
		}
		row.Province = f
		v.Rows = append(v.Rows, row)
	}
	b.add(&render.Page{
		Path: indicatorsPath, Template: "indicators", Title: "指标口径说明",
		Description: "本站公布的各项指标的名称、口径（统计什么、除以什么）、数据来源和日期，引用数字前请先核对口径。",
		Crumbs:      crumbs("指标口径说明", ""), ColumnName: "指标口径说明", ColumnType: "信息公开", Data: v,
	})
}

// ledgerFigs are a region's ledger figures by indicator id, as of the data
// version.
func ledgerFigs(r *model.Region, version time.Time) map[string]*Fig {
	s := r.Stats
	figs := []Fig{
		countFig(model.IndLedgerCommunities, r.Code, version, s.Communities),
		pctFig(model.IndLedgerCommitteeRate, r.Code, version, s.CommitteeRate()),
		countFig(model.IndLedgerCommittees, r.Code, version, s.FormedAll()),
		pctFig(model.IndLedgerPartyRate, r.Code, version, s.PartyRate()),
		pctFig(model.IndServiceRoomRate, r.Code, version, model.Percent(s.ServiceRoomOK, s.ServiceRoomOK+s.ServiceRoomShort)),
	}
	out := make(map[string]*Fig, len(figs))
	for i := range figs {
		if figs[i].Text == "—" {
			figs[i].Value = ""
		}
		out[figs[i].Ind.ID] = &figs[i]
	}
	return out
}
