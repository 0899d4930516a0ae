package sample

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/creditcode"
)

// enterprise is a generated company.
type enterprise struct {
	id, name, credit, region string
	home                     *county // where it serves
	partyOrg, partyDate      string
	withdrawn                bool
	phone, person, mobile    string
	quality                  float64 // drives its evaluation scores
	size                     float64 // how many communities it tends to win
}

// community is a generated ledger row; -1 marks an absent optional number.
type community struct {
	id, name                string
	county                  *county
	street, neighborhood    string
	households, occupancy10 int
	mode                    int
	ent, prev               *enterprise // current company; the one evaluated in earlier periods
	committee, committeeOn  string
	members, party          int
	chair, smart            int // -1 absent, 0 否, 1 是
	floor, room, built      int
}

// evaluation is a generated evaluation row, scores in tenths of a point.
type evaluation struct {
	period             string
	com                *community
	ent                *enterprise
	basic, facil, sat  int
	withTotal, withGrd bool
	evaluator, on      string
}

// ledger is every generated row.
type ledger struct {
	firms       []*enterprise
	communities []*community
	evaluations []evaluation
}

var modeNames = [5]string{"物业服务企业", "社区托管", "业主自管", "单位管理", "无物业"}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func fmtDate(t time.Time) string { return t.Format("2006-01-02") }

// dateBetween returns a day in [a, b].
func dateBetween(r *rng, a, b time.Time) time.Time {
	days := int(b.Sub(a).Hours() / 24)
	return a.AddDate(0, 0, r.intn(days+1))
}

// ledgerParams tune the share of withdrawn companies and mismatched evaluations.
type ledgerParams struct {
	withdrawn int     // exact number of 清退 companies
	mismatch  float64 // share of company-served communities evaluated with another company earlier
	// earlierFirms: some communities were evaluated with the company that
	// served them before (each such row is a validator warning). Off for the
	// shipped sample, which must build without warnings; the random draws
	// are made either way, so the scores do not depend on it.
	earlierFirms bool
	formedShare  float64 // committees formed among eligible communities outside the pilots
	serial0      int     // first credit-code serial
}

// buildLedger generates companies, communities and evaluations following a plan.
func buildLedger(g *geography, p plan, seed int64, cfg *config.Config, lp ledgerParams) (*ledger, error) {
	L := &ledger{}
	if err := buildFirms(g, p, seed, lp, L); err != nil {
		return nil, err
	}
	buildCommunities(g, p, seed, lp, L)
	buildEvaluations(seed, cfg, lp, L)
	return L, nil
}

func buildFirms(g *geography, p plan, seed int64, lp ledgerParams, L *ledger) error {
	r := newRNG(seed, "firms")
	namer := newFirmNamer(newRNG(seed, "firm-names"))
	for ci, n := range p.firms {
		k := g.counties[ci]
		for j := 0; j < n; j++ {
			e := &enterprise{home: k}
			e.id = fmt.Sprintf("E%05d", len(L.firms)+1)
			name, err := namer.name(k.city)
			if err != nil {
				return err
			}
			e.name = name
			e.region = k.code
			if r.chance(0.12) {
				e.region = k.city.code // registered at city level, serving this county
			}
			serial := len(L.firms) + 1
			// 9 = registered by market regulation, 1 = enterprise; region; a 0000 serial
			// that no real organisation code uses; then the GB 32100-2015 check character.
			e.credit = creditcode.Complete(fmt.Sprintf("91%s0000%05d", e.region, serial%100000))
			if e.credit == "" {
				return fmt.Errorf("信用代码生成失败：%s", e.id)
			}
			e.quality = r.uniform(0.62, 0.97)
			e.size = math.Exp(r.normal() * 0.7)
			if r.chance(0.9) {
				e.phone = phone(r, k.city)
			}
			e.person = person(r)
			if r.chance(0.95) {
				e.mobile = mobile(r)
			}
			L.firms = append(L.firms, e)
		}
	}
	// Withdrawn companies: chosen at random, poor quality, usually without party work.
	idx := make([]int, len(L.firms))
	for i := range idx {
		idx[i] = i
	}
	r.shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	for i := 0; i < lp.withdrawn && i < len(idx); i++ {
		e := L.firms[idx[i]]
		e.withdrawn = true
		e.quality = r.uniform(0.38, 0.56)
	}
	forms := []string{"单独组建", "联合组建", "党建指导员", "未覆盖"}
	for _, e := range L.firms {
		w := []float64{30, 28, 28, 14}
		if e.withdrawn {
			w = []float64{0, 0, 40, 60}
		}
		e.partyOrg = forms[r.weighted(w)]
		if e.partyOrg != "未覆盖" {
			if r.chance(0.25) {
				e.partyDate = fmtDate(dateBetween(r, day(2018, 3, 1), day(2022, 6, 30)))
			} else {
				e.partyDate = fmtDate(dateBetween(r, day(2022, 7, 1), day(2022, 11, 30)))
			}
		}
	}
	return nil
}

// firmPool picks active companies near a community, weighted by size.
type firmPool struct {
	byCounty, byCity map[string][]*enterprise
	all              []*enterprise
	next             map[string]int // county code → how many of its companies have had a first community
}

func newFirmPool(firms []*enterprise) *firmPool {
	fp := &firmPool{byCounty: map[string][]*enterprise{}, byCity: map[string][]*enterprise{}, next: map[string]int{}}
	for _, e := range firms {
		if e.withdrawn {
			continue
		}
		fp.byCounty[e.home.code] = append(fp.byCounty[e.home.code], e)
		fp.byCity[e.home.city.code] = append(fp.byCity[e.home.city.code], e)
		fp.all = append(fp.all, e)
	}
	return fp
}

func (fp *firmPool) candidates(k *county) []*enterprise {
	if c := fp.byCounty[k.code]; len(c) > 0 {
		return c
	}
	if c := fp.byCity[k.city.code]; len(c) > 0 {
		return c
	}
	return fp.all
}

// assign gives each company of the county a first community, then picks by size.
func (fp *firmPool) assign(r *rng, k *county) *enterprise {
	if cs := fp.byCounty[k.code]; fp.next[k.code] < len(cs) {
		fp.next[k.code]++
		return cs[fp.next[k.code]-1]
	}
	return pickFirm(r, fp.candidates(k))
}

func pickFirm(r *rng, c []*enterprise) *enterprise {
	sum := 0.0
	for _, e := range c {
		sum += e.size
	}
	t := r.float() * sum
	for _, e := range c {
		if t < e.size {
			return e
		}
		t -= e.size
	}
	return c[len(c)-1]
}

func buildCommunities(g *geography, p plan, seed int64, lp ledgerParams, L *ledger) {
	r := newRNG(seed, "communities")
	names := newHomeNamer(newRNG(seed, "community-names"))
	pool := newFirmPool(L.firms)
	hoods := map[string][]string{}
	for ci, k := range g.counties {
		sw := make([]float64, len(k.streets))
		for i, s := range k.streets {
			sw[i] = s.weight
		}
		for _, m := range p.modes[ci] {
			c := &community{county: k, mode: m, members: -1, party: -1, chair: -1, smart: -1, floor: -1, room: -1, built: -1}
			c.id = fmt.Sprintf("C%06d", len(L.communities)+1)
			c.name = names.name(k.code, m == modeUnit)
			c.street = k.streets[r.weighted(sw)].name
			key := k.code + "/" + c.street
			if hoods[key] == nil {
				n := r.between(2, 5)
				for i := 0; i < n; i++ {
					hoods[key] = append(hoods[key], neighborhood(r))
				}
			}
			if r.chance(0.92) {
				c.neighborhood = pick(r, hoods[key])
			}
			fillCommunity(r, c, k, lp)
			if m == modeEnterprise {
				c.ent = pool.assign(r, k)
			}
			L.communities = append(L.communities, c)
		}
	}
}

// fillCommunity draws the size, committee, premises and platform fields.
func fillCommunity(r *rng, c *community, k *county, lp ledgerParams) {
	lo, hi := 60.0, 1200.0
	switch c.mode {
	case modeEnterprise:
		lo, hi = 120, 2600
	case modeUnit:
		lo, hi = 24, 420
	case modeNone, modeOwner:
		lo, hi = 30, 640
	}
	c.households = int(math.Exp(r.uniform(math.Log(lo), math.Log(hi))))
	if r.chance(0.14) {
		c.occupancy10 = r.between(150, 499)
	} else {
		c.occupancy10 = r.between(500, 1000)
	}
	formed := lp.formedShare
	if k.pilot {
		formed = 0.9
	}
	if c.occupancy10 < 500 {
		formed = 0.06
	}
	c.committee = "未组建"
	if r.chance(formed) {
		c.committee = "物管会"
		if c.mode == modeEnterprise && r.chance(0.55) || c.mode != modeEnterprise && r.chance(0.2) {
			c.committee = "业委会"
		}
		if r.chance(0.22) {
			c.committeeOn = fmtDate(dateBetween(r, day(2015, 1, 1), day(2022, 6, 30)))
		} else {
			c.committeeOn = fmtDate(dateBetween(r, day(2022, 7, 15), day(2023, 6, 30)))
		}
		c.members = pick(r, []int{3, 5, 5, 7, 7, 7, 9, 9, 11})
		half := (c.members + 1) / 2
		if r.chance(0.78) {
			c.party = r.between(half, c.members)
		} else {
			c.party = r.between(0, half-1)
		}
		if r.chance(0.96) {
			c.chair = 0
			if c.party > 0 && r.chance(0.86) {
				c.chair = 1
			}
		}
	}
	if r.chance(0.96) {
		c.floor = int(math.Round(float64(c.households) * r.uniform(65, 135)))
		need := math.Max(0.02*float64(c.floor), 50)
		switch r.weighted([]float64{62, 22, 16}) {
		case 0: // 达标
			c.room = int(math.Ceil(need * r.uniform(1, 1.8)))
		case 1: // 不达标
			if !r.chance(0.15) {
				c.room = int(math.Floor(need * r.uniform(0.1, 0.95)))
			} else {
				c.room = 0
			}
		}
	}
	if r.chance(0.95) {
		switch c.mode {
		case modeEnterprise:
			c.built = r.between(1995, 2021)
		case modeUnit:
			c.built = r.between(1962, 1999)
		case modeNone:
			c.built = r.between(1968, 2006)
		default:
			c.built = r.between(1975, 2012)
		}
	}
	w := []float64{5, 50, 45} // 是, 否, absent
	switch {
	case k.pilot:
		w = []float64{88, 8, 4}
	case k.urban >= 1:
		w = []float64{20, 50, 30}
	}
	switch r.weighted(w) {
	case 0:
		c.smart = 1
	case 1:
		c.smart = 0
	}
}

// buildEvaluations scores every company-served community in every period.
// At province scale a few communities had another company before the last
// period (often one since withdrawn), which the validator reports as a
// warning; the shipped sample has none (ledgerParams.earlierFirms).
func buildEvaluations(seed int64, cfg *config.Config, lp ledgerParams, L *ledger) {
	r := newRNG(seed, "evaluations")
	var served []*community
	byCity := map[string][]*community{}
	for _, c := range L.communities {
		if c.mode == modeEnterprise {
			served = append(served, c)
			byCity[c.county.city.code] = append(byCity[c.county.city.code], c)
		}
	}
	// Withdrawn companies served a few communities of their city until replaced.
	earlier := map[*community]*enterprise{}
	for _, e := range L.firms {
		if !e.withdrawn {
			continue
		}
		cs := byCity[e.home.city.code]
		for n := r.between(1, 3); n > 0 && len(cs) > 0; n-- {
			c := pick(r, cs)
			if earlier[c] == nil {
				earlier[c] = e
			}
		}
	}
	pool := newFirmPool(L.firms)
	for _, c := range served {
		if earlier[c] == nil && r.chance(lp.mismatch) {
			if e := pickFirm(r, pool.candidates(c.county)); e != c.ent {
				earlier[c] = e
			}
		}
	}
	if lp.earlierFirms {
		for _, c := range served {
			c.prev = earlier[c]
		}
	}
	m := cfg.Evaluation.Maxima
	maxT := [3]int{tenths(m.BasicService), tenths(m.Facilities), tenths(m.Satisfaction)}
	periods := cfg.Evaluation.Periods
	for pi, per := range periods {
		for _, c := range served {
			e := c.ent
			if c.prev != nil && pi < len(periods)-1 {
				e = c.prev
			}
			q := e.quality + 0.015*float64(pi)
			ev := evaluation{period: per.ID, com: c, ent: e}
			ev.basic = score(r, q, maxT[0])
			ev.facil = score(r, q, maxT[1])
			ev.sat = score(r, q-0.02, maxT[2])
			// A total exactly on a grade line is left to the validator's own
			// tests: a sum of three decimals may land a hair below it in floating point.
			if onThreshold(cfg, ev.basic+ev.facil+ev.sat) {
				if ev.sat > 0 {
					ev.sat--
				} else {
					ev.sat++
				}
			}
			switch x := r.float(); {
			case x < 0.04: // neither total nor grade: the site computes both
			case x < 0.06:
				ev.withTotal = true
			default:
				ev.withTotal, ev.withGrd = true, true
			}
			ev.evaluator = Prefix + c.county.fullName() + "物业服务评价工作组"
			pub := per.Published
			if pub.IsZero() {
				pub = day(2022, 10, 25)
			}
			ev.on = fmtDate(pub.AddDate(0, 0, -r.between(25, 80)))
			L.evaluations = append(L.evaluations, ev)
		}
	}
}

func tenths(x float64) int { return int(math.Round(x * 10)) }

func score(r *rng, q float64, top int) int {
	x := q + 0.05*r.normal()
	x = math.Max(0.15, math.Min(1, x))
	return int(math.Round(x * float64(top)))
}

// gradeOf is the grade of a total (in tenths) under the configured thresholds.
func gradeOf(cfg *config.Config, total10 int) string {
	gs := append([]config.Grade(nil), cfg.Evaluation.Grades...)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Min > gs[j].Min })
	for _, g := range gs {
		if float64(total10)/10 >= g.Min-1e-9 {
			return g.Name
		}
	}
	if len(gs) > 0 {
		return gs[len(gs)-1].Name
	}
	return ""
}

func onThreshold(cfg *config.Config, total10 int) bool {
	for _, g := range cfg.Evaluation.Grades {
		if tenths(g.Min) == total10 && g.Min > 0 {
			return true
		}
	}
	return false
}
