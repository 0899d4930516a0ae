package dataset

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/diag"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func gb18030(t testing.TB, b []byte) []byte {
	t.Helper()
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func wantNoProblems(t *testing.T, msgs []string) {
	t.Helper()
	if len(msgs) > 0 {
		t.Fatalf("unexpected problems:\n%s", strings.Join(msgs, "\n"))
	}
}

func TestEncodings(t *testing.T) {
	base := baseSite()
	plain := base.csv(Communities)
	gb := gb18030(t, plain)
	crlf := []byte(strings.ReplaceAll(string(plain), "\n", "\r\n"))
	tests := []struct {
		name   string
		data   []byte
		forced string
	}{
		{"UTF-8 without BOM", plain, ""},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), plain...), ""},
		{"UTF-8 with BOM and CRLF", append([]byte("\xEF\xBB\xBF"), crlf...), ""},
		{"GB18030 detected", gb, ""},
		{"GB18030 forced", gb, "gb18030"},
		{"GBK name forced", gb, "GBK"},
		{"UTF-8 forced", plain, "utf-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := baseSite().rawFile(Communities, tc.data, "")
			var rep diag.Report
			set := Load(s.fs(), Options{Config: testConfig(), Encodings: map[string]string{Communities: tc.forced}}, &rep)
			wantNoProblems(t, messages(&rep))
			if len(set.Communities) != 2 || set.Communities[0].Name != "示例一号小区" || set.Communities[0].ID != "C001" {
				t.Fatalf("rows not read right: %+v", set.Communities)
			}
		})
	}
}

func TestEncodingErrors(t *testing.T) {
	gb := gb18030(t, baseSite().csv(Communities))
	tests := []struct {
		name   string
		data   []byte
		forced string
		want   string
	}{
		{"GB18030 file forced as UTF-8", gb, "utf-8",
			"data/communities.csv:2: 文件无法解码（站点配置 encodings 指定为 UTF-8 编码）：字节偏移量 247 处的字节 0xC0 无效；请在 Excel 或 WPS 中将文件另存为“CSV UTF-8（逗号分隔）”格式"},
		{"UTF-8 file with a broken byte after Chinese text", []byte("id,name\nC001,示例小区\xFF\n"), "",
			"data/communities.csv:2: 文件无法解码（自动识别为 UTF-8 编码）：字节偏移量 25 处的字节 0xFF 无效；请在 Excel 或 WPS 中将文件另存为“CSV UTF-8（逗号分隔）”格式"},
		{"offset counts the BOM", []byte("\xEF\xBB\xBFid\n\xFF\n"), "",
			"data/communities.csv:2: 文件无法解码（自动识别为 UTF-8 编码）：字节偏移量 6 处的字节 0xFF 无效；请在 Excel 或 WPS 中将文件另存为“CSV UTF-8（逗号分隔）”格式"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := baseSite().rawFile(Communities, tc.data, "")
			var rep diag.Report
			Load(s.fs(), Options{Config: testConfig(), Encodings: map[string]string{Communities: tc.forced}}, &rep)
			got := messages(&rep)
			if len(got) == 0 || got[0] != tc.want {
				t.Fatalf("got\n%s\nwant first\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// A quoted cell spanning lines must not shift the line numbers of later
// problems (gocsv's counting drifts there; FieldPos does not).
func TestPositionsAfterMultiLineCell(t *testing.T) {
	s := baseSite()
	s.set(Communities, 1, "street", "示例街道\n（原示例镇）\n第三行")
	s.set(Communities, 2, "occupancy_rate", "120")
	s.copyRow(Communities, 2, "id", "C003", "name", "示例三号小区", "occupancy_rate", "40", "households", "多")
	_, got := s.load(t)
	want := []string{
		`data/communities.csv:5:30: occupancy_rate 入住率（%） 应在 0 到 100 之间，实为 "120"`,
		`data/communities.csv:6:26: households 户数 应为整数，实为 "多"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Columns count characters, not bytes: after "示例一号小区" (6 characters,
// 18 bytes) the next cell starts at character 15 of "C001,示例一号小区,".
func TestColumnsCountCharacters(t *testing.T) {
	s := baseSite().set(Communities, 1, "region_code", "x")
	_, got := s.load(t)
	if len(got) != 1 || !strings.HasPrefix(got[0], "data/communities.csv:2:13: region_code") {
		t.Fatalf("got %q", got)
	}
}

func TestHeaderAliases(t *testing.T) {
	s := baseSite()
	h := s.tables[Communities][0]
	for j, key := range h {
		if f, ok := SchemaByName(Communities).Field(key); ok && j%2 == 0 {
			h[j] = f.Label // every other column by its Chinese label
		}
	}
	h[0] = " \uFEFF小区编号 " // id, with spaces and a stray BOM
	h[6] = "入住率(%)"       // half-width parentheses for 入住率（%）
	s.addColumn(Communities, "x_备注", "内部备注", "")
	s.addColumn(Communities, "X_checked", "1", "0")
	set, got := s.load(t)
	wantNoProblems(t, got)
	if set.Communities[0].OccupancyRate != 85 || set.Communities[1].Households != 120 {
		t.Fatalf("aliased columns not mapped: %+v", set.Communities)
	}
}

func TestAllProblemsInOneRun(t *testing.T) {
	s := baseSite().
		set(Communities, 1, "households", "很多").
		set(Communities, 2, "occupancy_rate", "-5").
		set(Enterprises, 3, "party_org", "其他")
	_, got := s.load(t)
	want := []string{
		`data/communities.csv:2:30: households 户数 应为整数，实为 "很多"`,
		`data/communities.csv:3:30: occupancy_rate 入住率（%） 应在 0 到 100 之间，实为 "-5"`,
		`data/enterprises.csv:4:44: party_org 党组织覆盖方式 应为以下之一：单独组建、联合组建、党建指导员、未覆盖，实为 "其他"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNormalisedInputForms(t *testing.T) {
	s := baseSite().
		set(Communities, 1, "households", " ５００ ").
		set(Communities, 1, "occupancy_rate", "85％").
		set(Communities, 1, "floor_area", "50,000").
		set(Communities, 1, "committee_date", "2022年8月1日").
		set(Communities, 1, "chair_is_party_member", "TRUE").
		set(Communities, 2, "occupancy_rate", "40.0%").
		set(Communities, 2, "smart_platform", "0").
		set(Enterprises, 1, "party_org_date", "2022/6/1").
		set(Enterprises, 1, "credit_code", strings.ToLower(codeA))
	set, got := s.load(t)
	wantNoProblems(t, got)
	c := set.Communities[0]
	if c.Households != 500 || c.OccupancyRate != 85 || c.FloorArea != (Some(float64(50000))) ||
		c.CommitteeDate.String() != "2022-08-01" || c.ChairIsPartyMember != (Some(true)) {
		t.Errorf("community 1 = %+v", c)
	}
	if c2 := set.Communities[1]; c2.OccupancyRate != 40 || c2.SmartPlatform != (Some(false)) || c2.CommitteeMembers.Valid {
		t.Errorf("community 2 = %+v", c2)
	}
	e := set.Enterprises[0]
	if e.PartyOrgDate.String() != "2022-06-01" || e.CreditCode != codeA || e.Line != 2 {
		t.Errorf("enterprise 1 = %+v", e)
	}
	if set.Enterprises[1].Status != "正常" {
		t.Errorf("empty status should default to 正常, got %q", set.Enterprises[1].Status)
	}
	if ev := set.Evaluations[0]; ev.Total != (Some(float64(88.5))) || ev.Satisfaction != 25.5 || ev.EvaluatedOn.String() != "2022-10-10" {
		t.Errorf("evaluation = %+v", ev)
	}
	if p := set.Progress[0]; p.ModeNone != 20 || p.ServiceRoomMissing != (Some(5)) || p.ReportDate.String() != "2022-07-03" {
		t.Errorf("progress = %+v", p)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2022-07-15": "2022-07-15", "2022-7-5": "2022-07-05", "2022/7/15": "2022-07-15", "2022/07/15": "2022-07-15",
		"2022年7月15日": "2022-07-15", "２０２２年７月１５日": "2022-07-15", " 2024-02-29 ": "2024-02-29",
		"2023-02-29": "", "2022-13-01": "", "22-07-15": "", "2022.7.15": "", "": "", "2022-07-15 10:00": "",
	} {
		d, ok := ParseDate(in)
		if got := map[bool]string{true: d.Format(DateLayout), false: ""}[ok]; got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormaliseNumber(t *testing.T) {
	for in, want := range map[string]string{
		"85": "85", "８５": "85", "85％": "85", "85%": "85", "85.50": "85.5", "０．５": "0.5", ".5": "0.5",
		"23,494": "23494", "1,234.5": "1234.5", "-0": "0", "+3": "3",
		"1e5": "", "NaN": "", "Inf": "", "1,5": "", "八十五": "", "": "", "0x10": "", "1_000": "",
	} {
		got, ok := NormaliseNumber(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("NormaliseNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every public field of the dictionary has a csv tag in its row type and no
// private one does: the row types are where private data is dropped.
func TestRowTypesMatchDictionary(t *testing.T) {
	types := map[string]reflect.Type{
		Regions: reflect.TypeOf(Region{}), Enterprises: reflect.TypeOf(Enterprise{}), Communities: reflect.TypeOf(Community{}),
		Evaluations: reflect.TypeOf(Evaluation{}), Progress: reflect.TypeOf(ProgressReport{}),
	}
	for _, s := range Schemas {
		var tags, public []string
		rt := types[s.Name]
		for i := 0; i < rt.NumField(); i++ {
			if tag := rt.Field(i).Tag.Get("csv"); tag != "" && tag != "-" {
				tags = append(tags, tag)
			}
		}
		for _, f := range s.PublicFields() {
			public = append(public, f.Key)
		}
		if !reflect.DeepEqual(tags, public) {
			t.Errorf("%s: row csv tags %v, public fields %v", s.Name, tags, public)
		}
	}
}

// Adding a private field is one line in schema.go: a schema cloned with one
// more private Field is read, validated like any other field, and dropped.
func TestNewPrivateFieldNeedsOneLine(t *testing.T) {
	schemas := make([]*Schema, len(Schemas))
	copy(schemas, Schemas)
	ent := *SchemaByName(Enterprises)
	ent.Fields = append(append([]Field(nil), ent.Fields...),
		Field{Key: "contact_backup_mobile", Label: "备用手机", Type: TypeMobile, Private: true}) // the one line
	for i, s := range schemas {
		if s.Name == Enterprises {
			schemas[i] = &ent
		}
	}
	load := func(s *testSite) (*Set, []string) {
		var rep diag.Report
		set := load(s.fs(), schemas, Options{Config: testConfig()}, &rep)
		return set, messages(&rep)
	}

	s := baseSite().addColumn(Enterprises, "备用手机", "13900000000", "", "12")
	set, got := load(s)
	want := `data/enterprises.csv:4:64: contact_backup_mobile 备用手机 应为以 1 开头的 11 位手机号码（不公开字段，不显示原值）`
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %q, want %q", got, want)
	}

	s = baseSite().addColumn(Enterprises, "contact_backup_mobile", "13900000000")
	set, got = load(s)
	wantNoProblems(t, got)
	baseline, _ := baseSite().load(t)
	if !reflect.DeepEqual(set.Enterprises, baseline.Enterprises) {
		t.Fatalf("private column changed public rows:\n%+v\n%+v", set.Enterprises, baseline.Enterprises)
	}
	for _, e := range set.Enterprises {
		if row := fmt.Sprintf("%+v", e); strings.Contains(row, "13900000000") || strings.Contains(row, "13800000000") {
			t.Fatalf("private value reached a row: %+v", e)
		}
	}
}

// The shipped sample in data/ must validate with zero errors against the
// shipped site.yaml.
func TestShippedSampleValidates(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "data", "communities.csv")); err != nil {
		t.Skip("no shipped sample in data/ yet")
	}
	cfg, err := config.Load(os.DirFS(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	var rep diag.Report
	set := Load(os.DirFS(root), Options{Config: cfg}, &rep)
	for _, p := range rep.Problems() {
		if p.Severity == diag.Error {
			t.Error(p.String())
		}
	}
	_, w := rep.Counts()
	t.Logf("%s；警告 %d 条", set.Summary(), w)
}

// TestShortRowsAreFolded: a header with one column too many makes every row
// short; the admin sees the first rows and one summary, not a wall of lines.
func TestShortRowsAreFolded(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,name,level,parent_code,x_note\n140000,山西省,province,\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "14%02d00,城市%d,city\n", i, i) // 3 cells: parent_code missing
	}
	s := baseSite()
	s.raw = map[string][]byte{Regions: []byte(b.String())}
	_, got := s.load(t)
	var short []string
	for _, m := range got {
		if strings.HasPrefix(m, "data/regions.csv:") && strings.Contains(m, "少于表头") {
			short = append(short, m)
		}
	}
	want := []string{
		"data/regions.csv:2: 本行只有 4 列，少于表头的 5 列（可能少了逗号），本行未读入",
		"data/regions.csv:3: 本行只有 3 列，少于表头的 5 列（可能少了逗号），本行未读入",
		"data/regions.csv:4: 本行只有 3 列，少于表头的 5 列（可能少了逗号），本行未读入",
		"data/regions.csv:5: 从本行起另有 7 行（第 5–11 行）也少于表头的 5 列，均未读入；若每行都少，请检查表头是否多了一列",
	}
	if strings.Join(short, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(short, "\n"), strings.Join(want, "\n"))
	}
}

// Cells are kept as spans of the file's text where they appear in it as
// they are, and apart where they do not (a quoted cell with "" inside, a line
// break inside a quoted cell of a CRLF file, a value written otherwise than
// its canonical form). Either way a problem names the cell's line and the
// column of its opening quote, and the rows carry the normalised values, in
// LF and CRLF files alike.
func TestCellsInAndOutOfTheText(t *testing.T) {
	valid := func() *testSite {
		return baseSite().
			set(Communities, 1, "street", `示例"东"街道`).
			set(Communities, 1, "neighborhood", "\n示例社区").
			set(Communities, 1, "households", " 500 ").
			set(Communities, 1, "occupancy_rate", "85.50").
			set(Communities, 1, "committee_date", "2022/8/1")
	}
	invalid := func() *testSite {
		return valid().
			set(Communities, 1, "built_year", "二〇〇五").
			set(Communities, 2, "name", "示例\"二号\x01").
			set(Communities, 2, "street", "\n示例街道\x01")
	}
	wantErrors := []string{
		`data/communities.csv:3:63: built_year 建成年份 应为四位数字的年份，如 2005，实为 "二〇〇五"`,
		`data/communities.csv:4:6: name 小区名称 含有不可见的控制或格式字符 U+0001（第 6 个字），请删除，实为 "示例\"二号\u{0001}"`,
		`data/communities.csv:4:23: street 街道（乡镇） 含有不可见的控制或格式字符 U+0001（第 5 个字），请删除，实为 "\n示例街道\u{0001}"`,
	}
	for _, crlf := range []bool{false, true} {
		t.Run(map[bool]string{false: "LF", true: "CRLF"}[crlf], func(t *testing.T) {
			file := func(s *testSite) *testSite {
				if crlf {
					b := bytes.ReplaceAll(s.csv(Communities), []byte("\n"), []byte("\r\n"))
					s.rawFile(Communities, b, "CRLF")
				}
				return s
			}
			set, got := file(valid()).load(t)
			if len(got) > 0 {
				t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
			}
			c := set.Communities[0]
			if c.Street != `示例"东"街道` || c.Neighborhood != "示例社区" || c.Households != 500 || c.OccupancyRate != 85.5 ||
				c.CommitteeDate.String() != "2022-08-01" || c.ChairIsPartyMember != Some(true) || c.SmartPlatform != Some(true) ||
				set.Communities[1].SmartPlatform != Some(false) || set.Enterprises[1].Status != "正常" {
				t.Errorf("rows: %+v", set.Communities)
			}
			_, got = file(invalid()).load(t)
			if strings.Join(got, "\n") != strings.Join(wantErrors, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantErrors, "\n"))
			}
		})
	}
}
