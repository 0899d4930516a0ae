package opendata

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/artifact"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/xuri/excelize/v2"
)

func buildSample(t *testing.T) (*fixture, *Result, map[string][]byte) {
	t.Helper()
	f := loadSample(t)
	res, err := Build(f.m, f.set, f.meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, file := range res.Files {
		files[file.Path] = file.Data
	}
	return f, res, files
}

// TestEveryPublishedFieldDescribed keeps the data dictionary complete: a
// column without a description, label or rules cannot be published.
func TestEveryPublishedFieldDescribed(t *testing.T) {
	for _, s := range dataset.Schemas {
		for _, f := range s.PublicFields() {
			if f.Desc == "" || f.Label == "" || f.Rules == "" {
				t.Errorf("%s.%s: Desc %q, Label %q, Rules %q: every published field needs all three", s.Name, f.Key, f.Desc, f.Label, f.Rules)
			}
		}
	}
	for _, f := range releaseFields {
		if f.Desc == "" || f.Label == "" {
			t.Errorf("release column %s lacks a description or label", f.Key)
		}
	}
}

// parseCSV reads a CSV download back into header and records.
func parseCSV(t *testing.T, b []byte) ([]string, [][]string) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[0], recs[1:]
}

// want returns the expected machine text of every cell, straight from the
// validated rows via gocsv's MarshalCSV-compatible formatting.
func wantRows(t *testing.T, tb *table) [][]string {
	out := make([][]string, len(tb.rows))
	for i, row := range tb.rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			out[i][j] = machineText(c)
		}
	}
	return out
}

// unneutralise undoes the apostrophe a spreadsheet hides.
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	f, res, files := buildSample(t)
	tables, err := setTables(f.set)
	if err != nil {
		t.Fatal(err)
	}
	refs := setNames(f.set)
	for _, tb := range tables {
		t.Run(tb.name, func(t *testing.T) {
			want := wantRows(t, tb)
			// The people's files have a name beside each code.
			pt := tb.withNames(dataset.SchemaByName(tb.name), refs)
			wantPeople := wantRows(t, pt)
			if len(want) == 0 {
				t.Fatal("empty dataset in the sample")
			}
			// Machine CSV: canonical keys, no BOM, LF.
			mc := files["data/"+tb.name+"/"+tb.name+".csv"]
			if bytes.HasPrefix(mc, bom) {
				t.Error("machine CSV starts with a BOM")
			}
			if bytes.Contains(mc, []byte("\r\n")) {
				t.Error("machine CSV has CRLF line ends")
			}
			h, recs := parseCSV(t, mc)
			for i, c := range tb.cols {
				if h[i] != c.Key {
					t.Errorf("machine header %d = %q, want %q", i, h[i], c.Key)
				}
			}
			if !reflect.DeepEqual(recs, want) {
				t.Error("machine CSV rows differ from the validated data")
			}
			// Machine CSV parsed back with gocsv-style types equals the dataset rows.
			// People's CSV: BOM, labels, CRLF; values equal after undoing 是/否 and neutralising.
			pc := files["data/"+tb.name+"/"+tb.name+"-excel.csv"]
			if !bytes.HasPrefix(pc, bom) {
				t.Error("people's CSV lacks the BOM")
			}
			if !bytes.Contains(pc, []byte("\r\n")) {
				t.Error("people's CSV lacks CRLF line ends")
			}
			h, recs = parseCSV(t, bytes.TrimPrefix(pc, bom))
			if len(h) != len(pt.cols) {
				t.Fatalf("people's header %v, want %d columns", h, len(pt.cols))
			}
			for i, c := range pt.cols {
				if h[i] != c.Label {
					t.Errorf("people's header %d = %q, want %q", i, h[i], c.Label)
				}
			}
			for i := range recs {
				for j := range recs[i] {
					got := unneutralise(recs[i][j])
					if pt.cols[j].Type == dataset.TypeBool && got != "" {
						b, _ := dataset.ParseBool(got)
						got = strconv.FormatBool(b)
					}
					if got != wantPeople[i][j] {
						t.Fatalf("people's CSV row %d %s = %q, want %q", i+1, pt.cols[j].Key, got, wantPeople[i][j])
					}
				}
			}
			// JSON: typed values.
			var objs []map[string]any
			if err := json.Unmarshal(files["data/"+tb.name+"/"+tb.name+".json"], &objs); err != nil {
				t.Fatal(err)
			}
			if len(objs) != len(tb.rows) {
				t.Fatalf("JSON has %d rows, want %d", len(objs), len(tb.rows))
			}
			for i, o := range objs {
				if len(o) != len(tb.cols) {
					t.Fatalf("JSON row %d has %d keys, want %d", i, len(o), len(tb.cols))
				}
				for j, c := range tb.cols {
					got, ok := o[c.Key]
					if !ok {
						t.Fatalf("JSON row %d lacks %s", i, c.Key)
					}
					if !jsonEqual(got, tb.rows[i][j]) {
						t.Fatalf("JSON row %d %s = %#v, want %#v", i, c.Key, got, tb.rows[i][j])
					}
				}
			}
			// XLSX.
			checkXLSX(t, files["data/"+tb.name+"/"+tb.name+".xlsx"], pt, wantPeople)
		})
	}
	if len(res.Datasets) != len(dataset.Schemas) {
		t.Errorf("%d datasets, want %d", len(res.Datasets), len(dataset.Schemas))
	}
}

// TestPeopleFilesNameTheCodes: in the Excel CSV a reader sees the county
// and the company of a community beside their codes, as the site names them.
func TestPeopleFilesNameTheCodes(t *testing.T) {
	f, _, files := buildSample(t)
	h, recs := parseCSV(t, bytes.TrimPrefix(files["data/communities/communities-excel.csv"], bom))
	col := map[string]int{}
	for i, l := range h {
		col[l] = i
	}
	for _, pair := range [][2]string{{"所在区县代码", "所在区县名称"}, {"物业服务企业编号", "物业服务企业名称"}} {
		if col[pair[1]] != col[pair[0]]+1 {
			t.Fatalf("%s is not right after %s: %v", pair[1], pair[0], h)
		}
	}
	checked := 0
	for _, r := range recs {
		c := f.m.CommunityByID[r[col["小区编号"]]]
		if r[col["所在区县名称"]] != c.County.Name {
			t.Errorf("%s: county %q, want %q", c.ID, r[col["所在区县名称"]], c.County.Name)
		}
		if c.Enterprise != nil {
			checked++
			if r[col["物业服务企业名称"]] != c.Enterprise.Name {
				t.Errorf("%s: company %q, want %q", c.ID, r[col["物业服务企业名称"]], c.Enterprise.Name)
			}
		}
	}
	if checked == 0 {
		t.Error("no community with a company in the sample")
	}
	// The machine CSV keeps its documented columns.
	mh, _ := parseCSV(t, files["data/communities/communities.csv"])
	if slices.Contains(mh, "region_code_name") || len(mh) != len(dataset.SchemaByName("communities").PublicFields()) {
		t.Errorf("machine CSV header changed: %v", mh)
	}
}

// isNumber reports whether a cell is a number.
func isNumber(c any) bool {
	switch c.(type) {
	case int, float64:
		return true
	}
	return false
}

// zipPart returns a part of a zip archive.
func zipPart(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// jsonEqual compares a decoded JSON value with a table cell, by type.
func jsonEqual(got, cell any) bool {
	switch c := cell.(type) {
	case nil:
		return got == nil
	case string:
		return got == c
	case bool:
		return got == c
	case int:
		return got == float64(c)
	case float64:
		return got == c
	}
	return false
}

func checkXLSX(t *testing.T, b []byte, tb *table, want [][]string) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	sheet := sheets[len(sheets)-1] // the data: after 说明 when there is one
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("XLSX has %d rows, want %d", len(rows), len(want)+1)
	}
	for j, c := range tb.cols {
		if rows[0][j] != c.Label {
			t.Errorf("XLSX header %d = %q, want %q", j, rows[0][j], c.Label)
		}
	}
	for i := range want {
		for j := range want[i] {
			got := ""
			if j < len(rows[i+1]) {
				got = unneutralise(rows[i+1][j])
			}
			if tb.cols[j].Type == dataset.TypeBool && got != "" {
				v, _ := dataset.ParseBool(got)
				got = strconv.FormatBool(v)
			}
			if got != want[i][j] {
				t.Fatalf("XLSX row %d %s = %q, want %q", i+2, tb.cols[j].Key, got, want[i][j])
			}
		}
	}
	// Every cell: codes, ids, credit codes, texts and dates are text cells,
	// ids, codes and dates in the text format "@" (so that Excel keeps
	// leading zeros when they are edited); numbers are numbers; absent
	// values are no cell at all.
	textStyle := map[int]bool{}
	for i, row := range tb.rows {
		for j, c := range tb.cols {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			typ, err := x.GetCellType(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			isText := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
			switch {
			case row[j] == nil:
				if typ != excelize.CellTypeUnset {
					t.Fatalf("XLSX %s %s: absent value is cell type %v", tb.name, cell, typ)
				}
				continue
			case isNumber(row[j]):
				if isText {
					t.Fatalf("XLSX %s %s (%s) is text, want a number", tb.name, cell, c.Key)
				}
			case !isText:
				t.Fatalf("XLSX %s %s (%s) is cell type %v, want text", tb.name, cell, c.Key, typ)
			}
			style, err := x.GetCellStyle(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			if !textStyle[style] {
				st, err := x.GetStyle(style)
				if err != nil {
					t.Fatal(err)
				}
				textStyle[style] = st.NumFmt == 49
			}
			if textStyle[style] != textType(c) {
				t.Fatalf("XLSX %s %s (%s): text format %v, want %v", tb.name, cell, c.Key, textStyle[style], textType(c))
			}
		}
	}
	panes, err := x.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("XLSX header not frozen: %+v %v", panes, err)
	}
	// The header: bold, pale blue, a dark blue bottom border, wrapped, 20
	// points high. excelize reports colours only in workbooks with a theme
	// part, which ours need not have: they are read from styles.xml.
	var styles struct {
		Fills []struct {
			FG struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"patternFill>fgColor"`
		} `xml:"fills>fill"`
		Borders []struct {
			Bottom struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"bottom>color"`
		} `xml:"borders>border"`
		XFs []struct {
			Fill   int `xml:"fillId,attr"`
			Border int `xml:"borderId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(zipPart(t, b, "xl/styles.xml"), &styles); err != nil {
		t.Fatal(err)
	}
	for j := range tb.cols {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		id, err := x.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := x.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Font == nil || !st.Font.Bold || st.Fill.Type != "pattern" || st.Fill.Pattern != 1 ||
			len(st.Border) != 1 || st.Border[0].Type != "bottom" || st.Border[0].Style != 1 ||
			st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "center" {
			t.Fatalf("XLSX header %s style: font %+v fill %+v border %+v alignment %+v", cell, st.Font, st.Fill, st.Border, st.Alignment)
		}
		xf := styles.XFs[id]
		if fill, border := styles.Fills[xf.Fill].FG.RGB, styles.Borders[xf.Border].Bottom.RGB; fill != "FFDCE6F1" || border != "FF1F4E79" {
			t.Fatalf("XLSX header %s fill colour %q, border colour %q", cell, fill, border)
		}
	}
	if h, err := x.GetRowHeight(sheet, 1); err != nil || h != 20 {
		t.Errorf("XLSX header height %v %v, want 20", h, err)
	}
	// Column widths fit the widest text as people read it, 6 to 60, plus 2.
	for j, c := range tb.cols {
		w := displayWidth(c.Label)
		for _, row := range tb.rows {
			if row[j] != nil {
				s := peopleText(row[j])
				w = max(w, displayWidth(s))
			}
		}
		name, _ := excelize.ColumnNumberToName(j + 1)
		if got, err := x.GetColWidth(sheet, name); err != nil || got != float64(min(max(w, 6), 60)+2) {
			t.Errorf("XLSX %s column %s width %v %v, want %d", tb.name, name, got, err, min(max(w, 6), 60)+2)
		}
	}
}

func TestXLSXDeterministic(t *testing.T) {
	f := loadSample(t)
	a, err := Build(f.m, f.set, f.meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(f.m, f.set, f.meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) != len(b.Files) {
		t.Fatal("different file lists")
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("%s differs between two builds", a.Files[i].Path)
		}
	}
}

func TestHashesAndSizes(t *testing.T) {
	_, res, files := buildSample(t)
	for _, d := range res.Datasets {
		if len(d.Downloads) != len(Formats) {
			t.Errorf("%s: %d downloads", d.Name, len(d.Downloads))
		}
		var all []Download
		all = append(all, d.Downloads...)
		for _, r := range d.Releases {
			all = append(all, r.Downloads...)
		}
		for _, dl := range all {
			b, ok := files[strings.TrimPrefix(dl.Path, "/")]
			if !ok {
				t.Errorf("%s: no file", dl.Path)
				continue
			}
			sum := sha256.Sum256(b)
			if dl.Bytes != len(b) || dl.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%s: size/hash %d %s do not match the file", dl.Path, dl.Bytes, dl.SHA256)
			}
		}
	}
	if got := ReleaseDownloads(res.Datasets, "2022"); len(got) != 3 || got[0].Path != "/evaluations/2022/2022.csv" {
		t.Errorf("ReleaseDownloads(2022) = %+v", got)
	}
}

func TestFormulaInjectionNeutralised(t *testing.T) {
	tb := &table{name: "t", title: "测试", cols: []dataset.Field{
		{Key: "name", Label: "名称", Type: dataset.TypeText},
		{Key: "score", Label: "得分", Type: dataset.TypeNumber},
	}, rows: [][]any{
		{`=HYPERLINK("http://evil.example","点我")`, -3.5},
		{"+1", 2.0},
		{"-2+3", 0.5},
		{"@SUM(A1)", 1.0},
		{"\tx", 1.0},
		{"\rx", 1.0},
		{"示例·正常小区", -1.0},
	}}
	safe := func(s string) bool { return s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) }
	_, recs := parseCSV(t, bytes.TrimPrefix(tb.PeopleCSV(), bom))
	for i, r := range recs {
		if !safe(r[0]) {
			t.Errorf("people's CSV row %d name %q is a live formula", i, r[0])
		}
		if want := machineText(tb.rows[i][1]); r[1] != want {
			t.Errorf("number %q was altered to %q", want, r[1])
		}
	}
	if recs[len(recs)-1][0] != "示例·正常小区" {
		t.Errorf("ordinary text altered: %q", recs[len(recs)-1][0])
	}
	b, err := tb.XLSX(XLSXProps{Title: "t", Date: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetName(0), excelize.Options{RawCellValue: true})
	for i, r := range rows[1:] {
		if !safe(r[0]) {
			t.Errorf("XLSX row %d name %q is a live formula", i, r[0])
		}
		if r[1] != machineText(tb.rows[i][1]) {
			t.Errorf("XLSX number %q altered", r[1])
		}
		if f, _ := x.GetCellFormula(x.GetSheetName(0), "A"+strconv.Itoa(i+2)); f != "" {
			t.Errorf("XLSX row %d has formula %q", i, f)
		}
	}
	// The machine CSV and JSON keep the text exactly: programs do not run formulas.
	_, recs = parseCSV(t, tb.MachineCSV())
	if recs[0][0] != tb.rows[0][0] {
		t.Errorf("machine CSV altered text: %q", recs[0][0])
	}
}

func TestCatalogsValidateAgainstPublishedSchemas(t *testing.T) {
	dir := filepath.Join(projectRoot(t), "..", "shared", "schemas")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/schemas not present")
	}
	_, res, files := buildSample(t)
	cases := []struct{ file, schemaDir, schema string }{
		{"data/datapackage.json", "datapackage", "datapackage-2.0.json"},
		{"data.json", filepath.Join("pod-v1.1", "non-federal"), "catalog.json"},
	}
	for _, c := range cases {
		var doc any
		if err := json.Unmarshal(files[c.file], &doc); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		set := newSchemaSet(filepath.Join(dir, c.schemaDir))
		errs, err := set.validate(c.schema, doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Errorf("%s: %s", c.file, e)
		}
		t.Logf("%s: %d patterns not checked (RE2 cannot compile them)", c.file, len(set.skipped))
	}
	// Required fields beyond the schemas: every distribution has a mediaType;
	// every resource has bytes and a sha256 hash; codes carry a pattern.
	var pod struct {
		Dataset []struct {
			Distribution []map[string]any `json:"distribution"`
		} `json:"dataset"`
	}
	_ = json.Unmarshal(files["data.json"], &pod)
	for _, d := range pod.Dataset {
		for _, dist := range d.Distribution {
			if dist["mediaType"] == nil || dist["downloadURL"] == nil {
				t.Errorf("data.json distribution without mediaType/downloadURL: %v", dist)
			}
		}
	}
	var dp struct {
		Resources []struct {
			dpResource
			Schema json.RawMessage `json:"schema"`
		} `json:"resources"`
	}
	_ = json.Unmarshal(files["data/datapackage.json"], &dp)
	releaseFiles := 0
	for _, d := range res.Datasets {
		for _, r := range d.Releases {
			releaseFiles += len(r.AllDownloads())
		}
	}
	// Each dataset: the machine CSV and the two people's files (Excel CSV, XLSX).
	if releaseFiles == 0 || len(dp.Resources) != 3*len(res.Datasets)+releaseFiles {
		t.Fatalf("%d resources for %d datasets (3 files each) and %d release files", len(dp.Resources), len(res.Datasets), releaseFiles)
	}
	base := strings.TrimSuffix(loadSample(t).cfg.BaseURL, "/")
	for _, r := range dp.Resources {
		file := "data/" + r.Path
		if strings.HasPrefix(r.Path, "https://") {
			file = strings.TrimPrefix(strings.TrimPrefix(r.Path, base), "/")
		}
		b, ok := files[file]
		sum := sha256.Sum256(b)
		if !ok || r.Bytes != len(b) || r.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
			t.Errorf("resource %s: bytes/hash do not match %s", r.Name, file)
		}
		var schema dpSchema
		if err := json.Unmarshal(r.Schema, &schema); err != nil {
			// A release file names its Table Schema file, which the build publishes.
			var ref string
			_ = json.Unmarshal(r.Schema, &ref)
			if err := json.Unmarshal(files[strings.TrimPrefix(strings.TrimPrefix(ref, base), "/")], &schema); err != nil {
				t.Errorf("resource %s: schema %s: %v", r.Name, r.Schema, err)
				continue
			}
		}
		if len(schema.PrimaryKey) == 0 || len(schema.Fields) == 0 {
			t.Errorf("resource %s has no primaryKey or fields", r.Name)
		}
		// A people's CSV has exactly the header its schema names.
		if r.Format == "csv" && r.Dialect != nil && r.Dialect.LineTerminator == "\r\n" {
			header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).Read()
			var names []string
			for _, f := range schema.Fields {
				names = append(names, f.Name)
			}
			if err != nil || strings.Join(header, ",") != strings.Join(names, ",") {
				t.Errorf("resource %s: header %q, schema fields %q (%v)", r.Name, header, names, err)
			}
		}
		for _, f := range schema.Fields {
			if r.Format == "xlsx" || (r.Format == "csv" && r.Dialect != nil && r.Dialect.LineTerminator == "\r\n") {
				break // the people's files are described by labels
			}
			if (f.Name == "code" || strings.HasSuffix(f.Name, "_code") || f.Name == "id" || strings.HasSuffix(f.Name, "_id")) &&
				(f.Constraints == nil || f.Constraints.Pattern == "") {
				t.Errorf("resource %s field %s has no pattern", r.Name, f.Name)
			}
		}
	}
}

func TestPrivateFieldsAbsent(t *testing.T) {
	// The dataset package drops private fields; the writers must not bring
	// them back (e.g. by writing every schema field).
	_, res, files := buildSample(t)
	var private []string
	for _, s := range dataset.Schemas {
		for _, f := range s.Fields {
			if f.Private {
				private = append(private, f.Key, f.Label)
			}
		}
	}
	for path, b := range files {
		if strings.HasSuffix(path, ".xlsx") {
			continue // zipped: checked through the parsed headers in TestRoundTrip
		}
		for _, p := range private {
			if bytes.Contains(b, []byte(`"`+p+`"`)) || bytes.Contains(b, []byte(","+p+",")) {
				t.Errorf("%s mentions private field %s", path, p)
			}
		}
	}
	for _, d := range res.Datasets {
		for _, c := range d.Columns {
			if f, _ := dataset.SchemaByName(d.Name).Field(c.Key); f.Private {
				t.Errorf("%s publishes private column %s", d.Name, c.Key)
			}
		}
	}
}

func TestFilesSortedAndUnique(t *testing.T) {
	_, res, _ := buildSample(t)
	var prev artifact.File
	for i, f := range res.Files {
		if i > 0 && f.Path <= prev.Path {
			t.Errorf("files not sorted/unique: %s after %s", f.Path, prev.Path)
		}
		prev = f
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		s string
		w int
	}{{"abc", 3}, {"小区", 4}, {"入住率（%）", 11}, {"C000001", 7}} {
		if got := displayWidth(c.s); got != c.w {
			t.Errorf("displayWidth(%q) = %d, want %d", c.s, got, c.w)
		}
	}
}
