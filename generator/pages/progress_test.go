package pages

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/internal/csvrows"
	"github.com/sxwuye/portal/generator/internal/htmlcheck"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// progSample loads the shipped sample (site.yaml and data/) and lets edit
// change the rows before the model is assembled.
func progSample(t *testing.T, edit func(*dataset.Set)) *model.Model {
	t.Helper()
	fsys := os.DirFS("../..")
	cfg, err := config.Load(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := &diag.Report{}
	set := dataset.Load(fsys, dataset.Options{Config: cfg}, rep)
	if rep.HasErrors() {
		t.Fatalf("the shipped sample has errors: %v", rep.Problems())
	}
	if edit != nil {
		edit(set)
	}
	return model.Assemble(cfg, set, nil, model.Version{})
}

// progPages plans the home page and the progress section alone (so a
// section other helpers are still writing cannot break this test) and
// renders them with the project's templates, by site path.
func progPages(t *testing.T, m *model.Model) (map[string]*html.Node, *builder) {
	t.Helper()
	b := &builder{m: m, plan: &Plan{}, seen: map[string]string{}}
	b.home()
	b.progress()
	if len(b.errs) > 0 {
		t.Fatal(b.errs)
	}
	r, err := render.New(os.DirFS("../../templates"), &render.Site{Config: m.Config})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*html.Node{}
	for _, p := range b.plan.Pages {
		data, err := r.RenderOne(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := htmlcheck.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		out[p.Path] = doc
	}
	return out, b
}

var progSpace = regexp.MustCompile(`\s+`)

func progText(n *html.Node) string {
	return strings.TrimSpace(progSpace.ReplaceAllString(htmlcheck.Text(n), " "))
}

// progTable returns the cell texts of the body rows of the table captioned by id.
func progTable(t *testing.T, doc *html.Node, captionID string) [][]string {
	t.Helper()
	cap, err := htmlcheck.MustOne(doc, "#"+captionID)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, tb := range htmlcheck.Find(cap.Parent, "tbody") {
		for _, tr := range htmlcheck.Find(tb, "tr") {
			var cells []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					cells = append(cells, progText(c))
				}
			}
			rows = append(rows, cells)
		}
	}
	return rows
}

// progCSV reads data/progress.csv with encoding/csv, independently of the
// dataset package, into column maps.
func progCSV(t *testing.T) []map[string]string {
	t.Helper()
	return csvrows.Read(t, "../../data/progress.csv")
}

func progAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestProgressNumbersAreSumsOfTheCSV: every province figure on /progress/
// is the sum of the cities' rows of progress.csv on that date.
func TestProgressNumbersAreSumsOfTheCSV(t *testing.T) {
	docs, _ := progPages(t, progSample(t, nil))
	doc := docs["/progress/"]
	type sums struct{ cities, formed, eligible, none, total, covered, firms int }
	byDate := map[string]*sums{}
	var dates []string
	for _, r := range progCSV(t) {
		d := r["report_date"]
		s := byDate[d]
		if s == nil {
			s = &sums{}
			byDate[d] = s
			dates = append(dates, d)
		}
		s.cities++
		s.formed += progAtoi(t, r["committees_formed"])
		s.eligible += progAtoi(t, r["eligible_for_committee"])
		s.none += progAtoi(t, r["mode_none"])
		s.total += progAtoi(t, r["communities_total"])
		s.covered += progAtoi(t, r["enterprises_party_covered"])
		s.firms += progAtoi(t, r["enterprises_total"])
	}
	for _, tc := range []struct {
		caption  string
		num, den func(*sums) int
		baseline bool
	}{
		{"committee-series-cap", func(s *sums) int { return s.formed }, func(s *sums) int { return s.eligible }, false},
		{"no-service-series-cap", func(s *sums) int { return s.none }, func(s *sums) int { return s.total }, true},
		{"party-series-cap", func(s *sums) int { return s.covered }, func(s *sums) int { return s.firms }, false},
	} {
		rows := progTable(t, doc, tc.caption)
		if tc.baseline {
			// The notice's starting point comes first: 4,226 of 23,494.
			if len(rows) == 0 || !strings.HasPrefix(rows[0][0], "通知基数") || rows[0][2] != "4,226" || rows[0][3] != "23,494" {
				t.Errorf("%s: baseline row %v", tc.caption, rows[0])
			}
			rows = rows[1:]
		}
		if len(rows) != len(dates) {
			t.Fatalf("%s: %d rows for %d report dates", tc.caption, len(rows), len(dates))
		}
		for i, d := range dates {
			s := byDate[d]
			want := []string{d, strconv.Itoa(s.cities) + "/11", render.Int(tc.num(s)), render.Int(tc.den(s))}
			for k, w := range want {
				if rows[i][k] != w {
					t.Errorf("%s %s column %d = %q, want %q (row %v)", tc.caption, d, k, rows[i][k], w, rows[i])
				}
			}
		}
	}
	// The mode mix table: baseline first, then the sums per date.
	rows := progTable(t, doc, "modes-cap")
	if len(rows) != len(dates)+1 || rows[0][0] != "通知基数" || rows[0][len(rows[0])-1] != "23,494" {
		t.Errorf("mode table: %d rows, first %v", len(rows), rows[0])
	}
	// The baseline table reproduces the notice.
	base := progTable(t, doc, "baseline-cap")
	want := [][]string{{"物业服务企业", "10,802", "46.0%"}, {"社区托管", "2,752", "11.7%"}, {"业主自管", "3,176", "13.5%"},
		{"单位管理", "2,538", "10.8%"}, {"无物业", "4,226", "18.0%"}, {"合计", "23,494", "100.0%"}}
	if strings.Join(progFlat(base), "|") != strings.Join(progFlat(want), "|") {
		t.Errorf("baseline table %v, want %v", base, want)
	}
	if !strings.Contains(progText(doc), "全省合计与通知公布的数字一致") {
		t.Error("/progress/ does not say the first report equals the notice")
	}
}

func progFlat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// TestProgressPagesStructure: a page per city, tables with captions and
// scopes, unique ids, charts with a title and a table, links both ways.
func TestProgressPagesStructure(t *testing.T) {
	m := progSample(t, nil)
	docs, _ := progPages(t, m)
	var cityCodes []string
	for _, r := range m.Regions {
		if r.Level == "city" {
			cityCodes = append(cityCodes, r.Code)
		}
	}
	if len(cityCodes) != 11 {
		t.Fatalf("%d cities in the sample", len(cityCodes))
	}
	perCity := map[string]int{}
	for _, r := range progCSV(t) {
		perCity[r["region_code"]]++
	}
	for _, code := range cityCodes {
		doc := docs["/progress/"+code+"/"]
		if doc == nil {
			t.Errorf("no page /progress/%s/", code)
			continue
		}
		if got := len(progTable(t, doc, "reports-cap")); got != perCity[code] {
			t.Errorf("/progress/%s/: %d reports in the table, progress.csv has %d", code, got, perCity[code])
		}
		links := progLinks(doc, "/progress/"+code+"/")
		if !links["/regions/"+code+"/"] || !links["/progress/"] {
			t.Errorf("/progress/%s/ does not link its region page and /progress/", code)
		}
	}
	for path, doc := range docs {
		if path == "/" {
			continue
		}
		if d := htmlcheck.DuplicateIDs(doc); len(d) > 0 {
			t.Errorf("%s: duplicate ids %v", path, d)
		}
		for _, tbl := range htmlcheck.Find(doc, "table") {
			if len(htmlcheck.Find(tbl, "caption")) != 1 {
				t.Errorf("%s: a table without caption", path)
			}
			for _, th := range htmlcheck.Find(tbl, "th") {
				if _, ok := htmlcheck.Attr(th, "scope"); !ok {
					t.Errorf("%s: <th>%s</th> without scope", path, progText(th))
				}
			}
		}
		svgs := htmlcheck.Find(doc, "svg")
		if len(svgs) < 4 {
			t.Errorf("%s: %d charts", path, len(svgs))
		}
		for _, svg := range svgs {
			if role, _ := htmlcheck.Attr(svg, "role"); role != "img" || len(htmlcheck.Find(svg, "title")) != 1 || len(htmlcheck.Find(svg, "desc")) != 1 {
				t.Errorf("%s: a chart without role, title or desc", path)
			}
		}
		if n := len(htmlcheck.Find(doc, "table")); n < len(svgs) {
			t.Errorf("%s: %d charts but %d tables", path, len(svgs), n)
		}
	}
	// The province page links the notice's goals clause and every city page.
	links := progLinks(docs["/progress/"], "/progress/")
	for _, code := range cityCodes {
		if !links["/progress/"+code+"/"] {
			t.Errorf("/progress/ does not link /progress/%s/", code)
		}
	}
	found := false
	htmlcheck.Walk(docs["/progress/"], func(n *html.Node) {
		if h, _ := htmlcheck.Attr(n, "href"); strings.HasSuffix(h, "policies/sx-wuye-2022-gzap/#s1") {
			found = true
		}
	})
	if !found {
		t.Error("/progress/ does not link the notice's clause #s1")
	}
}

// progLinks is the set of internal link targets of a page.
func progLinks(doc *html.Node, pagePath string) map[string]bool {
	out := map[string]bool{}
	for _, l := range htmlcheck.Links(doc, pagePath) {
		out[l] = true
	}
	return out
}

// TestGoalCards: the home page's three goals for the sample's last report
// (2022-12-18), their status in words and class, and links to existing anchors.
func TestGoalCards(t *testing.T) {
	docs, b := progPages(t, progSample(t, nil))
	cards, date := b.goalCards()
	if render.Date(date) != "2022-12-18" || len(cards) != 3 {
		t.Fatalf("goal cards %v on %s", cards, render.Date(date))
	}
	want := []struct{ title, figure, status, text, target string }{
		{"物管会（业委会）组建率", "98.2%", "on-track", "进度正常，距本阶段目标还差 372 个", "目标：2022-12-31 前达到 100%；截至 2022-12-18，距 2022-12-31 的期限还有 13 天"},
		{"无物业服务小区清零", "0 个", "met", "已达标", "目标：2022-09-30 前清零"},
		{"物业服务企业党的组织和工作覆盖率", "99.9%", "behind", "落后于目标，还差 2 家", "目标：2022-11-30 前达到 100%；截至 2022-12-18，已超过 2022-11-30 的期限 18 天"},
	}
	prog := docs["/progress/"]
	for i, w := range want {
		c := cards[i]
		if c.Title != w.title || c.Fig.Text != w.figure || c.Status != w.status || c.StatusText != w.text || c.Target != w.target {
			t.Errorf("card %d = %+v, want %+v", i, c, w)
		}
		_, anchor, _ := strings.Cut(c.URL, "#")
		if !strings.HasPrefix(c.URL, "/progress/#") || len(htmlcheck.Find(prog, "#"+anchor)) != 1 {
			t.Errorf("card %d links %s, which is not a section of /progress/", i, c.URL)
		}
	}
	home := progText(docs["/"])
	for _, w := range []string{"98.2%", "已组建 20,208 个 / 应组建 20,580 个", "落后于目标，还差 2 家", "2022-12-18"} {
		if !strings.Contains(home, w) {
			t.Errorf("home page lacks %q", w)
		}
	}
	if n := len(htmlcheck.Find(docs["/"], "p.goal-status")); n != 3 {
		t.Errorf("home page has %d goal statuses", n)
	}
}

// TestMissingReport: a city that did not report on the last date is named on
// /progress/, the province figures of that date cover 10 cities, and the
// city's page lists the date it missed.
func TestMissingReport(t *testing.T) {
	const city, day = "140500", "2022-12-18"
	m := progSample(t, func(s *dataset.Set) {
		kept := s.Progress[:0]
		for _, r := range s.Progress {
			if !(r.RegionCode == city && r.ReportDate.String() == day) {
				kept = append(kept, r)
			}
		}
		s.Progress = kept
	})
	docs, b := progPages(t, m)
	prog := docs["/progress/"]
	text := progText(prog)
	if !strings.Contains(text, "11 个市中 10 个市报送") || !strings.Contains(text, day+" 未报送的市：晋城市") {
		t.Errorf("/progress/ does not say 晋城市 is missing on %s", day)
	}
	rows := progTable(t, prog, "committee-series-cap")
	if last := rows[len(rows)-1]; last[0] != day || last[1] != "10/11" {
		t.Errorf("last committee row %v, want 10 of 11 cities", last)
	}
	rank := progTable(t, prog, "committee-rank-cap")
	if last := rank[len(rank)-1]; last[1] != "晋城市" || last[len(last)-1] != "未报送" {
		t.Errorf("ranking does not end with the missing city: %v", last)
	}
	cards, _ := b.goalCards()
	if !strings.Contains(cards[0].Source, "截至 "+day+"（11 个市中 10 个市报送）") {
		t.Errorf("home card does not say the figure covers 10 cities: %q", cards[0].Source)
	}
	cityText := progText(docs["/progress/"+city+"/"])
	if !strings.Contains(cityText, "以下报送日期没有报送："+day) || !strings.Contains(cityText, "最新报送日期：2022-12-03") {
		t.Errorf("/progress/%s/ does not show its missed report", city)
	}
}

// TestNoReconciliationOnPublicPages: reconciling the reports with the
// ledger is for administrators (build warnings and a report file beside the
// output). Even where the ledger alone counts more than a city's report, no
// public page says so.
func TestNoReconciliationOnPublicPages(t *testing.T) {
	m := progSample(t, nil)
	const code = "140500"
	rep := m.Progress.Series(code).Latest()
	s := &m.RegionByCode[code].Stats
	s.Modes[4] = rep.ModeNone + 7
	s.EligibleFormed = rep.CommitteesFormed + 2
	if c := model.CheckLedger(rep, *s); len(c.Excess) != 2 {
		t.Fatalf("the edited ledger should exceed the report twice: %+v", c.Excess)
	}
	docs, _ := progPages(t, m)
	for path, doc := range docs {
		text := progText(doc)
		for _, note := range htmlcheck.ReconciliationNotes {
			if strings.Contains(text, note) {
				t.Errorf("%s carries the reconciliation note %q", path, note)
			}
		}
	}
}

// TestRegionPagesLinkReports: a region page says its figures are the
// ledger's and links the reported ones, which differ: the province page
// /progress/, a city page its own /progress/<code>/ (issue 7.3: both ways).
func TestRegionPagesLinkReports(t *testing.T) {
	m := progSample(t, nil)
	b := &builder{m: m, plan: &Plan{}, seen: map[string]string{}}
	b.regions()
	if len(b.errs) > 0 {
		t.Fatal(b.errs)
	}
	r, err := render.New(os.DirFS("../../templates"), &render.Site{Config: m.Config})
	if err != nil {
		t.Fatal(err)
	}
	latest := m.Progress.Latest()
	for _, tc := range []struct {
		code, link string
		want       []string
	}{
		{"140000", "/progress/", []string{
			"山西省台账收录小区数 " + render.Int(m.Province.Stats.Communities) + " 个（非全省总数）",
			"各市报送的全省数据（截至 2022-12-18：住宅小区总数 " + render.Int(latest.CommunitiesTotal) + " 个，物管会（业委会）组建率 98.2%）见 工作进展",
		}},
		{"140500", "/progress/140500/", []string{"非全市总数", "晋城市报送的全市数据（截至 2022-12-18：", "见 晋城市工作进展"}},
		{"140502", "/progress/140500/", []string{"未必是本区县全部小区", "晋城市报送的全市数据见 晋城市工作进展"}},
	} {
		var page *render.Page
		for _, p := range b.plan.Pages {
			if p.Path == "/regions/"+tc.code+"/" {
				page = p
			}
		}
		if page == nil {
			t.Fatalf("no page /regions/%s/", tc.code)
		}
		data, err := r.RenderOne(page)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := htmlcheck.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		text := progText(doc)
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q", page.Path, w)
			}
		}
		if !progLinks(doc, page.Path)[tc.link] {
			t.Errorf("%s does not link %s", page.Path, tc.link)
		}
	}
}
