package model

import (
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
)

// evalConfig is a config with two releases and the given grades.
func evalConfig(grades ...config.Grade) *config.Config {
	if len(grades) == 0 {
		grades = []config.Grade{{Name: "优秀", Min: 90}, {Name: "良好", Min: 80}, {Name: "合格", Min: 60}, {Name: "不合格", Min: 0}}
	}
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	return &config.Config{Evaluation: config.Evaluation{
		Maxima: config.Maxima{BasicService: 40, Facilities: 30, Satisfaction: 30},
		Grades: grades,
		Periods: []config.Period{
			{ID: "2022", Title: "2022年度", Published: d("2022-10-25"), Start: d("2022-10-25"), End: d("2022-10-31")},
			{ID: "2023", Title: "2023年度", Published: d("2023-10-20"), Start: d("2023-10-20"), End: d("2023-10-26")},
		},
	}}
}

// evalSet has two cities; city 140100 has two counties. Scores are chosen
// so that ties occur at every level.
func evalSet(scores map[string][3]float64) *dataset.Set {
	set := &dataset.Set{
		Regions: []dataset.Region{
			{Code: "140000", Name: "山西省", Level: "province"},
			{Code: "140100", Name: "太原市", Level: "city", ParentCode: "140000"},
			{Code: "140105", Name: "小店区", Level: "county", ParentCode: "140100"},
			{Code: "140106", Name: "迎泽区", Level: "county", ParentCode: "140100"},
			{Code: "140300", Name: "阳泉市", Level: "city", ParentCode: "140000"},
			{Code: "140302", Name: "城区", Level: "county", ParentCode: "140300"},
			{Code: "140500", Name: "晋城市", Level: "city", ParentCode: "140000"},
			{Code: "140502", Name: "城区", Level: "county", ParentCode: "140500"},
		},
		Enterprises: []dataset.Enterprise{
			{ID: "E1", Name: "甲", RegionCode: "140105", PartyOrg: "单独组建"},
			{ID: "E2", Name: "乙", RegionCode: "140106", PartyOrg: "未覆盖"},
			{ID: "E3", Name: "丙", RegionCode: "140302", PartyOrg: "联合组建"},
			{ID: "E4", Name: "丁", RegionCode: "140302", PartyOrg: "未覆盖"}, // no evaluations
		},
	}
	where := map[string][2]string{ // community → county, company
		"C1": {"140105", "E1"}, "C2": {"140105", "E1"}, "C3": {"140106", "E2"},
		"C4": {"140106", "E2"}, "C5": {"140302", "E3"}, "C6": {"140302", "E3"},
	}
	for _, id := range []string{"C1", "C2", "C3", "C4", "C5", "C6"} {
		w := where[id]
		set.Communities = append(set.Communities, dataset.Community{ID: id, Name: "小区" + id, RegionCode: w[0],
			ManagementMode: "物业服务企业", EnterpriseID: w[1], Committee: "未组建", OccupancyRate: 80})
		if s, ok := scores[id]; ok {
			set.Evaluations = append(set.Evaluations, dataset.Evaluation{Period: "2023", CommunityID: id, EnterpriseID: w[1],
				BasicService: s[0], Facilities: s[1], Satisfaction: s[2]})
		}
	}
	return set
}

func TestRankingsWithTies(t *testing.T) {
	// Totals: C1 90, C2 85, C3 90, C4 70, C5 85, C6 60.
	m := Assemble(evalConfig(), evalSet(map[string][3]float64{
		"C1": {36, 27, 27}, "C2": {35, 25, 25}, "C3": {30, 30, 30},
		"C4": {30, 20, 20}, "C5": {35, 20, 30}, "C6": {20, 20, 20},
	}), nil, Version{})
	p := m.PeriodByID["2023"]
	type ranks struct{ prov, city, county int }
	want := map[string]ranks{
		"C1": {1, 1, 1}, "C3": {1, 1, 1}, // tie at the top of the province and of the city
		"C2": {3, 3, 2}, "C5": {3, 1, 1}, // 85 twice: both third in the province
		"C4": {5, 4, 2},
		"C6": {6, 2, 2},
	}
	if len(p.Evaluations) != len(want) {
		t.Fatalf("period has %d evaluations, want %d", len(p.Evaluations), len(want))
	}
	for _, ev := range p.Evaluations {
		got := ranks{ev.RankProvince, ev.RankCity, ev.RankCounty}
		if got != want[ev.CommunityID] {
			t.Errorf("%s (score %v): ranks province/city/county = %v, want %v", ev.CommunityID, ev.Score, got, want[ev.CommunityID])
		}
	}
	// The release lists by rank, ties by community id; the city parts likewise.
	var order []string
	for _, ev := range p.Evaluations {
		order = append(order, ev.CommunityID)
	}
	if got, want := join(order), "C1 C3 C2 C5 C4 C6"; got != want {
		t.Errorf("release order = %s, want %s", got, want)
	}
	if len(p.Cities) != 2 || p.Cities[0].City.Code != "140100" || p.Cities[1].City.Code != "140300" {
		t.Fatalf("cities of the release: %v", p.Cities)
	}
	order = order[:0]
	for _, ev := range p.Cities[0].Evaluations {
		order = append(order, ev.CommunityID)
	}
	if got, want := join(order), "C1 C3 C2 C4"; got != want {
		t.Errorf("太原市 order = %s, want %s", got, want)
	}
	if s := p.Cities[0].Summary; s.Projects != 4 || s.Average != 83.75 {
		t.Errorf("太原市 summary = %d projects, average %v; want 4, 83.75", s.Projects, s.Average)
	}

	// Companies: E1 (90, 85) → 87.5; E2 (90, 70) → 80; E3 (85, 60) → 72.5.
	wantCo := map[string][4]int{"E1": {1, 3, 1, 2}, "E2": {2, 3, 2, 2}, "E3": {3, 3, 1, 1}}
	for id, w := range wantCo {
		e := m.EnterpriseByID[id]
		if len(e.ByPeriod) != 1 {
			t.Fatalf("%s: %d periods, want 1", id, len(e.ByPeriod))
		}
		cr := e.ByPeriod[0]
		if got := [4]int{cr.RankProvince, cr.OfProvince, cr.RankCity, cr.OfCity}; got != w {
			t.Errorf("%s: rank province/of, city/of = %v, want %v", id, got, w)
		}
	}
	if e := m.EnterpriseByID["E4"]; len(e.ByPeriod) != 0 || len(e.Evaluations) != 0 {
		t.Errorf("a company without evaluations has history %v", e.ByPeriod)
	}
}

func TestCompanyTiesShareRank(t *testing.T) {
	// E1 averages (90+80)/2 = 85, E2 averages (85+85)/2 = 85: one rank for both.
	m := Assemble(evalConfig(), evalSet(map[string][3]float64{
		"C1": {30, 30, 30}, "C2": {30, 25, 25}, "C3": {35, 25, 25}, "C4": {35, 25, 25},
	}), nil, Version{})
	for _, id := range []string{"E1", "E2"} {
		cr := m.EnterpriseByID[id].ByPeriod[0]
		if cr.RankProvince != 1 || cr.Average != 85 || cr.Best < cr.Low {
			t.Errorf("%s: rank %d average %v best %v low %v; want rank 1, average 85", id, cr.RankProvince, cr.Average, cr.Best, cr.Low)
		}
	}
}

func TestGradeThresholdsFromConfig(t *testing.T) {
	cfg := evalConfig(config.Grade{Name: "A", Min: 95}, config.Grade{Name: "B", Min: 85.5}, config.Grade{Name: "C", Min: 0})
	m := Assemble(cfg, evalSet(map[string][3]float64{
		"C1": {40, 30, 25},    // 95: exactly on the line
		"C2": {40, 30, 24.99}, // 94.99
		"C3": {35.5, 25, 25},  // 85.5
		"C4": {35.49, 25, 25}, // 85.49
		"C5": {0, 0, 0},       // 0
		"C6": {40, 30, 30},    // 100
	}), nil, Version{})
	want := map[string]string{"C1": "A", "C2": "B", "C3": "B", "C4": "C", "C5": "C", "C6": "A"}
	for _, ev := range m.PeriodByID["2023"].Evaluations {
		if ev.GradeName != want[ev.CommunityID] {
			t.Errorf("%s total %v: grade %q, want %q", ev.CommunityID, ev.Score, ev.GradeName, want[ev.CommunityID])
		}
	}
	s := m.PeriodByID["2023"].Summary
	got := ""
	for _, g := range s.Grades {
		got += g.Grade + "=" + string(rune('0'+g.Count)) + " "
	}
	if got != "A=2 B=2 C=2 " {
		t.Errorf("grade distribution %q, want in config order A=2 B=2 C=2", got)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
