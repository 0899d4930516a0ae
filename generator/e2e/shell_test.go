package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const noticePath = "/policies/sx-wuye-2022-gzap/"

// TestNoticeClauseLinkAndLargeText walks the foundation's promises: the home
// page loads, the notice's clause links point at their clause, the 大字版
// toggle survives a reload, and nothing errs or leaves 127.0.0.1.
func TestNoticeClauseLinkAndLargeText(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 1280, 900)

	do(t, ctx, chromedp.Navigate(base+"/"))
	if title := run(t, ctx, chromedp.Title()); !strings.Contains(title, "山西省社区物业管理公开平台") {
		t.Errorf("home title = %q", title)
	}

	do(t, ctx, chromedp.Navigate(base+noticePath))
	// The clause link of 二、（三） is visible and points at its own clause.
	href := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#s2-3 a.clause-link`), "href"))
	if !href.Exists || href.Value != "#s2-3" {
		t.Fatalf("clause link of s2-3 = %+v, want #s2-3", href)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#s2-3 a.clause-link`)))
	loc := run(t, ctx, chromedp.Location())
	if !strings.HasSuffix(loc, "#s2-3") {
		t.Errorf("after clicking the clause link the location is %q", loc)
	}
	target := run(t, ctx, chromedp.Evaluate[string](`document.querySelector(":target") ? document.querySelector(":target").id : ""`))
	if target != "s2-3" {
		t.Errorf(":target is %q, want s2-3", target)
	}
	text := run(t, ctx, chromedp.Text(chromedp.CSS(`#s2-3`)))
	if !strings.Contains(text, "小区物业服务全覆盖") {
		t.Errorf("clause s2-3 text = %q", text)
	}

	// 大字版: on, then remembered across a reload, with larger body text.
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#large-toggle`)), chromedp.Click(chromedp.CSS(`#large-toggle`)))
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#large-toggle`)))
	large := run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.classList.contains("large")`))
	pressed := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#large-toggle`), "aria-pressed"))
	size := run(t, ctx, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.body).fontSize)`))
	if !large || pressed.Value != "true" {
		t.Errorf("large text not remembered after reload: class=%v aria-pressed=%q", large, pressed.Value)
	}
	if size < 18 {
		t.Errorf("large-text body font size = %vpx, want ≥ 18", size)
	}
	rec.assertClean(t, base)
}
