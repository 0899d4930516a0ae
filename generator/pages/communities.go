package pages

import (
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// PartyRatioRule is the notice's rule for committees: party members, in
// principle, at least half of the members (原则上不少于 50%).
const PartyRatioRule = 50.0

// CommunityView is /communities/<id>/.
type CommunityView struct {
	C       *model.Community
	Regions []*model.Region // city, county (links)
	// ModeText says who manages the community when no company does, in plain words.
	ModeText string
	// PartyRuleMet: the party ratio is known and at least PartyRatioRule.
	PartyRuleMet bool
	PartyRule    float64
	// FloorArea, RoomRequired and RoomArea are the areas in m², written
	// with thousands separators and at most one decimal ("" when unknown).
	FloorArea, RoomRequired, RoomArea string
	// Maxima are the highest scores, shown beside each result.
	Maxima  config.Maxima
	counts  *evalCounts
	version time.Time // the data version date, for the 公示 status
}

// CommunityEval is one result of a community, flattened and formatted for
// the template: 23,494 community pages make field lookups through embedded
// structs and formatting calls in the template the bulk of the build.
type CommunityEval struct {
	PeriodID, PeriodTitle                  string
	PeriodLabel                            string // "2022年度"
	Basic, Facilities, Satisfaction, Total string // one decimal
	Grade, GradeClass                      string
	// Ranks and the number of projects they are out of.
	RankProvince, RankCity, RankCounty int
	OfProvince, OfCity, OfCounty       int
	// Trend is 上升, 下降, 持平 or "" (no result in the previous release);
	// Change is the size of the change of the total, one decimal, no sign.
	Trend, Change                      string
	EnterpriseID, EnterpriseName       string // the company evaluated ("" when unknown)
	ProvinceText, CityText, CountyText string // "12 / 1,234"; CityText "—" without a city
	// Raw sub-scores, for the bars of the result card.
	BasicValue, FacilitiesValue, SatisfactionValue float64
	PrevLabel                                      string // the previous release ("2022年度"; "" when none)
	// Notice is the release's 公示 status as of the data version; Receiver,
	// Phone and Address the objection route while it is open.
	Notice                   Notice
	Receiver, Phone, Address string
}

// Evals returns the community's results, newest first. They are computed
// when the page renders (in parallel, and garbage right after) rather than
// held in the plan for every community of the province.
func (v *CommunityView) Evals() []*CommunityEval {
	n := len(v.C.Evaluations)
	evals := make([]*CommunityEval, n)
	for i, ev := range v.C.Evaluations {
		ce := &CommunityEval{
			PeriodID: ev.Period.ID, PeriodTitle: ev.Period.Title, PeriodLabel: periodLabel(ev.Period),
			Basic: render.Score(ev.BasicService), Facilities: render.Score(ev.Facilities),
			Satisfaction: render.Score(ev.Satisfaction), Total: render.Score(ev.Score),
			Grade: ev.GradeName, GradeClass: render.GradeClass(ev.GradeName),
			RankProvince: ev.RankProvince, RankCity: ev.RankCity, RankCounty: ev.RankCounty,
			OfProvince: len(ev.Period.Evaluations), OfCounty: v.counts.county[ev.Period][v.C.RegionCode],
			BasicValue: ev.BasicService, FacilitiesValue: ev.Facilities, SatisfactionValue: ev.Satisfaction,
			Notice:   noticeOf(ev.Period, v.version),
			Receiver: ev.Period.Objection.Receiver, Phone: ev.Period.Objection.Phone, Address: ev.Period.Objection.Address,
		}
		if prev := ev.Period.Previous; prev != nil {
			ce.PrevLabel = periodLabel(prev)
		}
		if v.C.City != nil {
			ce.OfCity = v.counts.city[ev.Period][v.C.City.Code]
		}
		ce.ProvinceText = render.Int(ce.RankProvince) + " / " + render.Int(ce.OfProvince)
		ce.CountyText = render.Int(ce.RankCounty) + " / " + render.Int(ce.OfCounty)
		ce.CityText = "—"
		if ce.OfCity > 0 {
			ce.CityText = render.Int(ce.RankCity) + " / " + render.Int(ce.OfCity)
		}
		if e := ev.Enterprise; e != nil {
			ce.EnterpriseID, ce.EnterpriseName = e.ID, e.Name
		}
		for _, prev := range v.C.Evaluations {
			if ev.Period.Previous == nil || prev.Period != ev.Period.Previous {
				continue
			}
			delta := math.Round((ev.Score-prev.Score)*100) / 100
			ce.Change = render.Score(math.Abs(delta))
			switch {
			case delta > 0:
				ce.Trend = "上升"
			case delta < 0:
				ce.Trend = "下降"
			default:
				ce.Trend = "持平"
			}
		}
		evals[n-1-i] = ce // model order is oldest first
	}
	return evals

}

// Skipped names the releases published after the community's latest
// result, in which it was not evaluated ("2023年度"; "" when none).
func (v *CommunityView) Skipped() string {
	n := len(v.C.Evaluations)
	if n == 0 {
		return ""
	}
	return periodLabels(laterPeriods(v.counts.periods, v.C.Evaluations[n-1].Period))
}

// EvalRows writes the rows of the history table (see RowsHTML for why in Go):
// period, total and grade, the three sub-scores against their maxima, ranks
// of province, city and county, change from the previous release, the
// company evaluated. Each cell carries its column's name in data-l, which a
// phone shows before the value when the rows are laid out as blocks.
func (v *CommunityView) EvalRows(evals []*CommunityEval) template.HTML {
	return render.Fragment(func(w *render.Writer) { writeCommunityEvalRows(w, evals, v.Maxima) })
}

func writeCommunityEvalRows(w *render.Writer, evals []*CommunityEval, max config.Maxima) {
	const root = "../../" // from /communities/<id>/
	of := func(score string, m float64) string { return score + " / " + render.Num(m) }
	for _, e := range evals {
		w.M(`<tr><th scope="row"><a href="` + root + "evaluations/")
		w.URLPart(url.PathEscape(e.PeriodID))
		w.M(`/">`)
		w.Text(e.PeriodLabel)
		w.M("</a></th>")
		labelledCell(w, "总分", of(e.Total, max.Total()))
		w.M(`<td class="t" data-l="等级"><span class="`)
		w.Text(e.GradeClass)
		w.M(`">`)
		w.Text(e.Grade)
		w.M("</span></td>")
		labelledCell(w, "基础管理服务", of(e.Basic, max.BasicService))
		labelledCell(w, "共有设施设备管理", of(e.Facilities, max.Facilities))
		labelledCell(w, "群众满意度", of(e.Satisfaction, max.Satisfaction))
		labelledCell(w, "全省排名", e.ProvinceText)
		labelledCell(w, "全市排名", e.CityText)
		labelledCell(w, "区县排名", e.CountyText)
		w.M(`<td class="t" data-l="较上期">`)
		switch e.Trend {
		case "":
			w.M("—")
		case "持平":
			w.Text(e.Trend)
		default:
			w.Text(e.Trend)
			w.M(" ")
			w.Text(e.Change)
		}
		w.M(`</td><td class="t w" data-l="评价时的企业">`)
		if e.EnterpriseID != "" {
			w.M(`<a href="` + root + "enterprises/")
			w.URLPart(url.PathEscape(e.EnterpriseID))
			w.M(`/">`)
			w.Text(e.EnterpriseName)
			w.M("</a>")
		} else {
			w.M("—")
		}
		w.M("</td></tr>\n")
	}
}

// labelledCell writes a table cell holding text, its column's name in data-l.
func labelledCell(w *render.Writer, label, text string) {
	w.M(`<td data-l="`)
	w.Text(label)
	w.M(`">`)
	w.Text(text)
	w.M("</td>")
}

// textCell writes a table cell holding text.
func textCell(w *render.Writer, text string) {
	w.M("<td>")
	w.Text(text)
	w.M("</td>")
}

// roomAreas writes a community's floor area, required and actual service
// room areas. One decimal is enough, except that a room short of the rule
// must not read as large as required (1,545.9 of 1,545.9): then both get
// as many decimals as it takes to tell them apart.
func roomAreas(c *model.Community) (floor, required, actual string) {
	if c.FloorArea.Valid {
		floor = areaText(c.FloorArea.V, 1)
	}
	if !c.ServiceRoomArea.Valid || !c.FloorArea.Valid {
		if c.ServiceRoomArea.Valid {
			actual = areaText(c.ServiceRoomArea.V, 1)
		}
		return floor, "", actual
	}
	for dec := 1; ; dec++ {
		required, actual = areaText(c.ServiceRoomRequired, dec), areaText(c.ServiceRoomArea.V, dec)
		if c.ServiceRoom != model.ServiceRoomShort || required != actual || dec >= 6 {
			return floor, required, actual
		}
	}
}

// areaText writes an area with thousands separators and at most dec
// decimals, without trailing zeros: 77,294 / 1,545.9; NaN is "—".
func areaText(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	p := math.Pow(10, float64(dec))
	s := strconv.FormatFloat(math.Round(v*p)/p, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil { // beyond int: leave the digits as they are
		return s
	}
	out := render.Int(n)
	if frac != "" {
		out += "." + frac
	}
	return out
}

// modeTexts explain, in plain words, who manages a community in each mode.
var modeTexts = map[string]string{
	"物业服务企业": "由物业服务企业（物业公司）按合同提供服务。",
	"社区托管":   "没有物业公司，由所在社区（居委会）组织托底管理，提供保洁、秩序维护等基本服务。",
	"业主自管":   "没有物业公司，由业主自己组织起来管理小区。",
	"单位管理":   "由房屋产权单位或原单位负责管理小区。",
	"无物业":    "目前没有任何物业管理。全省要求无物业小区通过物业公司承接、业主自管、社区托管或单位管理等方式清零。",
}

// evalCounts are the number of projects per period in each city and county,
// counted once for all community pages.
type evalCounts struct {
	city, county map[*model.Period]map[string]int
	periods      []*model.Period // every release, newest first
}

func (b *builder) countEvaluations() evalCounts {
	ec := evalCounts{city: map[*model.Period]map[string]int{}, county: map[*model.Period]map[string]int{}, periods: b.m.Periods}
	for _, p := range b.m.Periods {
		cities, counties := map[string]int{}, map[string]int{}
		for _, pc := range p.Cities {
			cities[pc.City.Code] = len(pc.Evaluations)
		}
		for _, ev := range p.Evaluations {
			counties[ev.Community.RegionCode]++
		}
		ec.city[p], ec.county[p] = cities, counties
	}
	return ec
}

func (b *builder) communities() {
	counts := b.countEvaluations()
	// Breadcrumbs and region paths are shared by every community of a county.
	trails := map[*model.Region][]render.Crumb{}
	paths := map[*model.Region][]*model.Region{}
	for _, c := range b.m.Communities {
		if _, ok := trails[c.County]; !ok {
			trails[c.County], paths[c.County] = regionCrumbs(c.County), regionPath(c.County)
		}
		b.add(b.communityPage(c, &counts, trails[c.County], paths[c.County]))
	}
}

func (b *builder) communityPage(c *model.Community, counts *evalCounts, countyTrail []render.Crumb, regions []*model.Region) *render.Page {
	return &render.Page{
		Path: communityURL(c.ID), Template: "community", Title: c.Name,
		ColumnName: "小区信息", ColumnType: "信息公开",
		Prepare: func(p *render.Page) { b.prepareCommunity(p, c, counts, countyTrail, regions) },
	}
}

// prepareCommunity fills in what only the rendering of a community page needs.
func (b *builder) prepareCommunity(p *render.Page, c *model.Community, counts *evalCounts, countyTrail []render.Crumb, regions []*model.Region) {
	v := &CommunityView{C: c, Regions: regions, counts: counts, ModeText: modeTexts[c.ManagementMode], PartyRule: PartyRatioRule,
		Maxima: b.m.Config.Evaluation.Maxima, version: b.m.Version.Date}
	v.PartyRuleMet = !math.IsNaN(c.PartyRatio) && c.PartyRatio+1e-9 >= PartyRatioRule
	v.FloorArea, v.RoomRequired, v.RoomArea = roomAreas(c)
	trail := make([]render.Crumb, 0, len(countyTrail)+1)
	trail = append(append(trail, countyTrail...), render.Crumb{Title: c.Name})
	place := ""
	if c.County != nil {
		place = c.County.FullName
	}
	ld := &placeLD{Context: "https://schema.org", Type: "Residence", Name: c.Name, URL: b.m.Config.AbsURL(p.Path)}
	if c.County != nil {
		ld.Address = postalAddress(c.County, c.Street)
	}
	p.Description = place + c.Street + c.Name + "：管理方式、物业服务企业、业主组织、物业服务用房和历次评价结果。"
	// A community page is an article of the 小区信息 column, dated by the data version.
	source := b.contentSource()
	keywords := []string{c.Name}
	if c.County != nil {
		keywords = append(keywords, c.County.FullName)
	}
	if c.Enterprise != nil {
		keywords = append(keywords, c.Enterprise.Name)
	}
	p.Article = &render.Article{Title: c.Name, PubDate: b.m.Version.Date, Source: source, Author: source, Keywords: keywords}
	p.Crumbs, p.JSONLD, p.Data = trail, []any{ld}, v
}
