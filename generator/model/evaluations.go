package model

import (
	"math"
	"sort"

	"github.com/sxwuye/portal/generator/dataset"
)

func (m *Model) assembleEvaluations(rows []dataset.Evaluation) {
	cfg := m.Config
	for i := range cfg.Evaluation.Periods {
		p := &Period{Period: cfg.Evaluation.Periods[i]}
		m.Periods = append(m.Periods, p)
		m.PeriodByID[p.ID] = p
	}
	// Newest publication first; the id breaks ties so the order is total.
	sort.Slice(m.Periods, func(i, j int) bool {
		a, b := m.Periods[i], m.Periods[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.After(b.Published)
		}
		return a.ID > b.ID
	})
	for i := 0; i+1 < len(m.Periods); i++ {
		m.Periods[i].Previous = m.Periods[i+1]
	}

	for _, row := range rows {
		p, c := m.PeriodByID[row.Period], m.CommunityByID[row.CommunityID]
		if p == nil || c == nil {
			continue // reported by validation
		}
		ev := &Evaluation{Evaluation: row, Period: p, Community: c, Enterprise: m.EnterpriseByID[row.EnterpriseID]}
		ev.Score = math.Round((row.BasicService+row.Facilities+row.Satisfaction)*100) / 100
		ev.GradeName = cfg.GradeOf(ev.Score)
		p.Evaluations = append(p.Evaluations, ev)
	}

	for _, p := range m.Periods {
		rankPeriod(p)
		for _, ev := range p.Evaluations {
			ev.Community.Evaluations = append(ev.Community.Evaluations, ev)
			if ev.Enterprise != nil {
				ev.Enterprise.Evaluations = append(ev.Enterprise.Evaluations, ev)
			}
		}
		p.Summary = m.summarise(p, p.Evaluations)
		byCity := map[*Region]*PeriodCity{}
		for _, ev := range p.Evaluations {
			city := ev.Community.City
			if city == nil {
				continue
			}
			pc := byCity[city]
			if pc == nil {
				pc = &PeriodCity{City: city}
				byCity[city] = pc
				p.Cities = append(p.Cities, pc)
			}
			pc.Evaluations = append(pc.Evaluations, ev)
		}
		sort.Slice(p.Cities, func(i, j int) bool { return p.Cities[i].City.Code < p.Cities[j].City.Code })
		for _, pc := range p.Cities {
			sortByRank(pc.Evaluations, func(e *Evaluation) int { return e.RankCity })
			pc.Summary = m.summarise(p, pc.Evaluations)
		}
	}
	// Histories read oldest first.
	oldestFirst := func(evs []*Evaluation) {
		sort.Slice(evs, func(i, j int) bool {
			a, b := evs[i], evs[j]
			if !a.Period.Published.Equal(b.Period.Published) {
				return a.Period.Published.Before(b.Period.Published)
			}
			if a.Period.ID != b.Period.ID {
				return a.Period.ID < b.Period.ID
			}
			return a.CommunityID < b.CommunityID
		})
	}
	for _, c := range m.Communities {
		oldestFirst(c.Evaluations)
	}
	for _, e := range m.Enterprises {
		oldestFirst(e.Evaluations)
	}
	m.rankCompanies()
}

// rankPeriod sets province, city and county ranks; ties share a rank.
func rankPeriod(p *Period) {
	evs := p.Evaluations
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].Score != evs[j].Score {
			return evs[i].Score > evs[j].Score
		}
		return evs[i].CommunityID < evs[j].CommunityID
	})
	assignRanks(evs, func(*Evaluation) string { return "" }, func(e *Evaluation, r int) { e.RankProvince = r })
	assignRanks(evs, func(e *Evaluation) string {
		if e.Community.City == nil {
			return ""
		}
		return e.Community.City.Code
	}, func(e *Evaluation, r int) { e.RankCity = r })
	assignRanks(evs, func(e *Evaluation) string { return e.Community.RegionCode }, func(e *Evaluation, r int) { e.RankCounty = r })
}

// assignRanks walks evaluations sorted by score descending and gives each
// group (by key) standard competition ranks: equal scores share the rank of
// the first of them, and the next score skips (1, 2, 2, 4).
func assignRanks(sorted []*Evaluation, key func(*Evaluation) string, set func(*Evaluation, int)) {
	type state struct {
		seen      int
		lastScore float64
		lastRank  int
	}
	groups := map[string]*state{}
	for _, e := range sorted {
		k := key(e)
		s := groups[k]
		if s == nil {
			s = &state{}
			groups[k] = s
		}
		s.seen++
		if s.seen == 1 || e.Score != s.lastScore {
			s.lastRank = s.seen
			s.lastScore = e.Score
		}
		set(e, s.lastRank)
	}
}

func sortByRank(evs []*Evaluation, rank func(*Evaluation) int) {
	sort.SliceStable(evs, func(i, j int) bool {
		ri, rj := rank(evs[i]), rank(evs[j])
		if ri != rj {
			return ri < rj
		}
		return evs[i].CommunityID < evs[j].CommunityID
	})
}

func (m *Model) summarise(p *Period, evs []*Evaluation) EvalSummary {
	s := EvalSummary{Period: p, Projects: len(evs)}
	for _, g := range m.Config.Evaluation.Grades {
		s.Grades = append(s.Grades, GradeCount{Grade: g.Name})
	}
	sum := 0.0
	for _, ev := range evs {
		sum += ev.Score
		for i := range s.Grades {
			if s.Grades[i].Grade == ev.GradeName {
				s.Grades[i].Count++
				break
			}
		}
	}
	if len(evs) > 0 {
		s.Average = math.Round(sum/float64(len(evs))*100) / 100
	}
	return s
}

// rankCompanies ranks companies by the mean score of their projects within
// each period, province-wide and within their city of registration.
func (m *Model) rankCompanies() {
	for _, p := range m.Periods {
		var ranks []*CompanyRank
		owner := map[*CompanyRank]*Enterprise{}
		for _, e := range m.Enterprises {
			var evs []*Evaluation
			for _, ev := range e.Evaluations {
				if ev.Period == p {
					evs = append(evs, ev)
				}
			}
			if len(evs) == 0 {
				continue
			}
			cr := &CompanyRank{Period: p, Projects: len(evs), Best: math.Inf(-1), Low: math.Inf(1)}
			sum := 0.0
			for _, ev := range evs {
				sum += ev.Score
				cr.Best = math.Max(cr.Best, ev.Score)
				cr.Low = math.Min(cr.Low, ev.Score)
			}
			cr.Average = math.Round(sum/float64(len(evs))*100) / 100
			ranks = append(ranks, cr)
			owner[cr] = e
			e.ByPeriod = append(e.ByPeriod, cr)
		}
		sort.Slice(ranks, func(i, j int) bool {
			if ranks[i].Average != ranks[j].Average {
				return ranks[i].Average > ranks[j].Average
			}
			return owner[ranks[i]].ID < owner[ranks[j]].ID
		})
		cityOf := func(cr *CompanyRank) string {
			if r := owner[cr].Region; r != nil && r.City() != nil {
				return r.City().Code
			}
			return ""
		}
		type st struct {
			n, rank int
			last    float64
		}
		prov := &st{}
		cities := map[string]*st{}
		cityCount := map[string]int{}
		for _, cr := range ranks {
			cityCount[cityOf(cr)]++
		}
		for _, cr := range ranks {
			prov.n++
			if prov.n == 1 || cr.Average != prov.last {
				prov.rank, prov.last = prov.n, cr.Average
			}
			cr.RankProvince, cr.OfProvince = prov.rank, len(ranks)
			k := cityOf(cr)
			cs := cities[k]
			if cs == nil {
				cs = &st{}
				cities[k] = cs
			}
			cs.n++
			if cs.n == 1 || cr.Average != cs.last {
				cs.rank, cs.last = cs.n, cr.Average
			}
			cr.RankCity, cr.OfCity = cs.rank, cityCount[k]
		}
	}
	// Company histories read oldest first.
	for _, e := range m.Enterprises {
		for i, j := 0, len(e.ByPeriod)-1; i < j; i, j = i+1, j-1 {
			e.ByPeriod[i], e.ByPeriod[j] = e.ByPeriod[j], e.ByPeriod[i]
		}
	}
}

// LargeRelease is the number of projects above which a page of a release
// stops holding the project table, so no page gets heavy: the release page
// then shows the province and per-city summaries and leaves the tables to
// the city pages, and a city page shows the city and per-county summaries
// and leaves them to the county pages. Each of those pages offers the
// downloads of its own part.
//
// Every row is laid out at page load (about 400 bytes and 14 elements; no
// row may be skipped, screen readers read them all), so the row count sets
// the main-thread time a phone spends before the page responds. At 600 a
// province-scale city page of 589 rows blocked a throttled phone for about
// 200–400 ms (Lighthouse mobile TBT); at 300 the largest pages are single
// counties (420 rows in the province sample), and a resident of a city with
// more than 300 projects picks the county from the city page's table, whose
// page lists every project of the county with its city and province ranks.
const LargeRelease = 300

// ByCounty reports whether a city's part of a release is listed per county.
func (pc *PeriodCity) ByCounty() bool { return len(pc.Evaluations) > LargeRelease }

// PeriodCounty is one county's part of a release.
type PeriodCounty struct {
	County      *Region
	Evaluations []*Evaluation // by county rank, then community id
}

// Counties splits a city's part of a release by county, counties by code.
func (pc *PeriodCity) Counties() []*PeriodCounty {
	var out []*PeriodCounty
	by := map[*Region]*PeriodCounty{}
	for _, ev := range pc.Evaluations {
		c := ev.Community.County
		if c == nil {
			continue // a project outside any county has no county page
		}
		if by[c] == nil {
			by[c] = &PeriodCounty{County: c}
			out = append(out, by[c])
		}
		by[c].Evaluations = append(by[c].Evaluations, ev)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].County.Code < out[j].County.Code })
	for _, pk := range out {
		sortByRank(pk.Evaluations, func(e *Evaluation) int { return e.RankCounty })
	}
	return out
}
