package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A viewport the layout checks open every page kind in: a 360 px phone in
// normal and in large text (大字版), and a 1366 px desktop.
type viewport struct {
	Name  string
	W, H  int64
	Large bool
}

var layoutViewports = []viewport{
	{Name: "360", W: 360, H: 740},
	{Name: "360-大字版", W: 360, H: 740, Large: true},
	{Name: "1366", W: 1366, H: 900},
}

// layoutPages is one sample page of every page kind. Other tests add their
// own per-page checks through openInViewport and layoutProblems.
var layoutPages = []string{
	"/",
	"/policies/",
	noticePath,
	"/cases/",
	"/cases/2022-001/",
	"/news/",
	"/about/",
	"/help/",
	"/evaluations/",
	"/evaluations/2023/",
	"/communities/C000001/",
	"/enterprises/E00001/",
	"/regions/140400/",
	"/regions/140403/",
	"/progress/",
	"/progress/140100/",
	"/indicators/",
	"/data/",
	"/data/communities/",
	"/data/evaluations/",
	"/search/?q=" + "丁香",
	"/search/?q=" + "物管会",
	"/sitemap/",
}

// openInViewport sizes the tab, sets or clears 大字版 the way the toggle
// remembers it, and opens path with its scripts run.
func openInViewport(t *testing.T, ctx context.Context, base, path string, vp viewport) {
	t.Helper()
	large := "0"
	if vp.Large {
		large = "1"
	}
	do(t, ctx,
		chromedp.EmulateViewport(vp.W, vp.H),
		chromedp.Navigate(base+"/404.html"),
		chromedp.Evaluate[chromedp.Void](`localStorage.setItem("portal-large", "`+large+`")`),
		chromedp.Navigate(base+path),
		chromedp.WaitReady(chromedp.CSS(`main`)),
	)
	// Search results arrive after the index shards load.
	if strings.HasPrefix(path, "/search/") {
		do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#search-results`)))
		do(t, ctx, chromedp.Poll[chromedp.Void](searchDone))
	}
}

// searchDone is true once the search page has said what it found (not
// while it says 正在搜索…).
const searchDone = `/找到|不可用/.test(document.querySelector("#search-results").textContent)`

// layoutProbe measures what a reader sees, in CSS pixels after layout:
//   - the page scrolling sideways (the document wider than the viewport);
//   - squeezed cells: a table cell holding three or more Chinese characters
//     whose content box is narrower than about two and a half characters,
//     so its text stacks one or two characters a line;
//   - chart text (SVG <text>) smaller than minChart px as rendered, that is
//     its font size times the SVG's scale on screen;
//   - two chart labels of one chart whose boxes overlap.
//
// It returns one readable line per problem.
const layoutProbe = `((minChart) => {
	const out = [];
	const doc = document.documentElement;
	if (doc.scrollWidth > doc.clientWidth + 1) {
		out.push("page scrolls sideways: " + doc.scrollWidth + " px wide in " + doc.clientWidth + " px");
	}
	const visible = el => {
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
	};
	const han = /\p{Script=Han}/gu;
	for (const cell of document.querySelectorAll("td, th")) {
		if (!visible(cell) || cell.closest(".visually-hidden")) continue;
		// Headers hidden off-screen (a table.stack's thead on a phone).
		const section = cell.closest("thead, tbody, tfoot");
		if (section && section.getBoundingClientRect().width <= 1) continue;
		const text = cell.innerText.trim();
		const n = (text.match(han) || []).length;
		if (n < 3) continue;
		const cs = getComputedStyle(cell);
		const fs = parseFloat(cs.fontSize);
		const w = cell.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
		if (w < 2.5 * fs) {
			out.push("squeezed cell " + Math.round(w) + " px for " + JSON.stringify(text.slice(0, 20)));
		}
	}
	for (const svg of document.querySelectorAll("main svg")) {
		if (!visible(svg)) continue;
		const boxes = [];
		for (const el of svg.querySelectorAll("text")) {
			if (!visible(el)) continue;
			const m = el.getScreenCTM();
			const scale = m ? Math.hypot(m.a, m.b) : 1;
			const size = parseFloat(getComputedStyle(el).fontSize) * scale;
			const label = JSON.stringify(el.textContent.trim().slice(0, 20));
			if (size < minChart - 0.05) {
				out.push("chart text " + label + " renders at " + size.toFixed(1) + " px, want ≥ " + minChart);
			}
			boxes.push([el.getBoundingClientRect(), label]);
		}
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) {
				const [a, la] = boxes[i], [b, lb] = boxes[j];
				const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
				const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
				if (dx > 1 && dy > 1) {
					out.push("chart labels overlap: " + la + " and " + lb);
				}
			}
		}
	}
	return out;
})`

// minChartText is the smallest chart text the viewport allows: 14 px, and
// 18 px in 大字版, as body text grows there.
func (vp viewport) minChartText() int {
	if vp.Large {
		return 18
	}
	return 14
}

// layoutProblems runs the probe on the open page.
func layoutProblems(t *testing.T, ctx context.Context, vp viewport) []string {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[[]string](fmt.Sprintf("%s(%d)", layoutProbe, vp.minChartText())))
}

// saveScreenshot writes a full-page PNG into $E2E_SCREENSHOTS when it is set,
// so pages can be looked at after a run.
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		return
	}
	shot := run(t, ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG
	safe := strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(strings.Trim(name, "/"))
	if err := os.WriteFile(filepath.Join(dir, safe+".png"), shot, 0o644); err != nil {
		t.Errorf("screenshot: %v", err)
	}
}

// TestLayoutEveryPageKind opens one page of every kind at 360 px, in 大字版
// at 360 px and at 1366 px: no page scrolls sideways, no table cell is
// squeezed, chart text is at least 14 px (18 px in 大字版) and no two chart
// labels overlap.
func TestLayoutEveryPageKind(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 1366, 900)
	for _, vp := range layoutViewports {
		t.Run(vp.Name, func(t *testing.T) {
			for _, p := range layoutPages {
				openInViewport(t, ctx, base, p, vp)
				for _, problem := range layoutProblems(t, ctx, vp) {
					t.Errorf("%s: %s", p, problem)
				}
				saveScreenshot(t, ctx, vp.Name+"-"+p)
			}
		})
	}
	rec.assertClean(t, base)
}

// TestLayoutProbeSeesProblems plants each problem the probe looks for on a
// page and requires the probe to report it, so a clean run means something.
func TestLayoutProbeSeesProblems(t *testing.T) {
	base := servedSample(t)
	ctx, _ := newBrowser(t, 1366, 900)
	vp := layoutViewports[0]
	openInViewport(t, ctx, base, "/about/", vp)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("main").insertAdjacentHTML("beforeend",
		'<div style="width:2000px">wide</div>' +
		'<table><tr><td style="width:1em;min-width:0;max-width:1em;white-space:normal">运城市</td><td style="width:100%">x</td></tr></table>' +
		'<svg viewBox="0 0 100 40" width="200"><text x="0" y="10" font-size="5">小字</text><text x="0" y="35" font-size="10">重叠</text><text x="5" y="35" font-size="10">文字</text></svg>')`))
	got := strings.Join(layoutProblems(t, ctx, vp), "\n")
	for _, want := range []string{"page scrolls sideways", "squeezed cell", "chart text \"小字\" renders at 10.0 px", "chart labels overlap"} {
		if !strings.Contains(got, want) {
			t.Errorf("probe missed %q; it said:\n%s", want, got)
		}
	}
}

// TestHomeFindOnFirstScreen: on a 360×740 phone, in normal and large text,
// the home page's 查找我的小区 heading and the top of its search box are on
// the first screen, so finding one's community starts without scrolling.
func TestHomeFindOnFirstScreen(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 740)
	for _, vp := range layoutViewports[:2] {
		openInViewport(t, ctx, base, "/", vp)
		ys := run(t, ctx, chromedp.Evaluate[[]float64](`[document.querySelector("#find-title").getBoundingClientRect().bottom, document.querySelector("#home-q").getBoundingClientRect().top + 24]`))
		for i, name := range []string{"查找我的小区 heading", "search box"} {
			if ys[i] > float64(vp.H) {
				t.Errorf("%s: the %s is at %.0f px, below the %d px screen", vp.Name, name, ys[i], vp.H)
			}
		}
		saveScreenshot(t, ctx, vp.Name+"-home")
	}
	rec.assertClean(t, base)
}
