package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePath finds axe-core's browser build: $AXE_CORE_JS, or the copy .ci/run
// installs from npm into .cache/axe. It is never vendored into the repository.
func axePath(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("AXE_CORE_JS"), filepath.Join("..", "..", ".cache", "axe", "node_modules", "axe-core", "axe.min.js")}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but axe-core is missing: .ci/run installs it into .cache/axe")
	}
	t.Skip("skipping accessibility test: axe-core not installed (npm install --prefix .cache/axe axe-core@4)")
	return ""
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// TestAccessibility runs axe-core (WCAG 2.1 A and AA rules) inside Chromium on
// one page of every kind and fails on any serious or critical violation.
func TestAccessibility(t *testing.T) {
	axe := axePath(t)
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	base := servedSample(t)
	ctx, _ := newBrowser(t, 1280, 900)
	const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r => r.violations)`

	// Control: axe must see a planted violation, or the checks below prove nothing.
	do(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitReady(chromedp.CSS("main")))
	do(t, ctx, chromedp.Evaluate[chromedp.Void](string(src)))
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("main").appendChild(document.createElement("button"))`))
	control := run(t, ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	planted := false
	for _, v := range control {
		planted = planted || v.ID == "button-name"
	}
	if !planted {
		t.Fatalf("axe did not report an unnamed button: %+v", control)
	}

	pages := []string{
		"/",
		noticePath,
		"/policies/",
		"/cases/2022-001/",
		"/cases/",
		"/news/",
		"/evaluations/",
		"/evaluations/2023/",
		"/communities/C000001/",
		"/enterprises/E00001/",
		"/regions/140403/",
		"/progress/",
		"/indicators/",
		"/data/",
		"/data/communities/",
		"/search/?q=丁香",
		"/search/?q=丁香&city=140400", // narrowed: the county select shows
	}
	for _, p := range pages {
		t.Run(strings.Trim(p, "/"), func(t *testing.T) {
			do(t, ctx, chromedp.Navigate(base+p), chromedp.WaitReady(chromedp.CSS("main")))
			if strings.HasPrefix(p, "/search/") { // results and filters arrive after the index
				do(t, ctx, chromedp.Poll[chromedp.Void](searchDone))
			}
			do(t, ctx, chromedp.Evaluate[chromedp.Void](string(src)))
			violations := run(t, ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
			for _, v := range violations {
				if v.Impact != "serious" && v.Impact != "critical" {
					continue
				}
				var targets []string
				for i, n := range v.Nodes {
					if i == 3 {
						targets = append(targets, "…")
						break
					}
					targets = append(targets, strings.Join(n.Target, " "))
				}
				t.Errorf("%s: %s (%s) at %s", p, v.ID, v.Help, strings.Join(targets, "; "))
			}
		})
	}
}
