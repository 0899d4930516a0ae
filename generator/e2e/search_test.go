package e2e

import (
	"net/url"
	"os"
	"regexp"
	"strconv"
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
	// The result shows the community's latest grade, as the CSV gives it.
	latest, grade := "", ""
	for _, r := range csvrows.Read(t, "../../data/evaluations.csv") {
		if r["community_id"] != id || r["period"] < latest {
			continue
		}
		sum := 0.0
		for _, k := range []string{"basic_service", "facilities", "satisfaction"} {
			v, _ := strconv.ParseFloat(r[k], 64)
			sum += v
		}
		latest, grade = r["period"], "不合格"
		switch {
		case sum >= 90:
			grade = "优秀"
		case sum >= 80:
			grade = "良好"
		case sum >= 60:
			grade = "合格"
		}
	}
	if grade == "" {
		t.Errorf("community %s has no evaluation in the sample: pick one that has", id)
	} else {
		ctxLine := run(t, ctx, chromedp.Text(chromedp.CSS(`.search-group .search-hit .search-context`)))
		if !strings.Contains(ctxLine, "最新评价 "+grade+" ") {
			t.Errorf("first result says %q, want its latest grade %s (period %s)", ctxLine, grade, latest)
		}
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

// helpExamples are the searches the help page suggests: every quoted word
// after 例如 on a line that tells the reader to type (输入) or search (搜索).
func helpExamples(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../content/pages/help.md")
	if err != nil {
		t.Fatal(err)
	}
	quoted := regexp.MustCompile(`“([^”]+)”`)
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		i := strings.Index(line, "例如")
		if i < 0 || !(strings.Contains(line, "输入") || strings.Contains(line, "搜索")) {
			continue
		}
		// The example runs to the end of its clause.
		ex := line[i:]
		if j := strings.IndexAny(ex, "，。；）"); j >= 0 {
			ex = ex[:j]
		}
		for _, m := range quoted.FindAllStringSubmatch(ex, -1) {
			out = append(out, m[1])
		}
	}
	if len(out) == 0 {
		t.Fatal("the help page suggests no search example")
	}
	return out
}

// TestHelpExamplesFindResults types every example of the help page into the
// search, as a reader following the help would: each finds something.
func TestHelpExamplesFindResults(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 740)
	for _, q := range helpExamples(t) {
		do(t, ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape(q)), chromedp.WaitReady(chromedp.CSS(`#search-results`)))
		do(t, ctx, chromedp.Poll[chromedp.Void](searchDone))
		hits := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".search-hit").length`))
		if hits == 0 {
			status := run(t, ctx, chromedp.Text(chromedp.CSS(`#search-results`)))
			t.Errorf("the help's example %q finds nothing: %q", q, status)
		}
	}
	rec.assertClean(t, base)
}

// TestHighlightKeepsTitleHeight: on a phone, in normal and large text, a
// result title with highlighted words is exactly as tall as the same title
// without them (a highlight never turns a title into columns).
func TestHighlightKeepsTitleHeight(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 740)
	for _, vp := range layoutViewports[:2] {
		openInViewport(t, ctx, base, "/search/?q="+url.QueryEscape("物管会"), vp)
		diffs := run(t, ctx, chromedp.Evaluate[[]string](`(() => {
			const out = [];
			const titles = Array.from(document.querySelectorAll(".search-hit .search-title")).filter(a => a.querySelector("mark"));
			if (titles.length === 0) return ["no highlighted title"];
			for (const a of titles) {
				const plain = a.cloneNode(false);
				plain.textContent = a.textContent;
				a.after(plain);
				const h1 = a.getBoundingClientRect().height, h2 = plain.getBoundingClientRect().height;
				plain.remove();
				if (Math.abs(h1 - h2) > 0.5) out.push(JSON.stringify(a.textContent) + ": " + h1 + " px with highlights, " + h2 + " px without");
			}
			return out;
		})()`))
		for _, d := range diffs {
			t.Errorf("%s: %s", vp.Name, d)
		}
	}
	rec.assertClean(t, base)
}

// TestNarrowByKind narrows a broad search to one kind through its link: the
// URL keeps the choice and only that kind's results are shown.
func TestNarrowByKind(t *testing.T) {
	base := servedSample(t)
	ctx, rec := newBrowser(t, 360, 740)
	do(t, ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape("物业")), chromedp.Poll[chromedp.Void](searchDone))
	kinds := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".search-kinds a")).map(a => a.textContent)`))
	if len(kinds) < 3 {
		t.Fatalf("kinds offered: %v", kinds)
	}
	// Follow the link as a reader would.
	href := run(t, ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll(".search-kinds a")).find(a => a.textContent.startsWith("物业服务企业")).href`))
	if !strings.Contains(href, "type=enterprise") {
		t.Fatalf("the 物业服务企业 link is %q", href)
	}
	do(t, ctx, chromedp.Navigate(href), chromedp.Poll[chromedp.Void](searchDone))
	heads := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".search-group h2")).map(h => h.textContent)`))
	if len(heads) != 1 || !strings.HasPrefix(heads[0], "物业服务企业") {
		t.Errorf("after narrowing to 物业服务企业 the groups are %v", heads)
	}
	current := run(t, ctx, chromedp.Evaluate[string](`(document.querySelector(".search-kinds [aria-current]") || {}).textContent || ""`))
	if !strings.HasPrefix(current, "物业服务企业") {
		t.Errorf("the current kind is %q", current)
	}
	rec.assertClean(t, base)
}
