package pages_test

// Tests of the evaluation, company, community and region pages. They build a
// model from rows made here (model.Assemble), plan the whole site, render
// the pages of these sections with the real templates, and assert on the
// HTML. Helpers are prefixed "ev" to stay apart from other sections' tests.

import (
	"fmt"
	"html"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/internal/htmlcheck"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/render"
)

// evTemplates are the page templates of these sections.
var evTemplates = map[string]bool{"evaluations": true, "evaluation": true, "enterprise": true, "community": true, "region": true}

type evSite struct {
	m     *model.Model
	plan  *pages.Plan
	html  map[string]string // site path → rendered page, for evTemplates pages
	built map[string]bool   // output path of every planned page, file and static asset
}

func (s *evSite) page(t *testing.T, sitePath string) string {
	t.Helper()
	h, ok := s.html[sitePath]
	if !ok {
		t.Fatalf("page %s was not planned", sitePath)
	}
	return h
}

// evRegions: two counties named 城区 (阳泉市, 晋城市) make the name ambiguous.
func evRegions() []dataset.Region {
	return []dataset.Region{
		{Code: "140000", Name: "山西省", Level: "province"},
		{Code: "140100", Name: "太原市", Level: "city", ParentCode: "140000"},
		{Code: "140105", Name: "小店区", Level: "county", ParentCode: "140100"},
		{Code: "140300", Name: "阳泉市", Level: "city", ParentCode: "140000"},
		{Code: "140302", Name: "城区", Level: "county", ParentCode: "140300"},
		{Code: "140500", Name: "晋城市", Level: "city", ParentCode: "140000"},
		{Code: "140502", Name: "城区", Level: "county", ParentCode: "140500"},
	}
}

// evData is a small ledger: three companies (E3 withdrawn, E4 without any
// evaluation), communities in both 城区, one community without a company,
// and two releases with a tie in 2023.
func evData() *dataset.Set {
	d := func(s string) dataset.Date { t, _ := time.Parse("2006-01-02", s); return dataset.Date{Time: t} }
	set := &dataset.Set{
		Regions: evRegions(),
		Enterprises: []dataset.Enterprise{
			{ID: "E1", Name: "示例·甲物业", CreditCode: "91140105000000001B", RegionCode: "140105", PartyOrg: "单独组建", PartyOrgDate: d("2022-08-01"), Status: "正常", ServicePhone: "0351-00000001"},
			{ID: "E2", Name: "示例·乙物业", CreditCode: "91140302000000002W", RegionCode: "140302", PartyOrg: "未覆盖", Status: "正常"},
			{ID: "E3", Name: "示例·丙物业", RegionCode: "140502", PartyOrg: "党建指导员", PartyOrgDate: d("2022-09-01"), Status: "清退"},
			{ID: "E4", Name: "示例·丁物业", RegionCode: "140105", PartyOrg: "未覆盖", Status: "正常"},
		},
		Communities: []dataset.Community{
			{ID: "C1", Name: "示例·一号小区", RegionCode: "140105", Street: "示例街道", Neighborhood: "示例社区", Households: 500, OccupancyRate: 90,
				ManagementMode: "物业服务企业", EnterpriseID: "E1", Committee: "业委会", CommitteeDate: d("2022-09-01"),
				CommitteeMembers: dataset.Some(7), CommitteePartyMembers: dataset.Some(3),
				ChairIsPartyMember: dataset.Some(true), FloorArea: dataset.Some(float64(10000)),
				ServiceRoomArea: dataset.Some(float64(250)), SmartPlatform: dataset.Some(true)},
			{ID: "C2", Name: "示例·二号小区", RegionCode: "140302", Street: "甲街道", Households: 200, OccupancyRate: 60,
				ManagementMode: "物业服务企业", EnterpriseID: "E2", Committee: "未组建", FloorArea: dataset.Some(float64(10000)),
				ServiceRoomArea: dataset.Some(float64(40))},
			{ID: "C3", Name: "示例·三号小区", RegionCode: "140502", Street: "乙街道", Households: 300, OccupancyRate: 40,
				ManagementMode: "物业服务企业", EnterpriseID: "E3", Committee: "未组建"},
			{ID: "C4", Name: "示例·四号小区", RegionCode: "140502", Street: "乙街道", Households: 80, OccupancyRate: 70,
				ManagementMode: "无物业", Committee: "物管会"},
		},
		Evaluations: []dataset.Evaluation{
			{Period: "2022", CommunityID: "C1", EnterpriseID: "E1", BasicService: 30, Facilities: 20, Satisfaction: 20},
			{Period: "2022", CommunityID: "C2", EnterpriseID: "E2", BasicService: 40, Facilities: 30, Satisfaction: 25},
			{Period: "2023", CommunityID: "C1", EnterpriseID: "E1", BasicService: 36, Facilities: 27, Satisfaction: 27},
			{Period: "2023", CommunityID: "C2", EnterpriseID: "E2", BasicService: 30, Facilities: 30, Satisfaction: 30},
			{Period: "2023", CommunityID: "C3", EnterpriseID: "E3", BasicService: 20, Facilities: 20, Satisfaction: 15},
		},
	}
	return set
}

func evConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Load(os.DirFS("../.."), nil)
	if err != nil {
		t.Fatalf("site.yaml: %v", err)
	}
	return cfg
}

func evBuild(t *testing.T, cfg *config.Config, set *dataset.Set) *evSite {
	t.Helper()
	return evBuildAt(t, cfg, set, time.Date(2023, 11, 14, 0, 0, 0, 0, time.UTC))
}

// evBuildAt builds with a given data version date.
func evBuildAt(t *testing.T, cfg *config.Config, set *dataset.Set, version time.Time) *evSite {
	t.Helper()
	var docs []*content.Document
	seen := map[string]bool{}
	for _, p := range cfg.Evaluation.Periods {
		if p.Basis != "" && !seen[p.Basis] {
			seen[p.Basis] = true
			docs = append(docs, &content.Document{Kind: content.KindPolicy, Slug: p.Basis, URL: "/policies/" + p.Basis + "/",
				Title: "关于印发《示例工作安排》的通知", Issuer: "示例机关", Status: "现行有效", Level: "省级",
				Date: p.Published.AddDate(0, -3, 0)})
		}
	}
	m := model.Assemble(cfg, set, docs, model.Version{Date: version})
	plan, err := pages.Build(m, pages.Inputs{})
	if err != nil {
		t.Fatalf("pages.Build: %v", err)
	}
	r, err := render.New(os.DirFS("../../templates"), &render.Site{Config: cfg, Updated: m.Version.Date})
	if err != nil {
		t.Fatalf("templates: %v", err)
	}
	s := &evSite{m: m, plan: plan, html: map[string]string{}, built: map[string]bool{}}
	for _, f := range r.Static() {
		s.built[f.Path] = true
	}
	for _, f := range plan.Files {
		s.built[f.Path] = true
	}
	for _, p := range plan.Pages {
		s.built[p.OutputPath()] = true
		if !evTemplates[p.Template] {
			continue
		}
		b, err := r.RenderOne(p)
		if err != nil {
			t.Fatalf("render %s: %v", p.Path, err)
		}
		s.html[p.Path] = string(b)
	}
	return s
}

var (
	evHref = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	evID   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// evRows returns the project table of a release page, as a browser parses
// it (the rows leave out optional end tags): one slice of cell texts per
// row; nil when the page has no project table.
func evRows(page string) [][]string {
	rows, _ := evTable(page)
	return rows
}

// evTable returns the project table's cell texts and each row's attributes.
func evTable(page string) (rows [][]string, attrs []map[string]string) {
	doc, err := htmlcheck.Parse([]byte(page))
	if err != nil {
		panic(err)
	}
	table, err := htmlcheck.MustOne(doc, "#eval-table")
	if err != nil {
		return nil, nil
	}
	for _, tr := range htmlcheck.Find(table, "tr") {
		if tr.Parent == nil || tr.Parent.Data != "tbody" {
			continue
		}
		var cells []string
		for _, c := range htmlcheck.Find(tr, "") { // every element, in document order
			if c.Data == "td" || c.Data == "th" {
				cells = append(cells, strings.TrimSpace(htmlcheck.Text(c)))
			}
		}
		a := map[string]string{}
		for _, x := range tr.Attr {
			a[x.Key] = x.Val
		}
		rows, attrs = append(rows, cells), append(attrs, a)
	}
	return rows, attrs
}

func TestReleasePages(t *testing.T) {
	s := evBuild(t, evConfig(t), evData())
	list := s.page(t, "/evaluations/")
	if i, j := strings.Index(list, "2023年度"), strings.Index(list, "2022年度"); i < 0 || j < 0 || i > j {
		t.Errorf("/evaluations/ must list the 2023 release before the 2022 one")
	}

	p := s.page(t, "/evaluations/2023/")
	for _, want := range []string{
		`href="../../policies/sx-wuye-2022-gzap/"`, // the basis, linked
		`<time datetime="2023-10-20">2023-10-20</time> 至 <time datetime="2023-10-26">2023-10-26</time>`,
		"以书面形式、实名", "0351-0000000", "山西省社区物业管理能力提升工作专班办公室（示例）",
		`<caption id="gt-cap">等级分布</caption>`,
		`role="img"`, // the chart, with the table above as its data
		"2023.xlsx", "2023.json",
		// Each city's part links its page with its code: table.js sends a
		// shared ?city= view there once a release is split into pages.
		`href="140100/" data-region="140100"`, `href="140300/" data-region="140300"`,
	} {
		if !strings.Contains(p, want) {
			t.Errorf("release page lacks %q", want)
		}
	}

	rows := evRows(p)
	if len(rows) != 3 {
		t.Fatalf("release table has %d rows, want the 3 projects", len(rows))
	}
	// Province rank, community, county, total, grade, 3 scores, company:
	// what a resident looks for first.
	want := [][]string{
		{"1", "示例·一号小区", "小店区", "90.0", "优秀", "36.0", "27.0", "27.0", "示例·甲物业"},
		{"1", "示例·二号小区", "阳泉市城区", "90.0", "优秀", "30.0", "30.0", "30.0", "示例·乙物业"},
		{"3", "示例·三号小区", "晋城市城区", "55.0", "不合格", "20.0", "20.0", "15.0", "示例·丙物业"},
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %v, want %v", i+1, rows[i], want[i])
		}
	}
	if !strings.Contains(p, `class="grade grade-d">不合格`) {
		t.Errorf("grades must show by word and colour class")
	}

	// Per-city pages exist even for a small release, with city and province ranks.
	for _, c := range []struct {
		code string
		rows int
	}{{"140100", 1}, {"140300", 1}, {"140500", 1}} {
		cp := s.page(t, "/evaluations/2023/"+c.code+"/")
		if r := evRows(cp); len(r) != c.rows || r[0][0] != "1" {
			t.Errorf("city page %s: rows %v", c.code, r)
		}
	}
	// A county page lists its communities first-class: latest grade shown,
	// a filter by name, before the statistics.
	rp := s.page(t, "/regions/140105/")
	for _, want := range []string{`示例·一号小区</a> <span class="grade grade-a">优秀</span> <span class="meta">2023年度 · 物业服务企业</span>`,
		`<input type="search" data-filter-list="community-list"`} {
		if !strings.Contains(rp, want) {
			t.Errorf("/regions/140105/ lacks %q", want)
		}
	}
	if strings.Index(rp, `id="community-list"`) > strings.Index(rp, `id="mode-title"`) {
		t.Errorf("/regions/140105/ lists its communities after its statistics")
	}
	// A city page: city rank first, province rank last.
	if r := evRows(s.page(t, "/evaluations/2023/140300/")); r[0][0] != "1" || r[0][2] != "阳泉市城区" || r[0][9] != "1" {
		t.Errorf("阳泉市 page row = %v; want city rank 1, county 阳泉市城区, province rank 1 (tie)", r[0])
	}
}

// TestLargeRelease: above the threshold the release page keeps the summaries
// and each city page holds all its projects with correct ranks.
func TestLargeRelease(t *testing.T) {
	set := &dataset.Set{Regions: evRegions()}
	set.Enterprises = []dataset.Enterprise{{ID: "E1", Name: "示例·甲物业", RegionCode: "140105", PartyOrg: "未覆盖"}}
	counties := []string{"140105", "140302", "140502"}
	const n = 700
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("C%04d", i)
		set.Communities = append(set.Communities, dataset.Community{ID: id, Name: "示例·小区" + id, RegionCode: counties[i%3],
			ManagementMode: "物业服务企业", EnterpriseID: "E1", Committee: "未组建", OccupancyRate: 70})
		// Scores repeat every 50 communities, so every score is shared (ties everywhere).
		set.Evaluations = append(set.Evaluations, dataset.Evaluation{Period: "2023", CommunityID: id, EnterpriseID: "E1",
			BasicService: 20 + float64(i%50)/5, Facilities: 20, Satisfaction: 20})
	}
	s := evBuild(t, evConfig(t), set)
	p := s.page(t, "/evaluations/2023/")
	if strings.Contains(p, `id="eval-table"`) {
		t.Errorf("a release of %d projects must not hold the project table", n)
	}
	for _, code := range []string{"140100", "140300", "140500"} {
		if !strings.Contains(p, `href="`+code+`/"`) {
			t.Errorf("release page does not link the city page %s", code)
		}
	}
	total := 0
	for _, pc := range s.m.PeriodByID["2023"].Cities {
		rows := evRows(s.page(t, "/evaluations/2023/"+pc.City.Code+"/"))
		if len(rows) != len(pc.Evaluations) {
			t.Fatalf("%s: %d rows, want %d", pc.City.Code, len(rows), len(pc.Evaluations))
		}
		total += len(rows)
		// Independent ranks: 1 + the number of projects with a higher total.
		scores := make([]float64, len(rows))
		for i, r := range rows {
			scores[i], _ = strconv.ParseFloat(r[3], 64)
		}
		for i, r := range rows {
			cityRank, higher := r[0], 0
			for _, x := range scores {
				if x > scores[i] {
					higher++
				}
			}
			if cityRank != strconv.Itoa(higher+1) {
				t.Fatalf("%s row %d: city rank %s, want %d (total %v)", pc.City.Code, i+1, cityRank, higher+1, scores[i])
			}
		}
	}
	if total != n {
		t.Errorf("city pages hold %d projects in all, want %d", total, n)
	}
}

// TestLargeCity: a city whose part of a release is above the threshold
// keeps its summary and per-county summary on the city page, and each county
// gets a page holding every project of the county with county, city and
// province ranks; cities below the threshold keep their table; region pages
// and every other link lead to built pages.
func TestLargeCity(t *testing.T) {
	set := &dataset.Set{Regions: append(evRegions(),
		dataset.Region{Code: "140106", Name: "迎泽区", Level: "county", ParentCode: "140100"})}
	set.Enterprises = []dataset.Enterprise{{ID: "E1", Name: "示例·甲物业", RegionCode: "140105", PartyOrg: "未覆盖"}}
	// 太原市 (140105, 140106): 650 projects, above the threshold (model.LargeRelease);
	// 阳泉市 and 晋城市: 40 each, below it.
	if model.LargeRelease >= 650 || model.LargeRelease < 40 {
		t.Fatalf("the test's city sizes no longer straddle model.LargeRelease = %d", model.LargeRelease)
	}
	var counties []string
	for i := 0; i < 650; i++ {
		counties = append(counties, []string{"140105", "140106"}[i%2])
	}
	for i := 0; i < 80; i++ {
		counties = append(counties, []string{"140302", "140502"}[i%2])
	}
	county := map[string]string{} // community id → county code
	score := map[string]float64{} // community id → total
	for i, code := range counties {
		id := fmt.Sprintf("C%04d", i)
		county[id] = code
		set.Communities = append(set.Communities, dataset.Community{ID: id, Name: "示例·小区" + id, RegionCode: code,
			ManagementMode: "物业服务企业", EnterpriseID: "E1", Committee: "未组建", OccupancyRate: 70})
		// Totals repeat every 37 communities: ties within counties, cities and the province.
		ev := dataset.Evaluation{Period: "2023", CommunityID: id, EnterpriseID: "E1",
			BasicService: 20 + float64(i%37)/2, Facilities: 20, Satisfaction: 20}
		score[id] = ev.BasicService + ev.Facilities + ev.Satisfaction
		set.Evaluations = append(set.Evaluations, ev)
	}
	cityOf := func(code string) string { return code[:4] + "00" }
	// rank is 1 + the number of projects in the same group with a higher total.
	rank := func(id string, same func(other string) bool) int {
		r := 1
		for o, x := range score {
			if same(o) && x > score[id] {
				r++
			}
		}
		return r
	}

	s := evBuild(t, evConfig(t), set)
	cp := s.page(t, "/evaluations/2023/140100/")
	if evRows(cp) != nil || strings.Contains(cp, `id="eval-table"`) {
		t.Errorf("the page of a city with 650 projects must not hold the project table")
	}
	for _, want := range []string{"公示说明", "以书面形式、实名", `<caption id="gt-cap">等级分布</caption>`,
		"太原市共评价 <strong>650</strong>", `<caption id="pt-cap">各区县参评项目数、平均分和等级分布</caption>`,
		`<a href="140105/" data-region="140105">小店区</a></th><td class="num">325</td>`, `<a href="140106/" data-region="140106">迎泽区</a></th><td class="num">325</td>`} {
		if !strings.Contains(cp, want) {
			t.Errorf("city page lacks %q", want)
		}
	}

	byName := map[string]string{} // community name → id
	for _, c := range set.Communities {
		byName[c.Name] = c.ID
	}
	for _, code := range []string{"140105", "140106"} {
		kp := s.page(t, "/evaluations/2023/140100/"+code+"/")
		for _, want := range []string{"公示说明", "以书面形式、实名", `href="../../../../policies/sx-wuye-2022-gzap/"`,
			`<li><a href="../../">2023年度全省住宅物业服务项目评价结果公示</a></li>`, `<li><a href="../">太原市</a></li>`,
			`data-filter-for="eval-table"`, `data-key="krank"`, `data-key="rank"`, `data-key="prank"`} {
			if !strings.Contains(kp, want) {
				t.Errorf("county page %s lacks %q", code, want)
			}
		}
		rows, attrs := evTable(kp)
		seen := map[string]bool{}
		for i, r := range rows {
			// County rank, community, total, grade, 3 scores, company, city rank, province rank.
			if len(r) != 10 {
				t.Fatalf("%s row %d has %d cells: %v", code, i+1, len(r), r)
			}
			id := byName[r[1]]
			if county[id] != code || seen[id] {
				t.Fatalf("%s row %d: %q is not a project of the county or is listed twice", code, i+1, r[1])
			}
			seen[id] = true
			if _, ok := attrs[i]["data-county"]; ok {
				t.Errorf("%s row %d repeats data-county on a county page", code, i+1)
			}
			want := []int{
				rank(id, func(o string) bool { return county[o] == code }),
				rank(id, func(o string) bool { return cityOf(county[o]) == "140100" }),
				rank(id, func(string) bool { return true }),
			}
			got := []string{r[0], r[8], r[9]}
			for k, w := range want {
				if got[k] != strconv.Itoa(w) {
					t.Fatalf("%s row %d (%s, total %v): ranks %v, want %v", code, i+1, id, score[id], got, want)
				}
			}
			if i > 0 {
				if prev, _ := strconv.Atoi(rows[i-1][0]); prev > want[0] {
					t.Errorf("%s: rows not in county-rank order at row %d", code, i+1)
				}
			}
		}
		if len(seen) != 325 {
			t.Errorf("county page %s holds %d projects, want 325", code, len(seen))
		}
	}
	// Region pages link where the county's projects are listed.
	if rp := s.page(t, "/regions/140105/"); !strings.Contains(rp, `href="../../evaluations/2023/140100/140105/"`) || strings.Contains(rp, "?county=") {
		t.Errorf("the region page of a county of a split city must link its county page")
	}
	if rp := s.page(t, "/regions/140302/"); !strings.Contains(rp, `href="../../evaluations/2023/140300/?county=140302"`) {
		t.Errorf("the region page of a county of a small city must link the filtered city page")
	}
	// Small cities keep their tables and no county pages.
	for _, code := range []string{"140300", "140500"} {
		if n := len(evRows(s.page(t, "/evaluations/2023/"+code+"/"))); n != 40 {
			t.Errorf("city page %s: %d rows, want 40", code, n)
		}
	}
	for p := range s.html {
		if strings.HasPrefix(p, "/evaluations/2023/140300/") && p != "/evaluations/2023/140300/" {
			t.Errorf("a small city has the county page %s", p)
		}
	}
	evCheckLinks(t, s)
	for sitePath, page := range s.html {
		if dups := evDupIDs(page); len(dups) > 0 {
			t.Errorf("%s: duplicate ids %v", sitePath, dups)
		}
	}
}

func evDupIDs(page string) []string {
	doc, err := htmlcheck.Parse([]byte(page))
	if err != nil {
		return []string{err.Error()}
	}
	return htmlcheck.DuplicateIDs(doc)
}

// TestLinksResolve: every internal link on these pages names a planned page,
// a planned file, a static asset or a release download.
func TestLinksResolve(t *testing.T) {
	s := evBuild(t, evConfig(t), evData())
	if checked := evCheckLinks(t, s); checked < 50 {
		t.Errorf("only %d links checked", checked)
	}
}

// evCheckLinks checks the links in the <main> of every page of these
// sections and returns how many it checked.
func evCheckLinks(t *testing.T, s *evSite) int {
	t.Helper()
	downloads := map[string]bool{}
	for _, p := range s.m.Periods {
		for _, f := range opendata.Formats {
			downloads[strings.TrimPrefix(opendata.ReleasePath(p.ID, f), "/")] = true
			// Each city page's files, and each county page's of a split city.
			for _, pc := range p.Cities {
				downloads[strings.TrimPrefix(opendata.ReleasePartPath(p.ID, pc.City.Code, "", f), "/")] = true
				if pc.ByCounty() {
					for _, pk := range pc.Counties() {
						downloads[strings.TrimPrefix(opendata.ReleasePartPath(p.ID, pc.City.Code, pk.County.Code, f), "/")] = true
					}
				}
			}
		}
	}
	checked := 0
	for sitePath, page := range s.html {
		// The layout's links (menu, footer) are checked by the whole-site test.
		main := page[strings.Index(page, "<main"):strings.Index(page, "</main>")]
		for _, m := range evHref.FindAllStringSubmatch(main, -1) {
			h := html.UnescapeString(m[1])
			if h == "" || strings.HasPrefix(h, "#") || strings.Contains(h, "://") || strings.HasPrefix(h, "mailto:") || strings.HasPrefix(h, "tel:") {
				continue
			}
			if i := strings.IndexAny(h, "?#"); i >= 0 {
				h = h[:i]
			}
			target := path.Join(sitePath, h) // sitePath is a directory ("/x/y/")
			if strings.HasSuffix(h, "/") || h == "" || h == "." || strings.HasSuffix(h, "..") {
				target += "/index.html"
			}
			target = strings.TrimPrefix(path.Clean(target), "/")
			checked++
			if !s.built[target] && !downloads[target] {
				t.Errorf("%s: link %q → %s is not built", sitePath, m[1], target)
			}
		}
	}
	return checked
}

// TestNoDuplicateIDs: ids are unique on every page (charts, tables, headings).
func TestNoDuplicateIDs(t *testing.T) {
	s := evBuild(t, evConfig(t), evData())
	for sitePath, page := range s.html {
		seen := map[string]bool{}
		for _, m := range evID.FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s: duplicate id %q", sitePath, m[1])
			}
			seen[m[1]] = true
		}
	}
}

// injectMarkup appends a or b to every text field of the data that pages show.
func injectMarkup(set *dataset.Set, a, b string) {
	for i := range set.Regions {
		set.Regions[i].Name += a
	}
	for i := range set.Enterprises {
		e := &set.Enterprises[i]
		e.Name += a
		e.CreditCode += b
		e.ServicePhone += b
		e.PartyOrg += a
		e.Status += b
	}
	for i := range set.Communities {
		c := &set.Communities[i]
		c.Name += b
		c.Street += a
		c.Neighborhood += b
		c.Committee += a
		c.ManagementMode += b
	}
	for i := range set.Evaluations {
		set.Evaluations[i].Evaluator += a
	}
}

// TestInjectionEscaped puts script-injection strings into every text field
// of the data and the release configuration and checks that no page of
// these sections carries them as markup.
func TestInjectionEscaped(t *testing.T) {
	const a, b = `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`
	cfg := evConfig(t)
	for i := range cfg.Evaluation.Periods {
		p := &cfg.Evaluation.Periods[i]
		p.Title += a
		p.Objection.Receiver += b
		p.Objection.Phone += b
		p.Objection.Address += a
		p.Objection.Email += b
		p.Objection.Note += a
	}
	set := evData()
	injectMarkup(set, a, b)
	s := evBuild(t, cfg, set)
	kinds := map[string]bool{}
	for sitePath, page := range s.html {
		kinds[strings.SplitN(strings.Trim(sitePath, "/"), "/", 2)[0]] = true
		for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(1)>"} {
			if i := strings.Index(page, bad); i >= 0 {
				t.Errorf("%s carries %q unescaped: …%s…", sitePath, bad, page[max(0, i-60):min(len(page), i+40)])
			}
		}
	}
	for _, k := range []string{"evaluations", "enterprises", "communities", "regions"} {
		if !kinds[k] {
			t.Errorf("no %s page was checked", k)
		}
	}
}

// TestReleaseNoticeStatus: a release says where its 公示 stands on the data
// version's day (not the build's): before it opens, while open (the end day
// included) and after. While open the objection route is the first block;
// after, it follows the results as a record; its facts are always there.
func TestReleaseNoticeStatus(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2023, m, d, 15, 4, 5, 0, time.UTC) }
	for _, c := range []struct {
		name    string
		version time.Time
		label   string
		says    string
		open    bool
	}{
		{"the day before it opens", day(10, 19), "即将公示", "公示期自 2023-10-20 起至 2023-10-26 止", true},
		{"its first day", day(10, 20), "公示中", "公示期至 2023-10-26 止（含当日）", true},
		{"its last day", day(10, 26), "公示中", "公示期至 2023-10-26 止（含当日）", true},
		{"the day after", day(10, 27), "公示已结束", "公示期 2023-10-20 至 2023-10-26 已结束", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := evBuildAt(t, evConfig(t), evData(), c.version)
			for _, path := range []string{"/evaluations/2023/", "/evaluations/2023/140100/"} {
				p := s.page(t, path)
				state := `<strong class="status">` + c.label + `</strong> ` + c.says
				summary, table := strings.Index(p, `id="sum-title"`), strings.Index(p, `id="eval-table"`)
				box, record := strings.Index(p, `<section class="notice-box"`), strings.Index(p, `<section class="notice-record"`)
				switch {
				case !strings.Contains(p, state):
					t.Errorf("%s: lacks the status %q", path, state)
				case !strings.Contains(p, "状态截至数据更新日期 <time datetime=\"2023-"):
					t.Errorf("%s: does not say the status is as of the data version", path)
				case c.open && !(box >= 0 && box < summary && record < 0):
					t.Errorf("%s: an open notice must come first, prominent (box %d, record %d, summary %d)", path, box, record, summary)
				case !c.open && !(box < 0 && record > table && table > summary):
					t.Errorf("%s: a closed notice must follow the results as a record (box %d, record %d, table %d)", path, box, record, table)
				}
				for _, fact := range []string{"以书面形式、实名", "0351-0000000", "山西省社区物业管理能力提升工作专班办公室（示例）",
					`<time datetime="2023-10-20">2023-10-20</time> 至 <time datetime="2023-10-26">2023-10-26</time>`} {
					if !strings.Contains(p, fact) {
						t.Errorf("%s: the notice lacks %q", path, fact)
					}
				}
			}
			if list := s.page(t, "/evaluations/"); !strings.Contains(list, ">"+c.label+"</strong> 公示期 2023-10-20 至 2023-10-26") {
				t.Errorf("/evaluations/ does not give the 2023 release's status %q", c.label)
			}
			// A community's result card: the status, and the objection route
			// while the notice is open.
			cp := s.page(t, "/communities/C1/")
			route := strings.Contains(cp, `<div class="notice-box result-objection">`) &&
				strings.Contains(cp, "受理单位：山西省社区物业管理能力提升工作专班办公室（示例）<br>联系电话：")
			if !strings.Contains(cp, ">"+c.label+"</strong>") || route != c.open {
				t.Errorf("/communities/C1/: status %q shown %v, objection route shown %v", c.label, strings.Contains(cp, ">"+c.label+"</strong>"), route)
			}
		})
	}
}
