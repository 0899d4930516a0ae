package pages_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/pages"
)

func TestReleaseCitation(t *testing.T) {
	day := time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC)
	p := &model.Period{Period: config.Period{Published: day}}
	const url = "https://x.example/evaluations/2023/"
	if got, want := pages.ReleaseCitation(p, "示例专班", "2023年度评价结果公示", url),
		"示例专班. 2023年度评价结果公示[EB/OL]. (2023-10-20)[引用日期]. https://x.example/evaluations/2023/."; got != want {
		t.Errorf("without issuer and number:\ngot  %s\nwant %s", got, want)
	}
	p.Issuer, p.DocNumber = "示例厅", "示物〔2023〕7号"
	if got, want := pages.ReleaseCitation(p, "示例专班", "2023年度评价结果公示（太原市）", url+"140100/"),
		"示例厅. 2023年度评价结果公示（太原市）: 示物〔2023〕7号[EB/OL]. (2023-10-20)[引用日期]. https://x.example/evaluations/2023/140100/."; got != want {
		t.Errorf("with issuer and number:\ngot  %s\nwant %s", got, want)
	}
}

// TestReleaseRowIndex: a release split into city and county pages says in
// rows.json which page lists each project, so that a row link to a page
// without the row can be sent on; every project is listed exactly once,
// on the page that shows it.
func TestReleaseRowIndex(t *testing.T) {
	set := &dataset.Set{Regions: append(evRegions(),
		dataset.Region{Code: "140106", Name: "迎泽区", Level: "county", ParentCode: "140100"})}
	set.Enterprises = []dataset.Enterprise{{ID: "E1", Name: "示例·甲物业", RegionCode: "140105", PartyOrg: "未覆盖"}}
	var counties []string
	for i := 0; i < 650; i++ { // 太原市: split by county
		counties = append(counties, []string{"140105", "140106"}[i%2])
	}
	for i := 0; i < 40; i++ { // 阳泉市: one page
		counties = append(counties, "140302")
	}
	for i, code := range counties {
		id := fmt.Sprintf("C%04d", i)
		set.Communities = append(set.Communities, dataset.Community{ID: id, Name: "示例·小区" + id, RegionCode: code,
			ManagementMode: "物业服务企业", EnterpriseID: "E1", Committee: "未组建", OccupancyRate: 70})
		set.Evaluations = append(set.Evaluations, dataset.Evaluation{Period: "2023", CommunityID: id, EnterpriseID: "E1",
			BasicService: 20 + float64(i%37)/2, Facilities: 20, Satisfaction: 20})
	}
	s := evBuild(t, evConfig(t), set)
	var index map[string][]string
	for _, f := range s.plan.Files {
		if f.Path == "evaluations/2023/rows.json" {
			if err := json.Unmarshal(f.Data, &index); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(index) != 3 {
		t.Fatalf("rows.json pages: %v", keys(index))
	}
	seen := map[string]string{}
	for page, ids := range index {
		html := s.page(t, "/evaluations/2023/"+page)
		for _, id := range ids {
			if seen[id] != "" {
				t.Errorf("%s listed on %s and %s", id, seen[id], page)
			}
			seen[id] = page
			if rows := evRows(html); rows == nil {
				t.Errorf("%s has no project table", page)
				break
			}
		}
	}
	if len(seen) != len(counties) {
		t.Errorf("%d of %d projects in rows.json", len(seen), len(counties))
	}
	if seen["C0000"] != "140100/140105/" || seen["C0001"] != "140100/140106/" || seen["C0650"] != "140300/" {
		t.Errorf("pages of C0000, C0001, C0650: %q %q %q", seen["C0000"], seen["C0001"], seen["C0650"])
	}
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestReleasePageCitesAndLinksRows: every release page cites itself with
// the issuing office and document number, gives each project's row its
// community id as anchor (linked from the rank), and offers its own part's
// files; city pages also the province's.
func TestReleasePageCitesAndLinksRows(t *testing.T) {
	cfg := evConfig(t)
	s := evBuild(t, cfg, evData())
	p := s.m.PeriodByID["2023"]
	if p.DocNumber == "" {
		t.Fatal("site.yaml names no document number for 2023")
	}
	rel := s.page(t, "/evaluations/2023/")
	pc := p.Cities[0]
	city := s.page(t, "/evaluations/2023/"+pc.City.Code+"/")
	for name, page := range map[string]string{"release": rel, "city": city} {
		for _, want := range []string{"引用本页", ": " + p.DocNumber + "[EB/OL]", p.IssuerOr(cfg.Publisher.Name) + ". ", "[引用日期]",
			`data-row-index="`, "链接某个项目的结果"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s page lacks %q", name, want)
			}
		}
	}
	for _, ev := range pc.Evaluations {
		row := `<tr id="` + ev.CommunityID + `" tabindex="-1"`
		link := `<a class="row-link" href="#` + ev.CommunityID + `"`
		for name, page := range map[string]string{"release": rel, "city": city} {
			if !strings.Contains(page, row) || !strings.Contains(page, link) {
				t.Errorf("%s page: the row of %s has no anchor or no link to it", name, ev.CommunityID)
			}
		}
	}
	own := "2023-" + pc.City.Code + ".csv"
	if !strings.Contains(city, `href="`+own+`"`) || !strings.Contains(city, `href="../2023.csv"`) {
		t.Errorf("city page does not offer its own file %s and the province's", own)
	}
	if strings.Contains(rel, own) {
		t.Errorf("release page offers the city file %s", own)
	}
}
