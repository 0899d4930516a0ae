package e2e

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/sxwuye/portal/generator/internal/csvrows"
)

// provinceFigures sums data/progress.csv on its newest report date, read
// here with encoding/csv so the check does not depend on the generator.
type provinceFigures struct {
	date                                                     string
	formed, eligible, none, total, covered, companies, count int
}

func latestFromCSV(t *testing.T) provinceFigures {
	t.Helper()
	rows := csvrows.Read(t, "../../data/progress.csv")
	var p provinceFigures
	for _, r := range rows {
		if d := r["report_date"]; d > p.date {
			p = provinceFigures{date: d}
		}
	}
	num := func(r map[string]string, k string) int {
		n, err := strconv.Atoi(r[k])
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		return n
	}
	for _, r := range rows {
		if r["report_date"] != p.date {
			continue
		}
		p.count++
		p.formed += num(r, "committees_formed")
		p.eligible += num(r, "eligible_for_committee")
		p.none += num(r, "mode_none")
		p.total += num(r, "communities_total")
		p.covered += num(r, "enterprises_party_covered")
		p.companies += num(r, "enterprises_total")
	}
	return p
}

// thousands writes 23494 as "23,494".
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rateText is the portal's rule for a rate toward targets: one decimal,
// rounded, but never shown as reaching a target it does not reach.
func rateText(num, den int, targets ...float64) string {
	v := 100 * float64(num) / float64(den)
	r := math.Round(v*10) / 10
	for _, tg := range targets {
		if r >= tg && float64(num)*100 < tg*float64(den) {
			r = math.Floor(v*10) / 10
		}
	}
	return strconv.FormatFloat(r, 'f', 1, 64) + "%"
}

// TestHomeGoalFiguresMatchCSV: the three goal cards on the home page show
// the province sums of the newest report in progress.csv, their date, a
// status in words and class, and link to the goal on /progress/; the
// progress page does not overflow a 360 px screen.
func TestHomeGoalFiguresMatchCSV(t *testing.T) {
	want := latestFromCSV(t)
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 800)

	do(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`.card.goal`)))
	cards := run(t, ctx, chromedp.Evaluate[[][]string](`[...document.querySelectorAll(".card.goal")].map(c => [
		c.querySelector("h3").textContent.trim(),
		c.querySelector(".figure").textContent.trim(),
		c.textContent.replace(/\s+/g, " "),
		c.querySelector(".goal-status").className,
		c.querySelector(".goal-status").textContent.trim(),
		c.querySelector("a").getAttribute("href")])`))
	expect := []struct{ title, figure, detail, anchor string }{
		{"物管会（业委会）组建率", rateText(want.formed, want.eligible, 20, 70, 100),
			"已组建 " + thousands(want.formed) + " 个 / 应组建 " + thousands(want.eligible) + " 个", "#committee"},
		{"无物业服务小区清零", thousands(want.none) + " 个",
			"无物业服务小区 " + thousands(want.none) + " 个 / 住宅小区总数 " + thousands(want.total) + " 个", "#no-service"},
		{"物业服务企业党的组织和工作覆盖率", rateText(want.covered, want.companies, 100),
			"已覆盖 " + thousands(want.covered) + " 家 / 企业总数 " + thousands(want.companies) + " 家", "#party"},
	}
	if len(cards) != len(expect) {
		t.Fatalf("%d goal cards on the home page, want 3", len(cards))
	}
	for i, e := range expect {
		c := cards[i]
		if c[0] != e.title || c[1] != e.figure || !strings.Contains(c[2], e.detail) {
			t.Errorf("card %d: %q %q %q; want %q %q with %q", i, c[0], c[1], c[2], e.title, e.figure, e.detail)
		}
		class := strings.Fields(c[3])
		if len(class) != 2 || class[0] != "goal-status" || c[4] == "" {
			t.Errorf("card %d status: class %q text %q", i, c[3], c[4])
		}
		if !strings.HasSuffix(c[5], "progress/"+e.anchor) {
			t.Errorf("card %d links %q, want the goal's section %s", i, c[5], e.anchor)
		}
	}
	goals := run(t, ctx, chromedp.Text(chromedp.CSS(`#goals-title + p`)))
	if !strings.Contains(goals, want.date) {
		t.Errorf("the goals' data date %q is not %s", goals, want.date)
	}

	// Drill down: the first card leads to its section on /progress/.
	do(t, ctx, chromedp.Click(chromedp.CSS(`.card.goal a`)), chromedp.WaitVisible(chromedp.CSS(`#committee`)))
	target := run(t, ctx, chromedp.Evaluate[string](`document.querySelector(":target") ? document.querySelector(":target").id : ""`))
	if target != "committee" {
		t.Errorf(":target after following the card is %q", target)
	}
	fig := run(t, ctx, chromedp.Text(chromedp.CSS(`#committee .goal-now .figure`)))
	if fig != expect[0].figure {
		t.Errorf("/progress/ committee figure %q, home %q", fig, expect[0].figure)
	}
	overflow := run(t, ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth - window.innerWidth`))
	if overflow > 0 {
		t.Errorf("/progress/ is %v px wider than a 360 px screen", overflow)
	}
	rec.assertClean(t, base)
}
