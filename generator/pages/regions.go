package pages

import (
	"html/template"
	"math"

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
	// ServiceRoomRate is 达标 among communities that reported, in percent.
	ServiceRoomRate float64
	Children        []*model.Region
	ChildModeChart  template.HTML // mode mix per child (percent)
	// Latest evaluation release within the region (nil when none), its grade
	// rows and the page listing the region's projects.
	Latest       *model.EvalSummary
	LatestGrades []GradeRow
	LatestURL    string
	// ModeNames are the management modes in dataset order (child table headers).
	ModeNames []string
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
		committeeTarget, committeeText = last.Rate, render.Pct(last.Rate)+"（"+render.Date(last.Due)+" 前）"
	}
	if t := cfg.Targets.Party; len(t) > 0 {
		last := t[len(t)-1]
		partyTarget, partyText = last.Rate, render.Pct(last.Rate)+"（"+render.Date(last.Due)+" 前）"
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
		v.CommitteeChart = chart.Progress{ID: "committee", Title: r.FullName + "：业主组织组建率",
			Label: "组建率（应组建的小区中）", Value: s.CommitteeRate(), Target: committeeTarget, Unit: "%"}.SVG()
		v.PartyChart = chart.Progress{ID: "party", Title: r.FullName + "：物业服务企业党建覆盖率",
			Label: "党建覆盖率", Value: s.PartyRate(), Target: partyTarget, Unit: "%"}.SVG()
		v.ServiceRoomRate = model.Percent(s.ServiceRoomOK, s.ServiceRoomOK+s.ServiceRoomShort)
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
