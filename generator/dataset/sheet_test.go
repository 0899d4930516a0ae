package dataset

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/diag"
)

// sheetReport loads a site and returns both forms of its report.
func sheetReport(t *testing.T, s *testSite) (sheet, machine string) {
	t.Helper()
	var rep diag.Report
	Load(s.fs(), Options{Config: testConfig()}, &rep)
	var b bytes.Buffer
	diag.WriteSheet(&b, rep.Problems())
	return b.String(), strings.Join(messages(&rep), "\n")
}

// A file saved by Excel with a BOM, Chinese headers in another order and a
// line break inside a cell: the message names the row and column letter an
// admin sees there, while the machine form keeps the physical line and the
// character column.
func TestSheetRowAndColumnLetter(t *testing.T) {
	s := baseSite()
	c := s.tables[Communities]
	// Move occupancy_rate from G to C and name every column by its label.
	order := []string{"id", "name", "occupancy_rate", "region_code", "street", "neighborhood", "households", "management_mode", "enterprise_id",
		"committee", "committee_date", "committee_members", "committee_party_members", "chair_is_party_member",
		"floor_area", "service_room_area", "built_year", "smart_platform"}
	rows := make([][]string, len(c))
	for i := range c {
		for _, k := range order {
			v := c[i][s.col(Communities, k)]
			if i == 0 {
				f, _ := SchemaByName(Communities).Field(k)
				v = f.Label
			}
			rows[i] = append(rows[i], v)
		}
	}
	rows[1][5] = "示例\n社区" // a line break inside neighborhood, on row 2
	rows[2][2] = "120"    // occupancy of C002, row 3 (text line 4)
	s.tables[Communities] = rows
	b := append([]byte("\uFEFF"), s.csv(Communities)...)
	s.rawFile(Communities, b, "")

	sheet, machine := sheetReport(t, s)
	if want := "data/communities.csv 第 3 行 C 列「入住率（%）」填的是 120，应在 0 到 100 之间\n"; sheet != want {
		t.Errorf("sheet form:\n%s\nwant:\n%s", sheet, want)
	}
	if want := `data/communities.csv:4:13: occupancy_rate 入住率（%） 应在 0 到 100 之间，实为 "120"`; machine != want {
		t.Errorf("machine form:\n%s\nwant:\n%s", machine, want)
	}
}

// A duplicated community id makes the evaluations that referred to the
// row's former id fail: they are folded under the duplicate, in the sheet
// form only; the machine form still lists each problem on its own line.
func TestKnockOnFoldedUnderCause(t *testing.T) {
	s := baseSite()
	s.copyRow(Communities, 1, "id", "C003", "name", "示例三号小区", "enterprise_id", "E002")
	s.copyRow(Evaluations, 1, "community_id", "C003", "enterprise_id", "E002")
	s.set(Communities, 3, "id", "C001") // C003 typed as C001: a duplicate

	sheet, machine := sheetReport(t, s)
	want := `data/communities.csv 第 4 行 A 列「小区编号」填的是 C001，不得与第 2 行重复
    以下 1 个问题可能由这一处引起，改正这一处后通常随之消失：
    data/evaluations.csv 第 3 行 B 列「小区编号」填的是 C003，应为住宅小区台账（data/communities.csv）中已有的小区编号
`
	if sheet != want {
		t.Errorf("sheet form:\n%s\nwant:\n%s", sheet, want)
	}
	wantMachine := `data/communities.csv:4:1: id 小区编号 不得与第 2 行重复，实为 "C001"
data/evaluations.csv:3:6: community_id 小区编号 应为住宅小区台账（data/communities.csv）中已有的小区编号，实为 "C003"`
	if machine != wantMachine {
		t.Errorf("machine form:\n%s\nwant:\n%s", machine, wantMachine)
	}

	// With a second refused id, the evaluation is folded only under the
	// one whose company matches; an unrelated missing id stands alone.
	s.copyRow(Communities, 1, "id", "C001", "name", "示例四号小区")
	s.copyRow(Evaluations, 1, "community_id", "C404", "enterprise_id", "E003")
	sheet, _ = sheetReport(t, s)
	if !strings.Contains(sheet, "    data/evaluations.csv 第 3 行 B 列") || !strings.Contains(sheet, "\ndata/evaluations.csv 第 4 行 B 列「小区编号」填的是 C404") {
		t.Errorf("folding with two refused ids:\n%s", sheet)
	}
}
