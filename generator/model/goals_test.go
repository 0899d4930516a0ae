package model

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// noticeTargets are the targets of the notice, as site.yaml states them.
func noticeTargets() config.Targets {
	return config.Targets{
		Committee: []config.RateTarget{{Due: day("2022-08-31"), Rate: 20}, {Due: day("2022-09-30"), Rate: 70}, {Due: day("2022-12-31"), Rate: 100}},
		NoService: []config.CountTarget{{Due: day("2022-09-30"), Count: 0}},
		Party:     []config.RateTarget{{Due: day("2022-11-30"), Rate: 100}},
	}
}

func goal(t *testing.T, id GoalID) Goal {
	t.Helper()
	for _, g := range Goals(noticeTargets()) {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no goal %s", id)
	return Goal{}
}

func TestGoalsOrderAndTargets(t *testing.T) {
	gs := Goals(noticeTargets())
	want := []struct {
		id    GoalID
		title string
		rate  bool
		steps int
	}{
		{GoalCommittee, "物管会（业委会）组建率", true, 3},
		{GoalNoService, "无物业服务小区清零", false, 1},
		{GoalParty, "物业服务企业党的组织和工作覆盖率", true, 1},
	}
	if len(gs) != len(want) {
		t.Fatalf("%d goals, want 3", len(gs))
	}
	for i, w := range want {
		g := gs[i]
		if g.ID != w.id || g.Title != w.title || g.Rate != w.rate || len(g.Steps) != w.steps {
			t.Errorf("goal %d = %s %s rate=%v steps=%d; want %+v", i, g.ID, g.Title, g.Rate, len(g.Steps), w)
		}
	}
}

// TestInForce covers the boundary dates: before the first deadline, exactly
// on one, between two, and after the last.
func TestInForce(t *testing.T) {
	g := goal(t, GoalCommittee)
	for _, tc := range []struct {
		on       string
		due      string
		value    float64
		daysLeft int
	}{
		{"2022-07-03", "2022-08-31", 20, 59},
		{"2022-08-30", "2022-08-31", 20, 1},
		{"2022-08-31", "2022-08-31", 20, 0}, // on the deadline: still that deadline's target
		{"2022-09-01", "2022-09-30", 70, 29},
		{"2022-09-30", "2022-09-30", 70, 0},
		{"2022-12-18", "2022-12-31", 100, 13},
		{"2022-12-31", "2022-12-31", 100, 0},
		{"2023-01-03", "2022-12-31", 100, -3}, // after the last: the last, overdue
	} {
		s, ok := g.InForce(day(tc.on))
		if !ok || s.Due != day(tc.due) || s.Value != tc.value {
			t.Errorf("InForce(%s) = %v %v, want %s %v", tc.on, s, ok, tc.due, tc.value)
		}
		a := g.AssessFigure(day(tc.on), Figure{Num: 1, Den: 2, Value: 50})
		if a.DaysLeft != tc.daysLeft || a.Overdue != (tc.daysLeft < 0) {
			t.Errorf("%s: DaysLeft %d overdue %v, want %d", tc.on, a.DaysLeft, a.Overdue, tc.daysLeft)
		}
	}
	if _, ok := (Goal{}).InForce(day("2022-07-03")); ok {
		t.Error("a goal without steps has a target in force")
	}
}

func TestAssess(t *testing.T) {
	rate := func(num, den int) Figure { return Figure{Num: num, Den: den, Value: Percent(num, den)} }
	count := func(n int) Figure { return Figure{Num: n, Den: 5000, Value: float64(n)} }
	for _, tc := range []struct {
		name      string
		goal      GoalID
		on        string
		f         Figure
		status    Status
		meets     bool
		remaining int
		missed    string // due date of Missed, "" when none
	}{
		// Before the first deadline nothing is missed, even far below 20%.
		{"before first, below", GoalCommittee, "2022-07-18", rate(120, 1000), StatusOnTrack, false, 80, ""},
		{"before first, already above", GoalCommittee, "2022-07-18", rate(250, 1000), StatusOnTrack, true, 0, ""},
		{"before first, final reached", GoalCommittee, "2022-07-18", rate(1000, 1000), StatusMet, true, 0, ""},
		// On the deadline the report is judged against it.
		{"on deadline, short", GoalCommittee, "2022-08-31", rate(199, 1000), StatusBehind, false, 1, "2022-08-31"},
		{"on deadline, exactly", GoalCommittee, "2022-08-31", rate(200, 1000), StatusOnTrack, true, 0, ""},
		// Between deadlines: the passed one must be met, the next one is in force.
		{"between, passed missed", GoalCommittee, "2022-09-01", rate(199, 1000), StatusBehind, false, 501, "2022-08-31"},
		{"between, passed met", GoalCommittee, "2022-09-01", rate(250, 1000), StatusOnTrack, false, 450, ""},
		{"second deadline missed by a hair", GoalCommittee, "2022-09-30", rate(6999, 10000), StatusBehind, false, 1, "2022-09-30"},
		// After the last deadline.
		{"after last, not rounded up", GoalCommittee, "2023-01-03", rate(19990, 20000), StatusBehind, false, 10, "2022-12-31"},
		{"after last, met", GoalCommittee, "2023-01-03", rate(20000, 20000), StatusMet, true, 0, ""},
		{"nothing eligible", GoalCommittee, "2022-09-01", rate(0, 0), StatusNoData, false, 0, ""},
		// Counts fall to their target.
		{"no service before deadline", GoalNoService, "2022-09-18", count(111), StatusOnTrack, false, 111, ""},
		{"no service on deadline, one left", GoalNoService, "2022-09-30", count(1), StatusBehind, false, 1, "2022-09-30"},
		{"no service cleared on deadline", GoalNoService, "2022-09-30", count(0), StatusMet, true, 0, ""},
		{"no service overdue", GoalNoService, "2022-10-03", count(65), StatusBehind, false, 65, "2022-09-30"},
		{"no service cleared early", GoalNoService, "2022-07-03", count(0), StatusMet, true, 0, ""},
		{"party one company short", GoalParty, "2022-12-18", rate(3091, 3093), StatusBehind, false, 2, "2022-11-30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := goal(t, tc.goal).AssessFigure(day(tc.on), tc.f)
			if a.Status != tc.status || a.MeetsInForce != tc.meets || a.Remaining != tc.remaining {
				t.Errorf("status %s meets %v remaining %d; want %s %v %d", a.Status, a.MeetsInForce, a.Remaining, tc.status, tc.meets, tc.remaining)
			}
			missed := ""
			if a.HasMissed {
				missed = a.Missed.Due.Format("2006-01-02")
			}
			if missed != tc.missed {
				t.Errorf("missed %q, want %q", missed, tc.missed)
			}
		})
	}
}

func TestShortRoundsUp(t *testing.T) {
	g := goal(t, GoalCommittee)
	// 20% of 19,871 is 3,974.2: 3,975 committees are needed.
	if got := g.Short(Figure{Num: 3246, Den: 19871}, 20); got != 3975-3246 {
		t.Errorf("Short = %d, want %d", got, 3975-3246)
	}
	if got := g.Short(Figure{Num: 3974, Den: 19870}, 20); got != 0 {
		t.Errorf("exactly 20%%: Short = %d, want 0", got)
	}
	a := g.AssessFigure(day("2022-08-03"), Figure{Num: 3246, Den: 19871})
	if a.RemainingFinal != 19871-3246 {
		t.Errorf("RemainingFinal = %d", a.RemainingFinal)
	}
}

func TestDaysBetweenIgnoresTimeOfDay(t *testing.T) {
	from := time.Date(2022, 12, 18, 23, 59, 0, 0, time.UTC)
	to := time.Date(2022, 12, 31, 0, 0, 1, 0, time.FixedZone("CST", 8*3600))
	if got := DaysBetween(from, to); got != 13 {
		t.Errorf("DaysBetween = %d, want 13", got)
	}
	if got := DaysBetween(to, from); got != -13 {
		t.Errorf("DaysBetween reversed = %d, want -13", got)
	}
}

// progressModel assembles a province with two cities; city b did not report on 2022-08-18.
func progressModel(t *testing.T) *Model {
	t.Helper()
	set := &dataset.Set{
		Regions: []dataset.Region{
			{Code: "140000", Name: "示例省", Level: "province"},
			{Code: "140100", Name: "甲市", Level: "city", ParentCode: "140000"},
			{Code: "140200", Name: "乙市", Level: "city", ParentCode: "140000"},
		},
	}
	add := func(date, code string, total, none, eligible, formed, firms, covered int) {
		set.Progress = append(set.Progress, dataset.ProgressReport{
			ReportDate: dataset.Date{Time: day(date)}, RegionCode: code, CommunitiesTotal: total,
			ModeEnterprise: total - none, ModeNone: none, EligibleForCommittee: eligible, CommitteesFormed: formed,
			EnterprisesTotal: firms, EnterprisesPartyCovered: covered,
		})
	}
	add("2022-08-03", "140100", 100, 10, 80, 10, 20, 10)
	add("2022-08-03", "140200", 50, 5, 40, 4, 10, 5)
	add("2022-08-18", "140100", 100, 4, 80, 20, 20, 15)
	add("2022-09-03", "140200", 50, 0, 40, 12, 10, 10)
	add("2022-09-03", "140100", 100, 0, 80, 40, 20, 20)
	cfg := &config.Config{Targets: noticeTargets()}
	return Assemble(cfg, set, nil, Version{})
}

// TestMissingReport: a city that did not report on a date is named, and the
// province sum of that date covers only the cities that did.
func TestMissingReport(t *testing.T) {
	m := progressModel(t)
	p := m.Progress
	if len(p.Dates) != 3 {
		t.Fatalf("dates %v", p.Dates)
	}
	mid := p.ProvinceOn(day("2022-08-18"))
	if mid == nil || mid.Cities != 1 || mid.CommunitiesTotal != 100 || mid.CommitteesFormed != 20 {
		t.Fatalf("province on 08-18 = %+v, want city 甲市 alone", mid)
	}
	missing := p.Missing(day("2022-08-18"), m.Cities())
	if len(missing) != 1 || missing[0].Code != "140200" {
		t.Errorf("missing on 08-18 = %v, want 乙市", missing)
	}
	if got := p.Missing(day("2022-08-03"), m.Cities()); len(got) != 0 {
		t.Errorf("missing on 08-03 = %v, want none", got)
	}
	if got := len(p.At(day("2022-08-18"))); got != 1 {
		t.Errorf("At(08-18) has %d reports", got)
	}
	// The province figure of the partial date is the reporting city's own.
	g := goal(t, GoalCommittee)
	if f := g.Measure(mid); f.Value != 25 {
		t.Errorf("province committee rate on 08-18 = %v, want 25", f.Value)
	}
	b := p.Series("140200")
	if b.On(day("2022-08-18")) != nil || b.Latest().Date != day("2022-09-03") {
		t.Errorf("乙市 series: %+v", b.Reports)
	}
	latest := p.Latest()
	if latest.Cities != 2 || g.Assess(latest).Status != StatusOnTrack {
		t.Errorf("latest %+v status %s", latest, g.Assess(latest).Status)
	}
}

func TestRank(t *testing.T) {
	m := progressModel(t)
	reps := m.Progress.At(day("2022-08-03"))
	reps = append(reps, &Report{ProgressReport: dataset.ProgressReport{RegionCode: "140300"}})
	// Committee: 甲 10/80 = 12.5%, 乙 4/40 = 10%, the empty report last and unranked.
	r := goal(t, GoalCommittee).Rank(reps)
	if r[0].Report.RegionCode != "140100" || r[0].Rank != 1 || r[1].Rank != 2 || r[2].Rank != 0 {
		t.Errorf("committee ranking %+v", r)
	}
	// Party: both 50%: a tie shares rank 1, ordered by code.
	r = goal(t, GoalParty).Rank(reps[:2])
	if r[0].Rank != 1 || r[1].Rank != 1 || r[0].Report.RegionCode != "140100" {
		t.Errorf("party ranking %+v", r)
	}
	// No service: fewer is better.
	r = goal(t, GoalNoService).Rank(reps[:2])
	if r[0].Report.RegionCode != "140200" || r[1].Rank != 2 {
		t.Errorf("no-service ranking %+v", r)
	}
}

// roundTo rounds v to the decimals the notice writes.
func roundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// TestBaselineReproducesNotice: site.yaml's baseline and the first report of
// the shipped progress.csv are the notice's figures: 23,494 = 10,802 + 2,752 +
// 3,176 + 2,538 + 4,226, with shares of 46%, 11.7%, 13.5%, 10.8% and 18%.
func TestBaselineReproducesNotice(t *testing.T) {
	cfg, err := config.Load(os.DirFS("../.."), nil)
	if err != nil {
		t.Fatal(err)
	}
	notice := Mix{Counts: [5]int{10802, 2752, 3176, 2538, 4226}, Total: 23494}
	shares := []struct {
		pct      float64
		decimals int
	}{{46, 0}, {11.7, 1}, {13.5, 1}, {10.8, 1}, {18, 0}}
	base := BaselineMix(cfg.Baseline)
	if base != notice || base.Sum() != base.Total {
		t.Fatalf("baseline %+v (sum %d), want %+v", base, base.Sum(), notice)
	}
	for i, s := range shares {
		if got := roundTo(base.Share(i), s.decimals); got != s.pct {
			t.Errorf("share of mode %d = %v (%s), notice says %v%%", i, base.Share(i), strconv.FormatFloat(got, 'f', -1, 64), s.pct)
		}
	}

	rep := &diag.Report{}
	set := dataset.Load(os.DirFS("../.."), dataset.Options{Config: cfg}, rep)
	if rep.HasErrors() {
		t.Fatalf("shipped sample has errors: %v", rep.Problems())
	}
	m := Assemble(cfg, set, nil, Version{})
	first := m.Progress.Province[0]
	if first.Mix() != notice || first.Cities != len(m.Cities()) {
		t.Errorf("first province report %s = %+v from %d cities, want the notice's %+v from every city",
			first.Date.Format("2006-01-02"), first.Mix(), first.Cities, notice)
	}
}

func TestCheckLedger(t *testing.T) {
	r := &Report{ProgressReport: dataset.ProgressReport{
		CommunitiesTotal: 100, ModeEnterprise: 50, ModeCommunity: 20, ModeOwner: 10, ModeUnit: 10, ModeNone: 10,
		EligibleForCommittee: 80, CommitteesFormed: 40, EnterprisesTotal: 12, EnterprisesPartyCovered: 6,
	}}
	same := RegionStats{Communities: 100, Modes: [5]int{50, 20, 10, 10, 10}, Eligible: 80, EligibleFormed: 40, Enterprises: 12, EnterprisesCovered: 6}
	for _, tc := range []struct {
		name   string
		stats  func(RegionStats) RegionStats
		covers bool
		diffs  int
		excess string // labels of the Excess rows, "|"-joined
	}{
		{"identical", func(s RegionStats) RegionStats { return s }, true, 0, ""},
		{"exactly 90%", func(s RegionStats) RegionStats { s.Communities, s.Modes[0] = 90, 40; return s }, true, 2, ""},
		{"89%", func(s RegionStats) RegionStats { s.Communities = 89; return s }, false, 1, ""},
		{"committees differ", func(s RegionStats) RegionStats { s.EligibleFormed = 38; return s }, true, 1, ""},
		// A partial ledger (30%) already lists more 无物业 communities than
		// the report: flagged although nothing else is compared.
		{"partial ledger, more 无物业", func(RegionStats) RegionStats {
			return RegionStats{Communities: 30, Modes: [5]int{5, 5, 5, 0, 15}, Eligible: 20, EligibleFormed: 10, Enterprises: 3, EnterprisesCovered: 1}
		}, false, 10, "无物业"},
		{"covered, more committees and companies", func(s RegionStats) RegionStats {
			s.EligibleFormed, s.Enterprises = 41, 13
			return s
		}, true, 2, "已组建物管会（业委会）数|物业服务企业数"},
		{"more communities than reported", func(s RegionStats) RegionStats {
			s.Communities, s.Modes[4] = 101, 11
			return s
		}, true, 2, "小区总数|无物业"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := CheckLedger(r, tc.stats(same))
			if c.Covers != tc.covers || c.Differences != tc.diffs || len(c.Rows) != 10 {
				t.Errorf("covers %v differences %d rows %d; want %v %d 10", c.Covers, c.Differences, len(c.Rows), tc.covers, tc.diffs)
			}
			var labels []string
			for _, row := range c.Excess {
				if !row.Exceeds() || row.Diff() <= 0 {
					t.Errorf("excess row %+v does not exceed the report", row)
				}
				labels = append(labels, row.Label)
			}
			if got := strings.Join(labels, "|"); got != tc.excess {
				t.Errorf("excess %q, want %q", got, tc.excess)
			}
		})
	}
	if c := CheckLedger(&Report{}, same); c.Covers || !math.IsNaN(c.Coverage) || len(c.Excess) != 10 {
		t.Errorf("an empty report is covered, or the ledger's counts are not flagged: %+v", c)
	}
	// Each excess row is attributed to the goal it feeds.
	c := CheckLedger(r, RegionStats{Communities: 101, Modes: [5]int{60, 0, 0, 0, 41}, Eligible: 81, EnterprisesCovered: 7})
	for _, tc := range []struct {
		goal GoalID
		want string
	}{
		{GoalNoService, "小区总数|无物业"},
		{GoalCommittee, "入住率达50%小区数"},
		{GoalParty, "党的组织和工作覆盖企业数"},
	} {
		var labels []string
		for _, row := range c.ExcessFor(tc.goal) {
			labels = append(labels, row.Label)
		}
		if got := strings.Join(labels, "|"); got != tc.want {
			t.Errorf("ExcessFor(%s) = %q, want %q", tc.goal, got, tc.want)
		}
	}
	if len(c.Excess) != 5 { // the four above and 物业服务企业服务 (60 > 50), which feeds no goal
		t.Errorf("%d excess rows, want 5", len(c.Excess))
	}
}
