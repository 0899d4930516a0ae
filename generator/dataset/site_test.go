package dataset

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/creditcode"
	"github.com/sxwuye/portal/generator/diag"
)

// testSite is a minimal, valid, obviously fictional site that tests change
// one thing at a time. Each change is recorded in words for the catalogue.
type testSite struct {
	tables  map[string][][]string // dataset name → header and rows
	raw     map[string][]byte     // dataset name → file bytes replacing the table
	missing map[string]bool
	changes []string
}

// Valid credit codes computed here so the sample never holds a wrong one.
var (
	codeA = creditcode.Complete("91140400MA0000001")
	codeB = creditcode.Complete("91140500MA0000002")
	codeC = creditcode.Complete("91140500MA0000003")
)

func baseSite() *testSite {
	return &testSite{
		raw:     map[string][]byte{},
		missing: map[string]bool{},
		tables: map[string][][]string{
			Regions: {
				{"code", "name", "level", "parent_code"},
				{"140000", "山西省", "province", ""},
				{"140400", "长治市", "city", "140000"},
				{"140403", "潞州区", "county", "140400"},
				{"140500", "晋城市", "city", "140000"},
				{"140502", "城区", "county", "140500"},
			},
			Enterprises: {
				{"id", "name", "credit_code", "region_code", "party_org", "party_org_date", "status", "service_phone", "contact_person", "contact_mobile"},
				{"E001", "示例甲物业服务有限公司", codeA, "140403", "单独组建", "2022-06-01", "正常", "0355-0000001", "示例联系人", "13800000000"},
				{"E002", "示例乙物业服务有限公司", codeB, "140500", "未覆盖", "", "", "", "", ""},
				{"E003", "示例丙物业服务有限公司", codeC, "140502", "联合组建", "2022/7/1", "清退", "", "", ""},
			},
			Communities: {
				{"id", "name", "region_code", "street", "neighborhood", "households", "occupancy_rate", "management_mode", "enterprise_id",
					"committee", "committee_date", "committee_members", "committee_party_members", "chair_is_party_member",
					"floor_area", "service_room_area", "built_year", "smart_platform"},
				{"C001", "示例一号小区", "140403", "示例街道", "示例社区", "500", "85", "物业服务企业", "E001",
					"业委会", "2022-08-01", "7", "4", "是", "50000", "1000", "2005", "是"},
				{"C002", "示例二号小区", "140502", "示例街道", "", "120", "40", "社区托管", "",
					"未组建", "", "", "", "", "", "", "", "否"},
			},
			Evaluations: {
				{"period", "community_id", "enterprise_id", "basic_service", "facilities", "satisfaction", "total", "grade", "evaluator", "evaluated_on"},
				{"2022", "C001", "E001", "36", "27", "25.5", "88.5", "良好", "示例评价单位", "2022-10-10"},
			},
			Progress: {
				{"report_date", "region_code", "communities_total", "mode_enterprise", "mode_community", "mode_owner", "mode_unit", "mode_none",
					"eligible_for_committee", "committees_formed", "enterprises_total", "enterprises_party_covered", "service_room_missing"},
				{"2022-07-03", "140400", "100", "50", "10", "10", "10", "20", "60", "12", "30", "20", "5"},
			},
		},
	}
}

func testConfig() *config.Config {
	return &config.Config{Evaluation: config.Evaluation{
		Maxima:  config.Maxima{BasicService: 40, Facilities: 30, Satisfaction: 30},
		Grades:  []config.Grade{{Name: "优秀", Min: 90}, {Name: "良好", Min: 80}, {Name: "合格", Min: 60}, {Name: "不合格", Min: 0}},
		Periods: []config.Period{{ID: "2022"}},
	}}
}

func (s *testSite) col(ds, key string) int {
	for j, h := range s.tables[ds][0] {
		if h == key {
			return j
		}
	}
	panic("no column " + key + " in " + ds)
}

// set changes the cell of data row n (1-based; row n is on line n+1).
func (s *testSite) set(ds string, n int, key, val string) *testSite {
	s.tables[ds][n][s.col(ds, key)] = val
	s.changes = append(s.changes, fmt.Sprintf("%s.csv 第 %d 行 %s 改为 %s", ds, n+1, key, quoteMD(val)))
	return s
}

// copyRow appends a copy of data row n, then applies key/value pairs to it.
func (s *testSite) copyRow(ds string, n int, kv ...string) *testSite {
	row := append([]string(nil), s.tables[ds][n]...)
	s.tables[ds] = append(s.tables[ds], row)
	m := len(s.tables[ds]) - 1
	desc := fmt.Sprintf("%s.csv 复制第 %d 行为第 %d 行", ds, n+1, m+1)
	for i := 0; i+1 < len(kv); i += 2 {
		row[s.col(ds, kv[i])] = kv[i+1]
		desc += fmt.Sprintf("，%s 改为 %s", kv[i], quoteMD(kv[i+1]))
	}
	s.changes = append(s.changes, desc)
	return s
}

// addColumn appends a column with a header and one value per data row.
func (s *testSite) addColumn(ds, header string, vals ...string) *testSite {
	t := s.tables[ds]
	t[0] = append(t[0], header)
	for i := 1; i < len(t); i++ {
		v := ""
		if i-1 < len(vals) {
			v = vals[i-1]
		}
		t[i] = append(t[i], v)
	}
	s.changes = append(s.changes, fmt.Sprintf("%s.csv 表头末尾增加一列 %s", ds, quoteMD(header)))
	return s
}

// dropColumn removes a column.
func (s *testSite) dropColumn(ds, key string) *testSite {
	j := s.col(ds, key)
	for i, row := range s.tables[ds] {
		s.tables[ds][i] = append(row[:j:j], row[j+1:]...)
	}
	s.changes = append(s.changes, fmt.Sprintf("%s.csv 删除 %s 列", ds, key))
	return s
}

// rawFile replaces a file's bytes.
func (s *testSite) rawFile(ds string, b []byte, desc string) *testSite {
	s.raw[ds] = b
	s.changes = append(s.changes, ds+".csv "+desc)
	return s
}

func (s *testSite) remove(ds string) *testSite {
	s.missing[ds] = true
	s.changes = append(s.changes, "删除 "+ds+".csv")
	return s
}

func quoteMD(v string) string { return `"` + v + `"` }

func (s *testSite) csv(ds string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.WriteAll(s.tables[ds])
	return b.Bytes()
}

func (s *testSite) fs() fstest.MapFS {
	m := fstest.MapFS{}
	for _, sc := range Schemas {
		if s.missing[sc.Name] {
			continue
		}
		b, ok := s.raw[sc.Name]
		if !ok {
			b = s.csv(sc.Name)
		}
		m[sc.File] = &fstest.MapFile{Data: b}
	}
	return m
}

// load runs Load on the site with the test config.
func (s *testSite) load(t testing.TB) (*Set, []string) {
	t.Helper()
	var rep diag.Report
	set := Load(s.fs(), Options{Config: testConfig()}, &rep)
	return set, messages(&rep)
}

func messages(rep *diag.Report) []string {
	var out []string
	for _, p := range rep.Problems() {
		out = append(out, p.String())
	}
	return out
}

func TestBaseSiteIsValid(t *testing.T) {
	set, msgs := baseSite().load(t)
	if len(msgs) > 0 {
		t.Fatalf("base site has problems:\n%s", strings.Join(msgs, "\n"))
	}
	if got, want := set.Summary(), "行政区划 5 行，物业服务企业名录 3 行，住宅小区台账 2 行，物业服务项目评价结果 1 行，工作进展调度 1 行"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}
