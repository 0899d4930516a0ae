package e2e

import (
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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
		latest, grade = r["period"], gradeOfTotal(sum)
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

// placeQuery picks, from the shipped communities, the rarest two-character
// part of a name found in more than one city and in two counties of one of
// them, so narrowing by city and then by county both have something to
// remove. It returns the query, that city's code and each community's
// county code by URL.
func placeQuery(t *testing.T) (q, city string, county map[string]string) {
	t.Helper()
	rows := csvrows.Read(t, "../../data/communities.csv")
	county = map[string]string{}
	count := map[string]int{}
	for _, r := range rows {
		county["/communities/"+r["id"]+"/"] = r["region_code"]
		rs := []rune(strings.TrimPrefix(r["name"], "示例·"))
		seen := map[string]bool{}
		for i := 0; i+1 < len(rs); i++ {
			if w := string(rs[i : i+2]); !seen[w] {
				seen[w] = true
				count[w]++
			}
		}
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		return count[words[i]] < count[words[j]] || count[words[i]] == count[words[j]] && words[i] < words[j]
	})
	for _, w := range words {
		counties := map[string]map[string]bool{} // city code → county codes
		for _, r := range rows {
			if strings.Contains(r["name"], w) {
				c := r["region_code"][:4] + "00"
				if counties[c] == nil {
					counties[c] = map[string]bool{}
				}
				counties[c][r["region_code"]] = true
			}
		}
		for c, set := range counties {
			if len(counties) > 1 && len(set) > 1 && (city == "" || c < city) {
				city = c
			}
		}
		if city != "" {
			return w, city, county
		}
	}
	t.Fatal("no name part in the sample spans two cities and two counties of one")
	return
}

// TestNarrowByPlace narrows a search for communities to a city and then to
// one of its counties with the keyboard alone, as a resident would: only
// results there remain, with the count said in Chinese; focus stays on the
// control; the address carries the choice and reloading it restores it; and
// the controls fit a 360 px phone, in 大字版 and at 1366 px.
func TestNarrowByPlace(t *testing.T) {
	base := servedSample(t)
	q, city, county := placeQuery(t)
	ctx, rec := newBrowser(t, 360, 740)
	openInViewport(t, ctx, base, "/search/?q="+url.QueryEscape(q)+"&type=community", layoutViewports[0])

	type state struct {
		Status, City, County, Focus, URL string
		CountyShown                      bool
		CityOptions, CountyOptions       []string // "code label（count）"
		Hits                             []string // result paths
	}
	read := func() state {
		return run(t, ctx, chromedp.Evaluate[state](`(() => {
			const f = document.querySelector("#search-where");
			const opts = s => Array.from(s.options, o => o.value + " " + o.textContent);
			return {
				Status: document.querySelector("#search-results").textContent,
				City: f.city.value, County: f.county.value,
				Focus: document.activeElement.name || "",
				URL: location.search,
				CountyShown: !f.hidden && f.county.getBoundingClientRect().height > 0,
				CityOptions: opts(f.city), CountyOptions: opts(f.county),
				Hits: Array.from(document.querySelectorAll(".search-hit a.search-title"), a => new URL(a.href).pathname),
			};
		})()`))
	}
	// choose moves a select down with the arrow key until it shows code,
	// each step applying at once, and waits for the results it asks for.
	choose := func(name, code string) state {
		do(t, ctx, chromedp.Focus(chromedp.CSS(`#search-where select[name=`+name+`]`)))
		for range 30 {
			if s := read(); (name == "city" && s.City == code) || (name == "county" && s.County == code) {
				do(t, ctx, chromedp.Poll[chromedp.Void](`/^在.*找到/.test(document.querySelector("#search-results").textContent)`))
				return read()
			}
			do(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
		}
		t.Fatalf("the %s select never shows %s: %+v", name, code, read())
		return state{}
	}
	// option returns the name and count an option shows for code.
	optionRe := regexp.MustCompile(`^(\d+) (\S+)（(\d+)）$`)
	option := func(options []string, code string) (string, int) {
		for _, o := range options {
			if m := optionRe.FindStringSubmatch(o); m != nil && m[1] == code {
				n, _ := strconv.Atoi(m[3])
				return m[2], n
			}
		}
		t.Fatalf("no option for %s in %v", code, options)
		return "", 0
	}
	checkHits := func(s state, code string, n int) {
		if len(s.Hits) != min(n, 10) { // ten a group before 显示更多
			t.Errorf("%d results shown, want %d", len(s.Hits), min(n, 10))
		}
		for _, h := range s.Hits {
			if !strings.HasPrefix(county[h], strings.TrimSuffix(code, "00")) {
				t.Errorf("narrowed to %s, a result is %s in %q", code, h, county[h])
			}
		}
	}
	before := read()
	if before.CountyShown || len(before.CityOptions) < 3 {
		t.Fatalf("before narrowing: city options %v, county shown %v", before.CityOptions, before.CountyShown)
	}

	// A city: only its communities, as many as its option said.
	in := choose("city", city)
	cityName, n := option(in.CityOptions, city)
	if in.Focus != "city" || !strings.Contains(in.URL, "city="+city) || in.Status != "在"+cityName+"找到 "+strconv.Itoa(n)+" 条结果" {
		t.Errorf("narrowed to %s: focus on %q, address %q, status %q (option count %d)", city, in.Focus, in.URL, in.Status, n)
	}
	checkHits(in, city, n)
	if !in.CountyShown || len(in.CountyOptions) < 3 {
		t.Fatalf("once %s is chosen the county select shows %v (shown %v)", city, in.CountyOptions, in.CountyShown)
	}

	// One of its counties: fewer again.
	code := strings.Fields(in.CountyOptions[1])[0]
	in2 := choose("county", code)
	countyName, n2 := option(in2.CountyOptions, code)
	if n2 >= n || n2 == 0 || in2.Focus != "county" || !strings.Contains(in2.URL, "county="+code) || in2.Status != "在"+cityName+countyName+"找到 "+strconv.Itoa(n2)+" 条结果" {
		t.Errorf("narrowed to county %s: %d of %d results, focus on %q, address %q, status %q", code, n2, n, in2.Focus, in2.URL, in2.Status)
	}
	checkHits(in2, code, n2)

	// The address restores it.
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(`main`)), chromedp.Poll[chromedp.Void](searchDone))
	again := read()
	if again.City != city || again.County != code || again.Status != in2.Status || strings.Join(again.Hits, " ") != strings.Join(in2.Hits, " ") {
		t.Errorf("after reloading: city %q county %q status %q hits %v; before: %q %v", again.City, again.County, again.Status, again.Hits, in2.Status, in2.Hits)
	}

	// A shared address for a city without any of these results says so.
	for _, r := range csvrows.Read(t, "../../data/regions.csv") {
		if r["level"] != "city" || strings.Contains(strings.Join(before.CityOptions, " "), r["code"]+" ") {
			continue
		}
		do(t, ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape(q)+"&city="+r["code"]), chromedp.Poll[chromedp.Void](searchDone))
		none := read()
		if want := "在" + r["name"] + "没有找到与“" + q + "”相关的结果"; none.Status != want || len(none.Hits) != 0 || none.City != r["code"] {
			t.Errorf("narrowed to %s, which has none: status %q (want %q), %d results, city select %q", r["code"], none.Status, want, len(none.Hits), none.City)
		}
		break
	}

	// The controls fit the screen, normal and large, and nothing else breaks.
	for _, vp := range layoutViewports {
		openInViewport(t, ctx, base, "/search/"+again.URL, vp)
		for _, p := range layoutProblems(t, ctx, vp) {
			t.Errorf("%s: %s", vp.Name, p)
		}
		for _, p := range run(t, ctx, chromedp.Evaluate[[]string](`(() => {
			const out = [];
			for (const s of document.querySelectorAll("#search-where select")) {
				const r = s.getBoundingClientRect(), text = s.selectedOptions[0].textContent;
				if (r.left < 0 || r.right > innerWidth) out.push(s.name + " select spans " + r.left + "–" + r.right + " px");
				// The chosen option's text fits in the closed select.
				const span = document.createElement("span");
				span.style.font = getComputedStyle(s).font;
				span.style.whiteSpace = "nowrap";
				span.textContent = text;
				document.body.append(span);
				const w = span.getBoundingClientRect().width;
				span.remove();
				if (w > s.clientWidth) out.push(s.name + " select " + s.clientWidth + " px wide for " + JSON.stringify(text) + " of " + w + " px");
				const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				if (r.bottom <= innerHeight && hit !== s) out.push(s.name + " select is covered by " + (hit && hit.outerHTML.slice(0, 60)));
			}
			return out;
		})()`)) {
			t.Errorf("%s: %s", vp.Name, p)
		}
		saveScreenshot(t, ctx, vp.Name+"-search-narrowed")
	}
	rec.assertClean(t, base)
}
