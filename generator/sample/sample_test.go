package sample

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/creditcode"
	"github.com/sxwuye/portal/generator/dataset"

	"github.com/sxwuye/portal/generator/internal/golden"
)

// projectRoot is the repository root, seen from this package.
const projectRoot = "../.."

// generated caches one run per scale: the tests only read the files.
var generated = map[Scale]string{}

func generate(t *testing.T, s Scale) string {
	t.Helper()
	if dir, ok := generated[s]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "sample-"+string(s)+"-")
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, s, DefaultSeed, os.DirFS(projectRoot)); err != nil {
		t.Fatalf("Write(%s): %v", s, err)
	}
	generated[s] = dir
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range generated {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// readCSV reads a generated dataset as maps keyed by column.
func readCSV(t *testing.T, dir, name string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "data", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || bytes.Contains(b, []byte("\r")) {
		t.Fatalf("%s.csv: want UTF-8 without BOM and LF line ends", name)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range dataset.SchemaByName(name).Fields {
		want = append(want, f.Key)
	}
	if strings.Join(recs[0], ",") != strings.Join(want, ",") {
		t.Fatalf("%s.csv header = %v, want the dictionary's keys %v", name, recs[0], want)
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, k := range recs[0] {
			m[k] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not an integer: %q", s)
	}
	return n
}

var modeKeys = []string{"mode_enterprise", "mode_community", "mode_owner", "mode_unit", "mode_none"}

// TestFirstReportIsTheNotice: the province sum of the first report of every
// scale is the notice's baseline (ten times it at national scale).
func TestFirstReportIsTheNotice(t *testing.T) {
	for _, tc := range []struct {
		scale   Scale
		factor  int
		reports int
	}{{ScaleSample, 1, 12}, {ScaleProvince, 1, 24}} {
		t.Run(string(tc.scale), func(t *testing.T) {
			rows := readCSV(t, generate(t, tc.scale), dataset.Progress)
			if len(rows) != 11*tc.reports {
				t.Fatalf("%d progress rows, want 11 cities × %d reports", len(rows), tc.reports)
			}
			var sum [5]int
			total := 0
			for _, r := range rows {
				if r["report_date"] != "2022-07-03" {
					continue
				}
				total += atoi(t, r["communities_total"])
				for i, k := range modeKeys {
					sum[i] += atoi(t, r[k])
				}
			}
			want := [5]int{10802, 2752, 3176, 2538, 4226}
			for i := range want {
				want[i] *= tc.factor
			}
			if total != 23494*tc.factor || sum != want {
				t.Errorf("first report: total %d, modes %v; want %d, %v", total, sum, 23494*tc.factor, want)
			}
			if last := rows[len(rows)-1]["report_date"]; tc.reports == 12 && last != "2022-12-18" || tc.reports == 24 && last != "2023-06-18" {
				t.Errorf("last report date %s", last)
			}
		})
	}
}

// TestProgressRules: every report obeys the data contract and the series
// reaches the notice's targets.
func TestProgressRules(t *testing.T) {
	rows := readCSV(t, generate(t, ScaleSample), dataset.Progress)
	type agg struct{ none, eligible, formed, firms, covered, cities, fullParty int }
	byDate := map[string]*agg{}
	for _, r := range rows {
		modes := 0
		for _, k := range modeKeys {
			modes += atoi(t, r[k])
		}
		total, eligible, formed := atoi(t, r["communities_total"]), atoi(t, r["eligible_for_committee"]), atoi(t, r["committees_formed"])
		firms, covered := atoi(t, r["enterprises_total"]), atoi(t, r["enterprises_party_covered"])
		if modes != total || eligible > total || formed > eligible || covered > firms {
			t.Errorf("%s %s breaks a rule: %v", r["report_date"], r["region_code"], r)
		}
		a := byDate[r["report_date"]]
		if a == nil {
			a = &agg{}
			byDate[r["report_date"]] = a
		}
		a.none += atoi(t, r["mode_none"])
		a.eligible += eligible
		a.formed += formed
		a.firms += firms
		a.covered += covered
		a.cities++
		if covered == firms {
			a.fullParty++
		}
	}
	rate := func(d string) float64 { return 100 * float64(byDate[d].formed) / float64(byDate[d].eligible) }
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"11 cities on every date", byDate["2022-07-03"].cities == 11 && byDate["2022-12-18"].cities == 11},
		{"committees past 20% at the first report after 08-31", rate("2022-09-03") >= 20},
		{"committees past 70% at the first report after 09-30", rate("2022-10-03") >= 70},
		{"committees near 100% on 12-18", rate("2022-12-18") >= 95},
		{"committees below 20% at the start", rate("2022-07-03") < 20},
		{"most cities without no-service communities by 09-18", byDate["2022-09-18"].none < byDate["2022-07-03"].none/20},
		{"no-service communities cleared by 12-18", byDate["2022-12-18"].none == 0},
		{"most cities' party work complete on 12-03", byDate["2022-12-03"].fullParty >= 9},
	} {
		if !tc.ok {
			t.Errorf("progress: want %s", tc.name)
		}
	}
}

// TestProvinceModes: the province ledger has exactly the notice's mode mix.
func TestProvinceModes(t *testing.T) {
	dir := generate(t, ScaleProvince)
	rows := readCSV(t, dir, dataset.Communities)
	got := map[string]int{}
	for _, r := range rows {
		got[r["management_mode"]]++
	}
	want := map[string]int{"物业服务企业": 10802, "社区托管": 2752, "业主自管": 3176, "单位管理": 2538, "无物业": 4226}
	if len(rows) != 23494 {
		t.Errorf("%d communities, want 23494", len(rows))
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d communities, want %d", k, got[k], n)
		}
	}
	if n := len(readCSV(t, dir, dataset.Enterprises)); n != 3000 {
		t.Errorf("%d companies, want 3000", n)
	}
	for _, sub := range []struct {
		dir  string
		want int
	}{{"content/cases", 200}, {"content/policies", 50}} {
		es, _ := filepath.Glob(filepath.Join(dir, sub.dir, "S*.md"))
		if sub.dir == "content/policies" {
			es, _ = filepath.Glob(filepath.Join(dir, sub.dir, "sample-policy-*.md"))
		}
		if len(es) != sub.want {
			t.Errorf("%s: %d generated files, want %d", sub.dir, len(es), sub.want)
		}
	}
}

// TestLedgerRules checks the data contract's row rules on both scales.
func TestLedgerRules(t *testing.T) {
	for _, s := range []Scale{ScaleSample, ScaleProvince} {
		t.Run(string(s), func(t *testing.T) {
			dir := generate(t, s)
			firms := map[string]map[string]string{}
			names, codes := map[string]bool{}, map[string]bool{}
			for _, e := range readCSV(t, dir, dataset.Enterprises) {
				if !creditcode.Valid(e["credit_code"]) {
					t.Errorf("%s: invalid credit code %s", e["id"], e["credit_code"])
				}
				if codes[e["credit_code"]] || names[e["name"]] || firms[e["id"]] != nil {
					t.Errorf("%s: duplicate id, name or credit code", e["id"])
				}
				if !strings.HasPrefix(e["name"], Prefix) {
					t.Errorf("%s: name %q is not marked fictional", e["id"], e["name"])
				}
				if (e["party_org"] == "未覆盖") != (e["party_org_date"] == "") {
					t.Errorf("%s: party_org %s with date %q", e["id"], e["party_org"], e["party_org_date"])
				}
				if m := e["contact_mobile"]; m != "" && (len(m) != 11 || !strings.HasPrefix(m, "1390000")) {
					t.Errorf("%s: mobile %q", e["id"], m)
				}
				codes[e["credit_code"]], names[e["name"]], firms[e["id"]] = true, true, e
			}
			perCounty := map[string]bool{}
			communities := map[string]map[string]string{}
			withdrawnServing := 0
			for _, c := range readCSV(t, dir, dataset.Communities) {
				key := c["region_code"] + c["name"]
				if perCounty[key] {
					t.Errorf("%s: name %s repeated in county %s", c["id"], c["name"], c["region_code"])
				}
				perCounty[key] = true
				communities[c["id"]] = c
				if (c["management_mode"] == "物业服务企业") != (c["enterprise_id"] != "") {
					t.Errorf("%s: mode %s with company %q", c["id"], c["management_mode"], c["enterprise_id"])
				}
				if e := firms[c["enterprise_id"]]; c["enterprise_id"] != "" && (e == nil || e["status"] == "清退") {
					withdrawnServing++
				}
				formed := c["committee"] != "未组建"
				if formed != (c["committee_date"] != "") || formed != (c["committee_members"] != "") || !formed && (c["committee_party_members"] != "" || c["chair_is_party_member"] != "") {
					t.Errorf("%s: committee fields do not match %s", c["id"], c["committee"])
				}
				if formed && atoi(t, c["committee_party_members"]) > atoi(t, c["committee_members"]) {
					t.Errorf("%s: more party members than members", c["id"])
				}
				if c["service_room_area"] != "" && c["floor_area"] == "" {
					t.Errorf("%s: service room without floor area", c["id"])
				}
			}
			if withdrawnServing > 0 {
				t.Errorf("%d communities served by a missing or withdrawn company", withdrawnServing)
			}
			seen := map[string]bool{}
			mismatch := 0
			for _, ev := range readCSV(t, dir, dataset.Evaluations) {
				c := communities[ev["community_id"]]
				if c == nil || firms[ev["enterprise_id"]] == nil || seen[ev["period"]+ev["community_id"]] {
					t.Fatalf("evaluation %v: unknown reference or repeated", ev)
				}
				seen[ev["period"]+ev["community_id"]] = true
				if c["enterprise_id"] != ev["enterprise_id"] {
					mismatch++
				}
				if ev["total"] != "" {
					sum := 0.0
					for _, k := range []string{"basic_service", "facilities", "satisfaction"} {
						v, _ := strconv.ParseFloat(ev[k], 64)
						sum += v
					}
					if tot, _ := strconv.ParseFloat(ev["total"], 64); tot < sum-0.05 || tot > sum+0.05 {
						t.Errorf("%s %s: total %s ≠ %v", ev["period"], ev["community_id"], ev["total"], sum)
					}
				}
			}
			served := 0
			for _, c := range communities {
				if c["enterprise_id"] != "" {
					served++
				}
			}
			if len(seen) != 2*served {
				t.Errorf("%d evaluations, want one per company-served community per period (%d)", len(seen), 2*served)
			}
			// The shipped sample builds without warnings; the province shows the
			// warning (companies change after an evaluation).
			if s == ScaleSample && mismatch != 0 {
				t.Errorf("%d evaluations name another company than the current one: each is a warning in the shipped sample", mismatch)
			}
			if s != ScaleSample && mismatch < 3 {
				t.Errorf("only %d evaluations name another company than the current one; the province data should show the warning", mismatch)
			}
		})
	}
}

// TestSampleShape: the shipped sample covers what the site shows.
func TestSampleShape(t *testing.T) {
	dir := generate(t, ScaleSample)
	comms := readCSV(t, dir, dataset.Communities)
	count := map[string]int{}
	for _, c := range comms {
		count[c["region_code"]]++
		count[c["region_code"][:4]+"00"]++
		count[c["management_mode"]]++
		count[c["committee"]]++
		if c["smart_platform"] == "是" {
			count["smart "+c["region_code"]]++
		}
		if c["committee_members"] != "" && 2*atoi(t, c["committee_party_members"]) < atoi(t, c["committee_members"]) {
			count["party below half"]++
		}
	}
	firms := readCSV(t, dir, dataset.Enterprises)
	for _, e := range firms {
		count[e["status"]]++
		count[e["party_org"]]++
	}
	for _, tc := range []struct {
		what    string
		got, lo int
	}{
		{"communities", len(comms), 400}, {"潞州区", count["140403"], 100}, {"晋城市城区", count["140502"], 100},
		{"companies", len(firms), 50}, {"清退", count["清退"], 2}, {"未覆盖", count["未覆盖"], 3}, {"党建指导员", count["党建指导员"], 3},
		{"单位管理", count["单位管理"], 10}, {"业主自管", count["业主自管"], 10}, {"社区托管", count["社区托管"], 10},
		{"业委会", count["业委会"], 10}, {"物管会", count["物管会"], 10}, {"未组建", count["未组建"], 10},
		{"party below half", count["party below half"], 5},
		{"smart 潞州区", count["smart 140403"], count["140403"] * 3 / 4}, {"smart 晋城市城区", count["smart 140502"], count["140502"] * 3 / 4},
	} {
		if tc.got < tc.lo {
			t.Errorf("%s: %d, want at least %d", tc.what, tc.got, tc.lo)
		}
	}
	// Every city's newest report has cleared its no-service communities, so
	// the ledger beside them lists none (else the build warns).
	if count["无物业"] != 0 {
		t.Errorf("the sample ledger lists %d 无物业 communities; the reports have cleared them all", count["无物业"])
	}
	if len(comms) > 600 {
		t.Errorf("%d communities, want several hundred", len(comms))
	}
	for _, c := range readCSV(t, dir, dataset.Regions) {
		count["city with communities "+c["code"]] = count[c["code"]]
		if c["level"] == "city" && count[c["code"]] == 0 {
			t.Errorf("city %s has no community", c["name"])
		}
	}
}

// TestDeterministic: the same scale and seed give byte-identical files, and
// another seed gives other data.
func TestDeterministic(t *testing.T) {
	a := generate(t, ScaleProvince)
	b := t.TempDir()
	if err := Write(b, ScaleProvince, DefaultSeed, os.DirFS(projectRoot)); err != nil {
		t.Fatal(err)
	}
	files := 0
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		files++
		return nil
	})
	if err != nil || files < 255 {
		t.Fatalf("walked %d files: %v", files, err)
	}
	c := t.TempDir()
	if err := WriteData(c, ScaleSample, DefaultSeed+1, os.DirFS(projectRoot)); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(filepath.Join(generate(t, ScaleSample), "data", "communities.csv"))
	y, _ := os.ReadFile(filepath.Join(c, "data", "communities.csv"))
	if bytes.Equal(x, y) {
		t.Error("another seed gave the same communities")
	}
}

// TestShippedSample: data/*.csv in the repository is exactly what the
// generator writes with DefaultSeed. After changing the generator or
// site.yaml's evaluation settings, regenerate with
//
//	go test ./generator/sample -run TestShippedSample -update
func TestShippedSample(t *testing.T) {
	dir := generate(t, ScaleSample)
	for _, s := range dataset.Schemas {
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(s.File)))
		if err != nil {
			t.Fatal(err)
		}
		shipped := filepath.Join(projectRoot, filepath.FromSlash(s.File))
		golden.Check(t, shipped, want, "go test ./generator/sample -run TestShippedSample -update")
	}
}

func TestUnknownScale(t *testing.T) {
	if err := Write(t.TempDir(), "county", 1, os.DirFS(projectRoot)); err == nil {
		t.Error("Write accepted an unknown scale")
	}
}
