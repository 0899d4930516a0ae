package sample

import (
	"math"
	"strconv"
	"time"
)

// reportDates are n report dates: the 3rd and 18th of each month from 2022-07-03.
func reportDates(n int) []time.Time {
	out := make([]time.Time, 0, n)
	for m := 0; len(out) < n; m++ {
		first := day(2022, time.July+time.Month(m), 1)
		for _, d := range []int{3, 18} {
			if len(out) < n {
				out = append(out, first.AddDate(0, 0, d-1))
			}
		}
	}
	return out
}

// anchor is a point of a piecewise-linear curve.
type anchor struct {
	on time.Time
	v  float64
}

// at interpolates a curve at a date (flat before the first and after the last point).
func at(curve []anchor, t time.Time) float64 {
	if !t.After(curve[0].on) {
		return curve[0].v
	}
	for i := 1; i < len(curve); i++ {
		if !t.After(curve[i].on) {
			a, b := curve[i-1], curve[i]
			f := t.Sub(a.on).Hours() / b.on.Sub(a.on).Hours()
			return a.v + f*(b.v-a.v)
		}
	}
	return curve[len(curve)-1].v
}

// share is floor(n × rate%), exactly n at 100%.
func share(n int, rate float64) int {
	if rate >= 100 {
		return n
	}
	return int(math.Floor(float64(n) * rate / 100))
}

// progressRows writes each city's reports. The first report is the city's
// share of the notice's baseline; later ones move toward the notice's targets:
// no-service communities cleared by mid-September (two cities late),
// committees past 20% by the end of August, 70% by the end of September and
// nearly all by mid-December (one city behind), and party work covering every
// company by the end of November (one city a little late).
func progressRows(bases []cityBase, dates []time.Time, seed int64) [][]string {
	r := newRNG(seed, "progress")
	order := make([]int, len(bases))
	for i := range order {
		order[i] = i
	}
	r.shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	lagNone := map[int]int{order[0]: 7, order[1]: 8} // report index where mode_none reaches 0
	lagCommittee, lagParty := order[2], order[3]

	type series struct{ rows [][]string }
	perCity := make([]series, len(bases))
	for ci, b := range bases {
		total := 0
		for _, n := range b.modes {
			total += n
		}
		clear := 5 // 2022-09-18
		if r.chance(0.3) {
			clear = 4 // 2022-09-03
		}
		if v, ok := lagNone[ci]; ok {
			clear = v
		}
		eligible0 := int(float64(total) * r.uniform(0.78, 0.88))
		committee := []anchor{
			{day(2022, 7, 3), r.uniform(6, 12)}, {day(2022, 8, 31), r.uniform(21.5, 26)},
			{day(2022, 9, 30), r.uniform(71, 76)}, {day(2022, 10, 31), r.uniform(84, 89)},
			{day(2022, 11, 30), r.uniform(92, 96)}, {day(2022, 12, 18), r.uniform(98, 99.6)},
			{day(2022, 12, 31), 100},
		}
		if ci == lagCommittee {
			committee = []anchor{
				{day(2022, 7, 3), r.uniform(4, 6)}, {day(2022, 8, 31), r.uniform(16, 19)},
				{day(2022, 9, 30), r.uniform(58, 65)}, {day(2022, 10, 31), 75}, {day(2022, 11, 30), 86},
				{day(2022, 12, 18), 92.5}, {day(2022, 12, 31), 96}, {day(2023, 3, 31), 100},
			}
		}
		party := []anchor{
			{day(2022, 7, 3), r.uniform(35, 55)}, {day(2022, 8, 31), r.uniform(70, 80)},
			{day(2022, 9, 30), r.uniform(85, 90)}, {day(2022, 11, 30), 100},
		}
		if ci == lagParty {
			party = []anchor{
				{day(2022, 7, 3), r.uniform(30, 40)}, {day(2022, 8, 31), r.uniform(62, 70)},
				{day(2022, 9, 30), r.uniform(78, 84)}, {day(2022, 11, 30), r.uniform(94, 97)},
				{day(2022, 12, 18), 99.2}, {day(2023, 1, 3), 100},
			}
		}
		room0 := float64(total) * r.uniform(0.15, 0.25)
		room := []anchor{{day(2022, 7, 3), room0}, {day(2022, 12, 31), room0 * 0.12}, {day(2023, 6, 30), room0 * 0.04}}
		none0 := b.modes[modeNone]
		com0 := b.modes[modeCommunity]
		for t, d := range dates {
			m := b.modes
			none := 0
			if t < clear {
				none = int(float64(none0) * math.Pow(float64(clear-t)/float64(clear), 1.2))
			}
			moved := none0 - none
			toEnt, toCom, toOwn := moved*45/100, moved*30/100, moved*15/100
			m[modeNone] = none
			m[modeEnterprise] += toEnt
			m[modeCommunity] += toCom
			m[modeOwner] += toOwn
			m[modeUnit] += moved - toEnt - toCom - toOwn
			// After the campaign, hosted communities move on to companies.
			if months := d.Sub(day(2022, 12, 18)).Hours() / 24 / 30.4; months > 0 {
				shift := int(float64(com0) * 0.02 * months)
				m[modeCommunity] -= shift
				m[modeEnterprise] += shift
			}
			eligible := eligible0 + int(float64(eligible0)*0.004*float64(t))
			if eligible > total {
				eligible = total
			}
			companies := b.companies + int(float64(b.companies)*0.003*float64(t))
			row := []string{
				fmtDate(d), b.city.code, strconv.Itoa(total),
				strconv.Itoa(m[0]), strconv.Itoa(m[1]), strconv.Itoa(m[2]), strconv.Itoa(m[3]), strconv.Itoa(m[4]),
				strconv.Itoa(eligible), strconv.Itoa(share(eligible, at(committee, d))),
				strconv.Itoa(companies), strconv.Itoa(share(companies, at(party, d))),
				strconv.Itoa(int(at(room, d))),
			}
			perCity[ci].rows = append(perCity[ci].rows, row)
		}
	}
	// By date, then by city code (bases are in code order).
	var out [][]string
	for t := range dates {
		for ci := range bases {
			out = append(out, perCity[ci].rows[t])
		}
	}
	return out
}
