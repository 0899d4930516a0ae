package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestCopyCitation presses the copy button of a case, as a journalist would,
// and reads the clipboard: the GB/T 7714 citation with the permalink and the
// reader's access date.
func TestCopyCitation(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 1280, 900)
	do(t, ctx, chromedp.Navigate(base+"/cases/2022-001/"), chromedp.WaitVisible(chromedp.CSS(`button[data-copy]`)))
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name},
			Setting:    browser.PermissionSettingGranted,
			Origin:     base,
			// The test's tab lives in its own browser context (newBrowser).
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	shown := run(t, ctx, chromedp.Text(chromedp.CSS(`#cite-text`)))
	do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-copy]`)))
	run(t, ctx, chromedp.Poll[bool](`document.getElementById("cite-status").textContent.length > 0`))
	status := run(t, ctx, chromedp.Text(chromedp.CSS(`#cite-status`)))
	if !strings.Contains(status, "已复制") {
		t.Fatalf("copy status = %q", status)
	}
	clip := run(t, ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if !strings.Contains(clip, "[EB/OL]") || !strings.Contains(clip, "/cases/2022-001/") {
		t.Errorf("clipboard = %q, want a GB/T 7714 citation with the permalink", clip)
	}
	if !regexp.MustCompile(`\[\d{4}-\d{2}-\d{2}\]`).MatchString(clip) {
		t.Errorf("clipboard %q lacks the access date [YYYY-MM-DD]", clip)
	}
	// GB/T 7714-2015: (发布日期)[引用日期]. URL — the reader's date replaces
	// the placeholder shown on the page, right before the address.
	if !strings.Contains(shown, "[引用日期]") {
		t.Errorf("shown citation %q lacks the placeholder [引用日期]", shown)
	}
	if strings.Contains(clip, "[引用日期]") || !regexp.MustCompile(`\(\d{4}-\d{2}-\d{2}\)\[\d{4}-\d{2}-\d{2}\]\. https?://`).MatchString(clip) {
		t.Errorf("clipboard %q: want (发布日期)[YYYY-MM-DD]. URL", clip)
	}
	title := strings.Fields(shown)[0]
	if !strings.Contains(clip, strings.TrimSuffix(title, ".")) {
		t.Errorf("clipboard %q does not start like the shown citation %q", clip, shown)
	}
	rec.assertClean(t, base)
}
