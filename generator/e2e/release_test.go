package e2e

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
	"github.com/sxwuye/portal/generator/internal/csvrows"
)

// releaseProbe walks every shown row of the release table: the page must
// not scroll sideways, nor the table inside its box, and each row's grade
// must be on screen once the row is scrolled to vertically —
// elementFromPoint at the middle of the grade cell hits it. It returns the
// number of rows checked and one line per problem.
const releaseProbe = `(() => {
	const out = {rows: 0, problems: []};
	const doc = document.documentElement;
	if (doc.scrollWidth > doc.clientWidth + 1) {
		out.problems.push("page scrolls sideways: " + doc.scrollWidth + " px wide in " + doc.clientWidth + " px");
	}
	const table = document.querySelector("#eval-table");
	const wrap = table.closest(".table-wrap");
	if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) {
		out.problems.push("table scrolls sideways in its box: " + wrap.scrollWidth + " px in " + wrap.clientWidth + " px");
	}
	for (const tr of table.tBodies[0].rows) {
		if (tr.hidden) continue;
		out.rows++;
		const g = tr.querySelector("td.grade");
		if (!g) { out.problems.push("row without a grade: " + tr.textContent.slice(0, 30)); continue; }
		window.scrollTo(0, window.scrollY + g.getBoundingClientRect().top - window.innerHeight / 2);
		const r = g.getBoundingClientRect();
		const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		if (r.left < 0 || r.right > window.innerWidth || !hit || !g.contains(hit)) {
			out.problems.push("grade of row " + out.rows + " (" + tr.cells[1].textContent + ") not on screen: " +
				Math.round(r.left) + "–" + Math.round(r.right) + " px, hit " + (hit ? hit.tagName : "nothing"));
		}
	}
	window.scrollTo(0, 0);
	return out;
})()`

type releaseReport struct {
	Rows     int      `json:"rows"`
	Problems []string `json:"problems"`
}

// TestReleaseRowsOnScreen opens the province and a city page of a release on
// a 360×740 phone, in normal text and 大字版, and at 1366×900: every ranked
// project's grade is on screen without scrolling sideways (a resident on a
// phone reads grade, total and rank of any row), and the phone's restyled
// rows are still a table to assistive technology, sortable from the form.
func TestReleaseRowsOnScreen(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 740)
	for _, mode := range []struct {
		name  string
		w, h  int64
		large bool
	}{{"360", 360, 740, false}, {"360 大字版", 360, 740, true}, {"1366", 1366, 900, false}} {
		for _, path := range []string{"/evaluations/2022/", "/evaluations/2022/140100/"} {
			large := "0"
			if mode.large {
				large = "1"
			}
			do(t, ctx, chromedp.EmulateViewport(mode.w, mode.h),
				chromedp.Navigate(base+"/404.html"),
				chromedp.Evaluate[chromedp.Void](`localStorage.setItem("portal-large", "`+large+`")`),
				chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(`#eval-table`)))
			if got := run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.classList.contains("large")`)); got != mode.large {
				t.Fatalf("%s %s: 大字版 is %v", mode.name, path, got)
			}
			want := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#eval-table tbody tr").length`))
			r := run(t, ctx, chromedp.Evaluate[releaseReport](releaseProbe))
			if r.Rows != want || want == 0 {
				t.Errorf("%s %s: checked %d of %d rows", mode.name, path, r.Rows, want)
			}
			for i, p := range r.Problems {
				if i == 5 {
					t.Errorf("%s %s: … %d problems in all", mode.name, path, len(r.Problems))
					break
				}
				t.Errorf("%s %s: %s", mode.name, path, p)
			}
		}
	}

	// A community page opens its evaluation section with the result card:
	// the grade comes before the community's other facts, and neither the
	// page nor the history table scrolls sideways.
	id, _ := uniqueCommunity(t)
	for _, mode := range []struct {
		w, h  int64
		large string
	}{{360, 740, "0"}, {360, 740, "1"}, {1366, 900, "0"}} {
		do(t, ctx, chromedp.EmulateViewport(mode.w, mode.h),
			chromedp.Navigate(base+"/404.html"),
			chromedp.Evaluate[chromedp.Void](`localStorage.setItem("portal-large", "`+mode.large+`")`),
			chromedp.Navigate(base+"/communities/"+id+"/"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		problems := run(t, ctx, chromedp.Evaluate[[]string](`(() => {
			const out = [], doc = document.documentElement;
			if (doc.scrollWidth > doc.clientWidth + 1) out.push("page scrolls sideways");
			const wrap = document.querySelector(".history-wrap");
			if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) out.push("history table scrolls sideways: " + wrap.scrollWidth + " in " + wrap.clientWidth);
			const g = document.querySelector(".result-card .result-grade"), facts = document.querySelector("#base-title");
			if (!g) return ["no result card"];
			if (!(g.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING)) out.push("the grade comes after the basic facts");
			window.scrollTo(0, window.scrollY + g.getBoundingClientRect().top - 100);
			const r = g.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			if (!hit || !g.contains(hit) || r.right > window.innerWidth) out.push("grade not on screen");
			return out;
		})()`))
		for _, p := range problems {
			t.Errorf("/communities/%s/ at %d px (大字版 %s): %s", id, mode.w, mode.large, p)
		}
	}

	// On the phone the header row is hidden from sight only: a row far
	// below the screen is still a table row of cells with its row header.
	do(t, ctx, chromedp.EmulateViewport(360, 740),
		chromedp.Navigate(base+"/404.html"),
		chromedp.Evaluate[chromedp.Void](`localStorage.setItem("portal-large", "0")`),
		chromedp.Navigate(base+"/evaluations/2022/"), chromedp.WaitVisible(chromedp.CSS(`#eval-table`)))
	for sel, role := range map[string]string{
		`#eval-table tbody tr:last-child td.grade`:      "cell",
		`#eval-table tbody tr:last-child th[scope=row]`: "rowheader",
		`#eval-table thead th[data-key="total"]`:        "columnheader",
		`#eval-table tbody tr:last-child`:               "row",
	} {
		nodes := run(t, ctx, chromedp.Nodes(chromedp.CSS(sel)))
		if len(nodes) != 1 {
			t.Fatalf("%s: %d nodes", sel, len(nodes))
		}
		noRelatives := false
		ax, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{BackendNodeID: nodes[0].BackendNodeID, FetchRelatives: &noRelatives})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, n := range ax.Nodes {
			if n.BackendDOMNodeID == nodes[0].BackendNodeID && n.Role != nil && !n.Ignored {
				got = strings.Trim(string(n.Role.Value), `"`)
			}
		}
		if got != role {
			t.Errorf("at 360 px %s is exposed as %q, want %q", sel, got, role)
		}
	}

	// Sorting on the phone: the form's select, kept in the URL.
	run(t, ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.querySelector('form[data-filter-for="eval-table"] select[name="sort"]');
		s.value = "-total";
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return s.value === "-total";
	})()`))
	totals := run(t, ctx, chromedp.Evaluate[[]float64](`(() => {
		const i = Array.from(document.querySelectorAll("#eval-table thead th")).findIndex(th => th.dataset.key === "total");
		return Array.from(document.querySelectorAll("#eval-table tbody tr")).map(tr => parseFloat(tr.cells[i].textContent));
	})()`))
	if len(totals) < 100 || !sort.SliceIsSorted(totals, func(i, j int) bool { return totals[i] > totals[j] }) {
		t.Errorf("sorting by the phone's select: %d rows, sorted by falling total: %v", len(totals), sort.SliceIsSorted(totals, func(i, j int) bool { return totals[i] > totals[j] }))
	}
	if loc := run(t, ctx, chromedp.Location()); !strings.Contains(loc, "sort=-total") {
		t.Errorf("the phone's sort is not in the URL: %s", loc)
	}
	rec.assertClean(t, base)
}

// TestCountyCommunityList: a county page lists its communities before its
// statistics, each with its latest grade, and narrows the list by name as
// one types, counting the matches the way the CSV does.
func TestCountyCommunityList(t *testing.T) {
	base := servedSample(t)
	names := map[string][]string{} // county code → community names
	for _, r := range csvrows.Read(t, "../../data/communities.csv") {
		names[r["region_code"]] = append(names[r["region_code"]], r["name"])
	}
	county := ""
	for code, ns := range names {
		if len(ns) > len(names[county]) || len(ns) == len(names[county]) && code < county {
			county = code
		}
	}
	// The query: the last two characters of the county's first name, which
	// other communities may share.
	q := []rune(names[county][0])
	query := string(q[len(q)-2:])
	want := 0
	for _, n := range names[county] {
		if strings.Contains(n, query) {
			want++
		}
	}
	ctx, rec := newBrowser(t, 360, 740)
	do(t, ctx, chromedp.Navigate(base+"/regions/"+county+"/"), chromedp.WaitVisible(chromedp.CSS(`input[data-filter-list]`)))
	before := run(t, ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll("#community-list li").length,
		document.querySelectorAll("#community-list li .grade").length,
		document.querySelector("#community-list").compareDocumentPosition(document.querySelector("#mode-title")) & Node.DOCUMENT_POSITION_FOLLOWING]`))
	if before[0] != len(names[county]) || before[1] == 0 || before[2] == 0 {
		t.Errorf("/regions/%s/: %d communities listed (the CSV has %d), %d with a grade, list before the statistics: %v",
			county, before[0], len(names[county]), before[1], before[2] != 0)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[data-filter-list]`), query))
	shown := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#community-list li:not([hidden])").length`))
	status := run(t, ctx, chromedp.Text(chromedp.CSS(`#community-list [role=status]`)))
	if shown != want || !strings.Contains(status, strconv.Itoa(want)) {
		t.Errorf("filtering /regions/%s/ by %q: %d shown, status %q; the CSV has %d", county, query, shown, status, want)
	}
	rec.assertClean(t, base)
}
