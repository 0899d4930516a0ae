package e2e

import (
	"bytes"
	"image/png"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/sxwuye/portal/generator/internal/csvrows"
)

// expectedCount counts the 2023 projects of a city with a grade straight
// from the CSV files, the way a journalist would check the page.
func expectedCount(t *testing.T, period, city, grade string) int {
	t.Helper()
	county := map[string]string{}
	for _, r := range csvrows.Read(t, "../../data/communities.csv") {
		county[r["id"]] = r["region_code"]
	}
	n := 0
	for _, r := range csvrows.Read(t, "../../data/evaluations.csv") {
		if r["period"] != period || county[r["community_id"]][:4]+"00" != city {
			continue
		}
		sum := 0.0
		for _, k := range []string{"basic_service", "facilities", "satisfaction"} {
			v, err := strconv.ParseFloat(r[k], 64)
			if err != nil {
				t.Fatal(err)
			}
			sum += v
		}
		if gradeOfTotal(sum) == grade {
			n++
		}
	}
	return n
}

// TestReleaseTableSortAndFilter sorts the release table, filters it by city
// and grade, and reopens the resulting URL: the shared view is the same.
func TestReleaseTableSortAndFilter(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 1280, 900)
	do(t, ctx, chromedp.Navigate(base+"/evaluations/2023/"), chromedp.WaitVisible(chromedp.CSS(`form[data-filter-for="eval-table"]`)))

	total := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#eval-table tbody tr").length`))
	if total < 100 {
		t.Fatalf("release table has %d rows", total)
	}
	// Unsorted, the rows are in the page's own order, which the rank
	// column's aria-sort announces (the script leaves it in place).
	pageOrder := `#eval-table th[data-key="prank"]`
	if a := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(pageOrder), "aria-sort")); a.Value != "ascending" {
		t.Errorf("on load the rank column has aria-sort=%q, want ascending", a.Value)
	}

	// Sort by total: the column's button toggles aria-sort and the rows follow.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#eval-table th[data-key="total"] button`)))
	dir := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#eval-table th[data-key="total"]`), "aria-sort"))
	totals := run(t, ctx, chromedp.Evaluate[[]float64](`(() => {
		const ths = Array.from(document.querySelectorAll("#eval-table thead th"));
		const i = ths.findIndex(th => th.dataset.key === "total");
		return Array.from(document.querySelectorAll("#eval-table tbody tr")).filter(tr => !tr.hidden).map(tr => parseFloat(tr.cells[i].textContent));
	})()`))
	sorted := sort.SliceIsSorted(totals, func(i, j int) bool { return totals[i] < totals[j] })
	if dir.Value == "descending" {
		sorted = sort.SliceIsSorted(totals, func(i, j int) bool { return totals[i] > totals[j] })
	}
	if !dir.Exists || !sorted || len(totals) != total {
		t.Errorf("after sorting by total: aria-sort=%q, %d rows, sorted=%v", dir.Value, len(totals), sorted)
	}

	// Filter: 长治市, 优秀.
	const city, grade = "140400", "优秀"
	setSelect := func(name, value string) {
		t.Helper()
		run(t, ctx, chromedp.Evaluate[bool](`(() => {
			const el = document.querySelector('form[data-filter-for="eval-table"] [name="`+name+`"]');
			el.value = "`+value+`";
			el.dispatchEvent(new Event("change", {bubbles: true}));
			el.dispatchEvent(new Event("input", {bubbles: true}));
			return el.value === "`+value+`";
		})()`))
	}
	setSelect("city", city)
	setSelect("grade", grade)
	want := expectedCount(t, "2023", city, grade)
	shown := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#eval-table tbody tr:not([hidden])").length`))
	if shown != want {
		t.Errorf("filtered to %s %s: %d rows shown, the CSV has %d", city, grade, shown, want)
	}
	bad := run(t, ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#eval-table tbody tr:not([hidden])")).filter(tr => tr.dataset.city !== "`+city+`" || !tr.textContent.includes("`+grade+`")).length`))
	if bad != 0 {
		t.Errorf("%d visible rows do not match the filter", bad)
	}
	count := run(t, ctx, chromedp.Text(chromedp.CSS(`[data-count]`)))
	if !strings.Contains(count, strconv.Itoa(want)) {
		t.Errorf("status %q does not give %d", count, want)
	}

	// The state is in the URL; opening it again restores the same view.
	loc := run(t, ctx, chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if u.Query().Get("city") != city || u.Query().Get("grade") != grade || u.Query().Get("sort") == "" {
		t.Fatalf("filter state not in the URL: %s", loc)
	}
	do(t, ctx, chromedp.Navigate(base+"/"), chromedp.Navigate(loc), chromedp.WaitVisible(chromedp.CSS(`form[data-filter-for="eval-table"]`)))
	again := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#eval-table tbody tr:not([hidden])").length`))
	citySel := run(t, ctx, chromedp.Value(chromedp.CSS(`form[data-filter-for="eval-table"] [name="city"]`)))
	sortAttr := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#eval-table th[data-key="total"]`), "aria-sort"))
	if again != want || citySel != city || sortAttr.Value != dir.Value {
		t.Errorf("shared URL restored %d rows (want %d), city %q, sort %q (want %q)", again, want, citySel, sortAttr.Value, dir.Value)
	}
	rec.assertClean(t, base)
}

// TestCommunityPageAt360 opens a community page on a 360 px wide phone: no
// horizontal scrolling, the score is visible, and a screenshot is taken.
func TestCommunityPageAt360(t *testing.T) {
	base := servedSample(t)
	id, _ := uniqueCommunity(t)
	ctx, rec := newBrowser(t, 360, 780)
	do(t, ctx, chromedp.EmulateViewport(360, 780), chromedp.Navigate(base+"/communities/"+id+"/"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	for _, p := range []string{"/communities/" + id + "/", "/evaluations/2023/", "/"} {
		do(t, ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS(`main`)))
		widths := run(t, ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
		if widths[0] > widths[1] {
			t.Errorf("%s scrolls sideways at 360 px: content %d px wide", p, widths[0])
		}
	}
	do(t, ctx, chromedp.Navigate(base+"/communities/"+id+"/"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	// 适老化: no text on the page below 16 px (charts excepted: they scale).
	small := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("main *, header *, footer *")).filter(el => !el.closest("svg") && Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()) && parseFloat(getComputedStyle(el).fontSize) < 16).map(el => el.tagName + "." + el.className + " " + getComputedStyle(el).fontSize).slice(0, 5)`))
	if len(small) > 0 {
		t.Errorf("text below 16 px: %v", small)
	}
	shot := run(t, ctx, chromedp.FullScreenshot(100))
	if len(shot) == 0 {
		t.Fatal("empty screenshot")
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if w := img.Bounds().Dx(); w != 360 {
		t.Errorf("screenshot is %d px wide, want 360", w)
	}
	if dir := os.Getenv("E2E_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(dir+"/community-360.png", shot, 0o644)
	}
	rec.assertClean(t, base)
}

// gradeOfTotal is the notice's grade for a total out of 100, worked out here
// from the CSV on its own rather than taken from the generator, so that the
// browser tests check the pages against the rule, not against themselves.
func gradeOfTotal(total float64) string {
	switch {
	case total >= 90:
		return "优秀"
	case total >= 80:
		return "良好"
	case total >= 60:
		return "合格"
	}
	return "不合格"
}
