package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNoticeAsPrinted: the notice's signature and date stand at the right
// of the text, and its clause links stand beside the text, not in it.
func TestNoticeAsPrinted(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 1366, 900)
	for _, vp := range layoutViewports {
		openInViewport(t, ctx, base, noticePath, vp)
		got := run(t, ctx, chromedp.Evaluate[[]string](`(() => {
			const out = [];
			const body = document.querySelector(".doc-body");
			const cs = getComputedStyle(body);
			const textRight = body.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
			const sig = document.querySelectorAll(".doc-body p.signature");
			if (sig.length !== 2) out.push(sig.length + " signature paragraphs");
			for (const p of sig) {
				const r = document.createRange();
				r.selectNodeContents(p);
				const rects = r.getClientRects();
				const last = rects[rects.length - 1];
				if (Math.abs(last.right - textRight) > 2) out.push("signature line " + JSON.stringify(p.textContent) + " ends at " + Math.round(last.right) + ", the text at " + Math.round(textRight));
			}
			for (const id of ["s2", "s2-3", "s2-3-1"]) {
				const el = document.getElementById(id);
				const a = el.querySelector("a.clause-link");
				a.scrollIntoView({block: "center"});
				const r = el.getBoundingClientRect(), ar = a.getBoundingClientRect();
				if (ar.left < r.right - 1) out.push(id + ": clause link at " + Math.round(ar.left) + " inside the text, which ends at " + Math.round(r.right));
				if (ar.right > document.documentElement.clientWidth) out.push(id + ": clause link off screen");
				const hit = document.elementFromPoint(ar.left + ar.width / 2, ar.top + ar.height / 2);
				if (!hit || hit.closest("a") !== a) out.push(id + ": the clause link is covered by " + (hit ? hit.outerHTML.slice(0, 60) : "nothing"));
				if (el.textContent.includes("§")) out.push(id + ": § in the text");
			}
			return out;
		})()`))
		for _, p := range got {
			t.Errorf("%s: %s", vp.Name, p)
		}
		saveScreenshot(t, ctx, "notice-"+vp.Name)
	}
	rec.assertClean(t, base)
}

// TestCaseFiltersFoldOnPhones: on a phone the case filters fold into one
// line, so the first case shows on the first screen (360×800, the most
// common phone screen, with the sample-data banner); on a desktop they stand
// open.
func TestCaseFiltersFoldOnPhones(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 800)
	for _, vp := range []viewport{{Name: "360×800", W: 360, H: 800}, layoutViewports[2]} {
		openInViewport(t, ctx, base, "/cases/", vp)
		// The first line of the first case's title.
		top := run(t, ctx, chromedp.Evaluate[float64](`document.querySelector(".doc-list li a").getClientRects()[0].bottom`))
		open := run(t, ctx, chromedp.Evaluate[[]bool](`Array.from(document.querySelectorAll("details.facet-group"), d => d.open)`))
		if len(open) != 2 {
			t.Fatalf("%s: %d filter groups, want category and city", vp.Name, len(open))
		}
		wide := vp.W >= 768
		for i, o := range open {
			if o != wide {
				t.Errorf("%s: filter group %d open=%v", vp.Name, i, o)
			}
		}
		if !wide && top > float64(vp.H) {
			t.Errorf("%s: the first case's title is %v px down, below the first screen (%d px)", vp.Name, top, vp.H)
		}
	}
	// Unfolding on a phone shows the choices, current one marked.
	openInViewport(t, ctx, base, "/cases/category/smart-property/", layoutViewports[0])
	if s := run(t, ctx, chromedp.Text(chromedp.CSS(`details.facet-group summary`))); !strings.Contains(s, "智慧物业") {
		t.Errorf("folded category filter says %q, want the current category", s)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`details.facet-group summary`)))
	if n := run(t, ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("details.facet-group")[0].querySelectorAll(".facets a")).filter(a => a.getBoundingClientRect().height > 0).length`)); n < 5 {
		t.Errorf("unfolded category filter shows %d links", n)
	}
	rec.assertClean(t, base)
}

// careModeText doubles the text as WeChat's 关怀模式 does (its web view
// renders text at about 200%): the root font size, which every size in
// site.css is relative to, doubled.
const careModeText = `(() => { const r = document.documentElement; r.style.fontSize = (parseFloat(getComputedStyle(r).fontSize) * 2) + "px"; })()`

// clippedProbe finds, at the open page, sideways scrolling and controls that
// are cut off: outside the screen, or with their text overflowing them.
const clippedProbe = `(() => {
	const out = [];
	const doc = document.documentElement, vw = doc.clientWidth;
	if (doc.scrollWidth > vw + 1) out.push("page scrolls sideways: " + doc.scrollWidth + " px wide in " + vw + " px");
	for (const el of document.querySelectorAll("button, input, select, textarea, summary, a.button, .facets a, .pager a, .main-nav a")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
		if (el.closest(".table-wrap, .visually-hidden, .skip-link")) continue;
		const name = el.tagName.toLowerCase() + " " + JSON.stringify((el.textContent || el.placeholder || el.value || "").trim().slice(0, 16));
		if (r.left < -1 || r.right > vw + 1) out.push(name + " reaches beyond the screen (" + Math.round(r.left) + "–" + Math.round(r.right) + ")");
		if (el.tagName !== "INPUT" && el.tagName !== "SELECT" && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
			out.push(name + " clips its text (" + el.scrollWidth + " px in " + el.clientWidth + " px)");
		}
	}
	return out;
})()`

// TestLayoutAtDoubleText: every page kind at 360 px with its text at 200%
// neither scrolls sideways nor cuts off a control.
func TestLayoutAtDoubleText(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 740)
	vp := viewport{Name: "360-200%", W: 360, H: 740}
	for _, path := range layoutPages {
		openInViewport(t, ctx, base, path, vp)
		do(t, ctx, chromedp.Evaluate[chromedp.Void](careModeText))
		size := run(t, ctx, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.querySelector("main p, main li, main td") || document.body).fontSize)`))
		if size < 30 {
			t.Fatalf("%s: body text renders at %v px; the 200%% emulation did not take", path, size)
		}
		for _, p := range run(t, ctx, chromedp.Evaluate[[]string](clippedProbe)) {
			t.Errorf("%s at 200%% text: %s", path, p)
		}
		saveScreenshot(t, ctx, "200pct-"+path)
	}
	rec.assertClean(t, base)
}
