package e2e

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/sxwuye/portal/generator/internal/csvrows"
)

// uniqueCommunity picks a sample community whose name, without the 示例·
// marker, is its alone among all communities, so a search for it must put it
// first. It returns the id and that part of the name.
func uniqueCommunity(t *testing.T) (id, query string) {
	t.Helper()
	rows := csvrows.Read(t, "../../data/communities.csv")
	count := map[string]int{}
	strip := func(name string) string { return strings.TrimPrefix(name, "示例·") }
	for _, r := range rows {
		n := strip(r["name"])
		for _, other := range rows {
			if strings.Contains(strip(other["name"]), n) {
				count[n]++
			}
		}
	}
	for _, r := range rows {
		n := strip(r["name"])
		if count[n] == 1 && utf8.RuneCountInString(n) >= 3 && r["management_mode"] == "物业服务企业" {
			return r["id"], n
		}
	}
	t.Fatal("no community with a unique name in the sample")
	return "", ""
}

// TestResidentFindsCommunityFromHeader types part of a community's name in
// the header box, as a resident would, opens the first result and sees the
// community's company and latest score.
func TestResidentFindsCommunityFromHeader(t *testing.T) {
	base := servedSample(t)
	id, query := uniqueCommunity(t)
	ctx, rec := newBrowser(t, 1280, 900)

	do(t, ctx,
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys(chromedp.CSS(`#header-q`), query),
		chromedp.Submit(chromedp.CSS(`#header-q`)),
		chromedp.WaitVisible(chromedp.CSS(`.search-hit a.search-title`)),
	)
	loc := run(t, ctx, chromedp.Location())
	if u, _ := url.Parse(loc); u.Query().Get("q") != query {
		t.Errorf("query not kept in the URL: %s", loc)
	}
	first := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`.search-group .search-hit a.search-title`), "href"))
	if !strings.HasSuffix(first.Value, "/communities/"+id+"/") {
		t.Fatalf("first result is %q, want community %s (%s)", first.Value, id, query)
	}
	marked := run(t, ctx, chromedp.Text(chromedp.CSS(`.search-hit a.search-title mark`)))
	if !strings.Contains(query, marked) || marked == "" {
		t.Errorf("highlighted %q, want part of %q", marked, query)
	}
	status := run(t, ctx, chromedp.Text(chromedp.CSS(`#search-results`)))
	if !strings.Contains(status, "找到") {
		t.Errorf("live region says %q", status)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`.search-group .search-hit a.search-title`)), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	h1 := run(t, ctx, chromedp.Text(chromedp.CSS(`main h1`)))
	if !strings.Contains(h1, query) {
		t.Errorf("community page h1 = %q", h1)
	}
	body := run(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{"物业服务企业", "总分", "等级"} {
		if !strings.Contains(body, want) {
			t.Errorf("community page lacks %q", want)
		}
	}
	rec.assertClean(t, base)
}

// TestPhraseFromNoticeFromSharedURL opens a shared search URL for a phrase of
// the notice: the notice is found and the phrase highlighted.
func TestPhraseFromNoticeFromSharedURL(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 1280, 900)
	phrase := "打破物业服务终身制"
	do(t, ctx,
		chromedp.Navigate(base+"/search/?q="+url.QueryEscape(phrase)),
		chromedp.WaitVisible(chromedp.CSS(`.search-hit`)),
	)
	if v := run(t, ctx, chromedp.Value(chromedp.CSS(`#search-q`))); v != phrase {
		t.Errorf("search box holds %q, want the shared query", v)
	}
	hrefs := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".search-hit a.search-title")).map(a => a.getAttribute("href"))`))
	// The hit leads to the clause that holds the phrase: 二、（三）三是.
	found := false
	for _, h := range hrefs {
		if strings.HasSuffix(h, noticePath+"#s2-3-3") {
			found = true
		}
	}
	if !found {
		t.Fatalf("no result links the notice's clause #s2-3-3: %v", hrefs)
	}
	marks := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".search-hit mark")).map(m => m.textContent)`))
	if !strings.Contains(strings.Join(marks, ""), phrase) {
		t.Errorf("phrase not highlighted: marks %v", marks)
	}
	rec.assertClean(t, base)
}
