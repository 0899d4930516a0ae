package model

// The notice's three dated goals, measured on the progress reports.
//
// Every fact here is derived from a report and the targets in site.yaml,
// relative to the REPORT date (never the build date or the clock), so a page
// built today and a page built next year say the same about a report.
//
// Semantics of a goal's targets (steps) on a report date d:
//
//   - A step is "due by" its date, and it is reached ON its date: a report
//     dated exactly on a deadline is judged against that deadline's target.
//   - The target in force on d is the first step due on or after d (so
//     before 2022-08-31 the committee target is 20% due by 08-31). After the
//     last deadline the last step stays in force, overdue.
//   - Status:
//     met      — the figure meets the goal's final target (whatever the date);
//     behind   — a step due on or before d is not met by the figure (a missed
//     deadline; the latest such step is Assessment.Missed);
//     on-track — no deadline reached so far was missed. The figure may still
//     be short of the target in force: Remaining and DaysLeft say by how much
//     and how long is left;
//     no-data  — the figure cannot be computed (nothing eligible, no
//     companies) or the goal has no target.
//   - A rate meets a target when 100·num ≥ target·den exactly (no rounding:
//     99.95% does not meet 100%). A count meets a target when count ≤ target.

import (
	"math"
	"sort"
	"time"

	"github.com/sxwuye/portal/generator/config"
)

// GoalID names a goal; it is also the goal's anchor on /progress/.
type GoalID string

// The three goals of the notice, in the order the portal shows them.
const (
	GoalCommittee GoalID = "committee"  // 物管会（业委会）组建率
	GoalNoService GoalID = "no-service" // 无物业服务小区清零
	GoalParty     GoalID = "party"      // 物业服务企业党的组织和工作覆盖率
)

// Status is a goal's standing on a report date; the value is also a CSS class.
type Status string

// Statuses; see the package comment above for their exact meaning.
const (
	StatusMet     Status = "met"
	StatusOnTrack Status = "on-track"
	StatusBehind  Status = "behind"
	StatusNoData  Status = "no-data"
)

// Text is the status in words.
func (s Status) Text() string {
	switch s {
	case StatusMet:
		return "已达标"
	case StatusOnTrack:
		return "进度正常"
	case StatusBehind:
		return "落后于目标"
	}
	return "无数据"
}

// Step is one dated target: reach Value by Due (a percentage for rates, a
// count for counts).
type Step struct {
	Due   time.Time
	Value float64
}

// Goal is one of the notice's goals with its dated targets.
type Goal struct {
	ID    GoalID
	Title string // 物管会（业委会）组建率
	// Rate goals are percentages that must rise to their targets; the others
	// are counts that must fall to them.
	Rate bool
	// Unit is "%" for rates; for counts the counting word ("个").
	Unit string
	// Num and Den say what a rate counts (已组建 / 应组建); for a count Num
	// names it and Den names the total it is part of.
	Num, Den string
	// NumUnit is the counting word of Num and Den (个, 家).
	NumUnit string
	Steps   []Step // by due date
	// Clause is the anchor of the notice's clause that sets the goal.
	Clause string
}

// Goals returns the three goals with their targets from site.yaml.
func Goals(t config.Targets) []Goal {
	rates := func(ts []config.RateTarget) []Step {
		out := make([]Step, 0, len(ts))
		for _, x := range ts {
			out = append(out, Step{Due: x.Due, Value: x.Rate})
		}
		return sortSteps(out)
	}
	counts := make([]Step, 0, len(t.NoService))
	for _, x := range t.NoService {
		counts = append(counts, Step{Due: x.Due, Value: float64(x.Count)})
	}
	return []Goal{
		{ID: GoalCommittee, Title: "物管会（业委会）组建率", Rate: true, Unit: "%",
			Num: "已组建", Den: "应组建", NumUnit: "个", Steps: rates(t.Committee), Clause: "s2-1"},
		{ID: GoalNoService, Title: "无物业服务小区清零", Unit: "个",
			Num: "无物业服务小区", Den: "住宅小区总数", NumUnit: "个", Steps: sortSteps(counts), Clause: "s2-3"},
		{ID: GoalParty, Title: "物业服务企业党的组织和工作覆盖率", Rate: true, Unit: "%",
			Num: "已覆盖", Den: "企业总数", NumUnit: "家", Steps: rates(t.Party), Clause: "s2-4"},
	}
}

func sortSteps(s []Step) []Step {
	sort.SliceStable(s, func(i, j int) bool { return s[i].Due.Before(s[j].Due) })
	return s
}

// Figure is a goal's measure in one report: for a rate, Num of Den in
// percent; for a count, Num itself (Den is the total it is part of).
type Figure struct {
	Num, Den int
	Value    float64 // percent (NaN when Den is 0) or the count
}

// Measure returns the goal's figure in a report (a city's or the province sum).
func (g Goal) Measure(r *Report) Figure {
	var f Figure
	switch g.ID {
	case GoalCommittee:
		f = Figure{Num: r.CommitteesFormed, Den: r.EligibleForCommittee}
	case GoalNoService:
		f = Figure{Num: r.ModeNone, Den: r.CommunitiesTotal}
	case GoalParty:
		f = Figure{Num: r.EnterprisesPartyCovered, Den: r.EnterprisesTotal}
	}
	if g.Rate {
		f.Value = Percent(f.Num, f.Den)
	} else {
		f.Value = float64(f.Num)
	}
	return f
}

// Meets reports whether the figure meets a target value, exactly.
func (g Goal) Meets(f Figure, target float64) bool {
	if g.Rate {
		return f.Den > 0 && float64(f.Num)*100 >= target*float64(f.Den)
	}
	return float64(f.Num) <= target
}

// Short returns how many more units the figure needs to meet target: for a
// rate the committees or companies still to add, for a count how many still
// to clear. 0 when met.
func (g Goal) Short(f Figure, target float64) int {
	if g.Meets(f, target) {
		return 0
	}
	if g.Rate {
		// The smallest n with 100·n ≥ target·den; exact for integral targets.
		need := int(math.Ceil(target*float64(f.Den)/100 - 1e-9))
		return max(need-f.Num, 0)
	}
	return f.Num - int(math.Floor(target))
}

// InForce returns the step in force on date d: the first due on or after d,
// or the last one when every deadline is before d. ok is false when the
// goal has no steps.
func (g Goal) InForce(d time.Time) (step Step, ok bool) {
	if len(g.Steps) == 0 {
		return Step{}, false
	}
	day := DateOnly(d)
	for _, s := range g.Steps {
		if !DateOnly(s.Due).Before(day) {
			return s, true
		}
	}
	return g.Steps[len(g.Steps)-1], true
}

// Final returns the goal's last step.
func (g Goal) Final() (Step, bool) {
	if len(g.Steps) == 0 {
		return Step{}, false
	}
	return g.Steps[len(g.Steps)-1], true
}

// Assessment is a goal's standing in one report on its date.
type Assessment struct {
	Goal   Goal
	Date   time.Time // the report date
	Figure Figure
	Status Status
	// InForce is the target in force on Date (zero when the goal has none).
	InForce Step
	// Overdue: InForce's deadline is before Date (every deadline has passed).
	Overdue bool
	// DaysLeft is InForce.Due − Date in calendar days: 0 on the deadline,
	// negative when overdue.
	DaysLeft int
	// MeetsInForce: the figure already meets the target in force.
	MeetsInForce bool
	// Missed is the latest step due on or before Date that the figure does
	// not meet (valid when HasMissed; then Status is behind).
	Missed    Step
	HasMissed bool
	// Remaining is what is still needed to meet InForce, RemainingFinal to
	// meet the final target (committees or companies to add, communities to
	// clear); 0 when met.
	Remaining, RemainingFinal int
}

// Assess judges a report against the goal on the report's date.
func (g Goal) Assess(r *Report) Assessment {
	return g.AssessFigure(r.Date, g.Measure(r))
}

// AssessFigure judges a figure against the goal on date d.
func (g Goal) AssessFigure(d time.Time, f Figure) Assessment {
	a := Assessment{Goal: g, Date: d, Figure: f, Status: StatusNoData}
	step, ok := g.InForce(d)
	if !ok || (g.Rate && f.Den == 0) {
		if ok {
			a.InForce = step
			a.DaysLeft = DaysBetween(d, step.Due)
			a.Overdue = a.DaysLeft < 0
		}
		return a
	}
	a.InForce = step
	a.DaysLeft = DaysBetween(d, step.Due)
	a.Overdue = a.DaysLeft < 0
	a.MeetsInForce = g.Meets(f, step.Value)
	a.Remaining = g.Short(f, step.Value)
	final, _ := g.Final()
	a.RemainingFinal = g.Short(f, final.Value)
	day := DateOnly(d)
	for _, s := range g.Steps {
		if DateOnly(s.Due).After(day) {
			break
		}
		if !g.Meets(f, s.Value) {
			a.Missed, a.HasMissed = s, true
		}
	}
	switch {
	case g.Meets(f, final.Value):
		a.Status = StatusMet
	case a.HasMissed:
		a.Status = StatusBehind
	default:
		a.Status = StatusOnTrack
	}
	return a
}

// DateOnly returns the calendar date of t at UTC midnight.
func DateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// DaysBetween returns the calendar days from one date to another (negative
// when to is before from); times of day are ignored.
func DaysBetween(from, to time.Time) int {
	return int(math.Round(DateOnly(to).Sub(DateOnly(from)).Hours() / 24))
}

// At returns the city reports on date d, by city code.
func (p *Progress) At(d time.Time) []*Report {
	var out []*Report
	for _, cs := range p.Cities {
		if r := cs.On(d); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// ProvinceOn returns the province sum on date d, or nil.
func (p *Progress) ProvinceOn(d time.Time) *Report {
	i := sort.Search(len(p.Province), func(i int) bool { return !p.Province[i].Date.Before(d) })
	if i < len(p.Province) && p.Province[i].Date.Equal(d) {
		return p.Province[i]
	}
	return nil
}

// Missing returns the cities (of the given list, in its order) that did not
// report on date d; the province sum of that date then covers fewer cities
// (Report.Cities).
func (p *Progress) Missing(d time.Time, cities []*Region) []*Region {
	var out []*Region
	for _, c := range cities {
		cs := p.Series(c.Code)
		if cs == nil || cs.On(d) == nil {
			out = append(out, c)
		}
	}
	return out
}

// On returns the city's report on date d, or nil.
func (cs *CitySeries) On(d time.Time) *Report {
	i := sort.Search(len(cs.Reports), func(i int) bool { return !cs.Reports[i].Date.Before(d) })
	if i < len(cs.Reports) && cs.Reports[i].Date.Equal(d) {
		return cs.Reports[i]
	}
	return nil
}

// Latest returns the city's newest report, or nil.
func (cs *CitySeries) Latest() *Report {
	if len(cs.Reports) == 0 {
		return nil
	}
	return cs.Reports[len(cs.Reports)-1]
}

// Ranked is a report's place among others for a goal.
type Ranked struct {
	Report *Report
	Figure Figure
	Rank   int // 1 = best; ties share a rank (1, 2, 2, 4); 0 when the figure is missing
}

// Rank orders reports for a goal, best first: rates high to low, counts low
// to high; figures that cannot be computed last; ties share a rank and are
// ordered by region code.
func (g Goal) Rank(reports []*Report) []Ranked {
	out := make([]Ranked, 0, len(reports))
	for _, r := range reports {
		out = append(out, Ranked{Report: r, Figure: g.Measure(r)})
	}
	better := func(a, b Figure) int { // -1: a ranks before b
		an, bn := math.IsNaN(a.Value), math.IsNaN(b.Value)
		switch {
		case an && bn:
			return 0
		case an:
			return 1
		case bn:
			return -1
		}
		var x, y int64 // compare exactly: a.Num/a.Den vs b.Num/b.Den
		if g.Rate {
			x, y = int64(a.Num)*int64(b.Den), int64(b.Num)*int64(a.Den)
			x, y = -x, -y // higher rates first
		} else {
			x, y = int64(a.Num), int64(b.Num)
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := better(out[i].Figure, out[j].Figure); c != 0 {
			return c < 0
		}
		return out[i].Report.RegionCode < out[j].Report.RegionCode
	})
	for i := range out {
		switch {
		case math.IsNaN(out[i].Figure.Value):
			out[i].Rank = 0
		case i > 0 && better(out[i-1].Figure, out[i].Figure) == 0:
			out[i].Rank = out[i-1].Rank
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}

// Mix is a management-mode mix: counts in dataset.ManagementModes order.
type Mix struct {
	Counts [5]int
	Total  int
}

// Share returns mode i's share of the total in percent (NaN when empty).
func (x Mix) Share(i int) float64 { return Percent(x.Counts[i], x.Total) }

// Sum is the sum of the five counts (equal to Total in valid data).
func (x Mix) Sum() int {
	n := 0
	for _, c := range x.Counts {
		n += c
	}
	return n
}

// Mix returns the report's management-mode mix.
func (r *Report) Mix() Mix { return Mix{Counts: r.Modes(), Total: r.CommunitiesTotal} }

// BaselineMix is the notice's starting point from site.yaml.
func BaselineMix(b config.Baseline) Mix {
	return Mix{Counts: [5]int{b.Enterprise, b.Community, b.Owner, b.Unit, b.None}, Total: b.Total}
}

// LedgerCoverage is the share of a city's reported communities (percent)
// the community ledger must hold before every figure is set beside the
// report: below it the ledger is a partial list and most figures would
// differ for that reason alone.
const LedgerCoverage = 90.0

// LedgerCheck sets a city's community ledger beside its report.
//
// Two rules apply. The ledger lists real communities and companies one by
// one, so each of its counts is a LOWER BOUND of the true figure: when the
// ledger alone holds more than the report states (more 无物业 communities,
// more formed committees…), the report is short whatever the coverage, and
// the row is in Excess. Only when the ledger covers the city (Covers) is a
// ledger count below the report also worth flagging (Differences).
type LedgerCheck struct {
	Report *Report
	Ledger RegionStats
	// Coverage is ledger communities / reported communities_total in percent
	// (NaN when the report counts none).
	Coverage float64
	// Covers: Coverage ≥ LedgerCoverage, so every row is worth comparing.
	Covers bool
	Rows   []LedgerRow
	// Differences counts the rows whose figures differ.
	Differences int
	// Excess are the rows, in Rows order, where the ledger alone counts more
	// than the report: flagged whatever the coverage.
	Excess []LedgerRow
}

// LedgerRow is one figure in the report and in the ledger.
type LedgerRow struct {
	Label string // the figure's name in a table: 无物业
	// Noun and Unit name what is counted in a sentence: "无物业小区", "个".
	Noun, Unit       string
	Reported, Ledger int
	// Goal is the goal the figure feeds ("" for the other management modes).
	Goal GoalID
	// Field is the report's column (progress.csv key) the figure is in.
	Field string
}

// Diff is ledger − reported.
func (r LedgerRow) Diff() int { return r.Ledger - r.Reported }

// Exceeds: the ledger alone counts more than the report, which is then
// short by at least Diff.
func (r LedgerRow) Exceeds() bool { return r.Ledger > r.Reported }

// CheckLedger compares a report with the ledger figures of the same region.
// Committees are compared among eligible communities (the rate's
// numerator); companies are those registered in the region and not withdrawn.
func CheckLedger(r *Report, s RegionStats) LedgerCheck {
	c := LedgerCheck{Report: r, Ledger: s, Coverage: Percent(s.Communities, r.CommunitiesTotal)}
	c.Covers = !math.IsNaN(c.Coverage) && float64(s.Communities)*100 >= LedgerCoverage*float64(r.CommunitiesTotal)
	modes := r.Modes()
	c.Rows = []LedgerRow{
		{Label: "小区总数", Noun: "小区", Unit: "个", Reported: r.CommunitiesTotal, Ledger: s.Communities, Goal: GoalNoService, Field: "communities_total"},
		{Label: "物业服务企业服务", Noun: "物业服务企业服务的小区", Unit: "个", Reported: modes[0], Ledger: s.Modes[0], Field: "mode_enterprise"},
		{Label: "社区托管", Noun: "社区托管小区", Unit: "个", Reported: modes[1], Ledger: s.Modes[1], Field: "mode_community"},
		{Label: "业主自管", Noun: "业主自管小区", Unit: "个", Reported: modes[2], Ledger: s.Modes[2], Field: "mode_owner"},
		{Label: "单位管理", Noun: "单位管理小区", Unit: "个", Reported: modes[3], Ledger: s.Modes[3], Field: "mode_unit"},
		{Label: "无物业", Noun: "无物业小区", Unit: "个", Reported: modes[4], Ledger: s.Modes[4], Goal: GoalNoService, Field: "mode_none"},
		{Label: "入住率达50%小区数", Noun: "入住率达 50% 的小区", Unit: "个", Reported: r.EligibleForCommittee, Ledger: s.Eligible, Goal: GoalCommittee, Field: "eligible_for_committee"},
		{Label: "已组建物管会（业委会）数", Noun: "已组建物管会（业委会）的小区", Unit: "个", Reported: r.CommitteesFormed, Ledger: s.EligibleFormed, Goal: GoalCommittee, Field: "committees_formed"},
		{Label: "物业服务企业数", Noun: "物业服务企业", Unit: "家", Reported: r.EnterprisesTotal, Ledger: s.Enterprises, Goal: GoalParty, Field: "enterprises_total"},
		{Label: "党的组织和工作覆盖企业数", Noun: "党的组织和工作覆盖的企业", Unit: "家", Reported: r.EnterprisesPartyCovered, Ledger: s.EnterprisesCovered, Goal: GoalParty, Field: "enterprises_party_covered"},
	}
	for _, row := range c.Rows {
		if row.Diff() != 0 {
			c.Differences++
		}
		if row.Exceeds() {
			c.Excess = append(c.Excess, row)
		}
	}
	return c
}

// ExcessFor returns the Excess rows that feed goal g, in Rows order.
func (c LedgerCheck) ExcessFor(g GoalID) []LedgerRow {
	var out []LedgerRow
	for _, row := range c.Excess {
		if row.Goal == g {
			out = append(out, row)
		}
	}
	return out
}
