package sample

import (
	"math"
	"sort"
)

// The notice's baseline (全省住宅小区 23,494 个), by management mode in the
// order of dataset.ManagementModes: 物业服务企业, 社区托管, 业主自管, 单位管理, 无物业.
var noticeModes = [5]int{10802, 2752, 3176, 2538, 4226}

const (
	modeEnterprise = iota
	modeCommunity
	modeOwner
	modeUnit
	modeNone
)

// noticeTotal is 23,494.
func noticeTotal() int {
	t := 0
	for _, n := range noticeModes {
		t += n
	}
	return t
}

// allocate splits total into integer parts proportional to w (largest
// remainder, ties to the lower index), so the parts always add up exactly.
func allocate(total int, w []float64) []int {
	out := make([]int, len(w))
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	if sum <= 0 || total <= 0 {
		return out
	}
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, len(w))
	given := 0
	for i, x := range w {
		exact := float64(total) * x / sum
		out[i] = int(math.Floor(exact))
		given += out[i]
		rems[i] = rem{i, exact - float64(out[i])}
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].f > rems[b].f })
	for k := 0; given < total; k++ {
		out[rems[k%len(rems)].i]++
		given++
	}
	return out
}

// plan is where communities and companies go, and each community's mode:
// the skeleton both the ledger and the progress reports are built from.
type plan struct {
	counts []int   // communities per county (geography.counties order)
	modes  [][]int // per county, the mode of each of its communities
	firms  []int   // companies per county
}

// provinceCounts spreads n communities over the cities by urban population,
// then over each city's counties by their kind (districts hold most).
func provinceCounts(g *geography, n int) []int {
	cw := make([]float64, len(g.cities))
	for i, c := range g.cities {
		cw[i] = c.urbanPop
	}
	perCity := allocate(n, cw)
	counts := make([]int, 0, len(g.counties))
	for i, c := range g.cities {
		kw := make([]float64, len(c.counties))
		for j, k := range c.counties {
			kw[j] = k.weight
		}
		counts = append(counts, allocate(perCity[i], kw)...)
	}
	return counts
}

// sampleCounts puts both pilot districts in depth and a few communities in every other county.
func sampleCounts(g *geography, r *rng) []int {
	counts := make([]int, len(g.counties))
	for i, k := range g.counties {
		switch k.code {
		case "140403":
			counts[i] = 128
		case "140502":
			counts[i] = 112
		default:
			counts[i] = r.between(1, 3)
		}
	}
	return counts
}

// makePlan assigns exactly quota[m] communities to each mode m. Communities
// are ranked by how urban their county is plus a wide random spread, and the
// modes are dealt out down the ranking (company service in towns, no service
// mostly in rural counties), so the totals are exact and the mix varies by place.
func makePlan(g *geography, r *rng, counts []int, quota [5]int, companies int) plan {
	type slot struct {
		county, idx int
		score       float64
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	slots := make([]slot, 0, total)
	p := plan{counts: counts, modes: make([][]int, len(counts)), firms: make([]int, len(counts))}
	for ci, n := range counts {
		k := g.counties[ci]
		p.modes[ci] = make([]int, n)
		for j := 0; j < n; j++ {
			slots = append(slots, slot{ci, j, 0.8*k.urban + r.uniform(0, 2.4)})
		}
	}
	sort.Slice(slots, func(a, b int) bool {
		if slots[a].score != slots[b].score {
			return slots[a].score > slots[b].score
		}
		if slots[a].county != slots[b].county {
			return slots[a].county < slots[b].county
		}
		return slots[a].idx < slots[b].idx
	})
	order := []int{modeEnterprise, modeUnit, modeCommunity, modeOwner, modeNone}
	k := 0
	for _, m := range order {
		for i := 0; i < quota[m] && k < len(slots); i++ {
			s := slots[k]
			p.modes[s.county][s.idx] = m
			k++
		}
	}
	// Companies go where company-served communities are.
	served := make([]float64, len(counts))
	for ci, ms := range p.modes {
		for _, m := range ms {
			if m == modeEnterprise {
				served[ci]++
			}
		}
	}
	p.firms = allocate(companies, served)
	return p
}

// scaledQuota is the notice's mode mix for n communities (exact for n = 23,494 × k).
func scaledQuota(n int) [5]int {
	w := make([]float64, 5)
	for i, x := range noticeModes {
		w[i] = float64(x)
	}
	a := allocate(n, w)
	return [5]int{a[0], a[1], a[2], a[3], a[4]}
}

// cityBase is a city's figures at the first report.
type cityBase struct {
	city      *city
	modes     [5]int
	companies int
}

// cityBases sums a plan per city.
func cityBases(g *geography, p plan) []cityBase {
	idx := map[string]int{}
	out := make([]cityBase, len(g.cities))
	for i, c := range g.cities {
		idx[c.code] = i
		out[i].city = c
	}
	for ci, k := range g.counties {
		b := &out[idx[k.city.code]]
		for _, m := range p.modes[ci] {
			b.modes[m]++
		}
		b.companies += p.firms[ci]
	}
	return out
}
