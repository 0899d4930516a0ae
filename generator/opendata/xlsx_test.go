package opendata

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/xuri/excelize/v2"
)

// xmlSafe is what a text reads as after XML 1.0 forbade some of its
// characters: each becomes U+FFFD, as encoding/xml writes them.
func xmlSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// checkWellFormed parses every XML part of a workbook.
func checkWellFormed(t *testing.T, b []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if z.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s, want [Content_Types].xml", z.File[0].Name)
	}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(r)
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		r.Close()
	}
}

// TestXLSXTexts writes awkward texts, in a column whose texts repeat (the
// shared string table) and in one whose texts do not (inline strings),
// and reads them back with excelize.
func TestXLSXTexts(t *testing.T) {
	long := strings.Repeat("长", maxCellChars+10)
	longEmoji := strings.Repeat("a", maxCellChars-1) + "😀" // a surrogate pair cannot straddle the limit
	texts := append([]string{long, longEmoji, "=" + long}, trickyTexts...)
	tb := &table{name: "t", title: "测试[1]:?", cols: []dataset.Field{
		{Key: "repeated", Label: "重复", Type: dataset.TypeText},
		{Key: "unique", Label: "唯一", Type: dataset.TypeID},
		{Key: "n", Label: "数", Type: dataset.TypeNumber},
	}}
	// Enough unique rows first that the unique column turns to inline
	// strings before the awkward texts come.
	for i := range sharingProbe + 10 {
		tb.rows = append(tb.rows, []any{texts[i%len(texts)], "U" + strconv.Itoa(i), float64(i) * 1234.5})
	}
	for i, s := range texts {
		tb.rows = append(tb.rows, []any{texts[(i+5)%len(texts)], s, nil})
	}
	b, err := tb.XLSX(XLSXProps{Title: `标题 "<&>"`, Creator: "示例专班", Date: time.Date(2023, 10, 20, 8, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, b)
	if again, _ := tb.XLSX(XLSXProps{Title: `标题 "<&>"`, Creator: "示例专班", Date: time.Date(2023, 10, 20, 8, 0, 0, 0, time.UTC)}); !bytes.Equal(b, again) {
		t.Error("the same table gives different workbooks")
	}
	sheetXML := zipPart(t, b, "xl/worksheets/sheet1.xml")
	last := strconv.Itoa(len(tb.rows) + 1)
	if !bytes.Contains(sheetXML, []byte(`<c r="A`+last+`" t="s">`)) || !bytes.Contains(sheetXML, []byte(`<c r="B`+last+`" s="2" t="inlineStr">`)) {
		t.Fatal("repeated texts should be shared, unique ones inline")
	}
	// Readers keep white space at the edges of a text only when told to;
	// excelize keeps it anyway, so the markup is checked here.
	for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		d := xml.NewDecoder(bytes.NewReader(zipPart(t, b, part)))
		var preserve, inT bool
		var text strings.Builder
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			switch el := tok.(type) {
			case xml.StartElement:
				if el.Name.Local == "t" {
					inT, preserve = true, false
					text.Reset()
					for _, a := range el.Attr {
						preserve = preserve || a.Name.Local == "space" && a.Value == "preserve"
					}
				}
			case xml.CharData:
				if inT {
					text.Write(el)
				}
			case xml.EndElement:
				if el.Name.Local == "t" {
					inT = false
					s := text.String()
					if edge := s != strings.Trim(s, " \t\r\n"); edge != preserve { // XML white space only
						t.Errorf("%s: <t> of %q has xml:space=preserve %v", part, s, preserve)
					}
				}
			}
		}
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 1 || got[0] != "测试_1___" {
		t.Errorf("sheets %q, want [测试_1___]", got)
	}
	rows, err := x.GetRows(x.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(tb.rows)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(tb.rows)+1)
	}
	for i, row := range tb.rows {
		for j, c := range row {
			want := ""
			switch v := c.(type) {
			case string:
				want = xmlSafe(Neutralise(v))
				if u := utf16Len(want); u > maxCellChars {
					want = truncateUTF16(want, maxCellChars)
				}
			case float64:
				want = machineText(v)
			}
			got := ""
			if j < len(rows[i+1]) {
				got = rows[i+1][j]
			}
			if got != want {
				t.Errorf("row %d column %s = %.60q (%d bytes), want %.60q (%d bytes)", i+2, tb.cols[j].Key, got, len(got), want, len(want))
			}
		}
	}
	props, err := x.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != `标题 "<&>"` || props.Creator != "示例专班" || props.LastModifiedBy != "示例专班" ||
		props.Language != "zh-CN" || props.Created != "2023-10-20T08:00:00Z" || props.Modified != "2023-10-20T08:00:00Z" {
		t.Errorf("document properties %+v", props)
	}
	// Widths count the apostrophe of neutralised text and stop at 60; the
	// widest number, 327142.5, is 8 wide.
	for j, want := range []float64{62, 62, 10} {
		name, _ := excelize.ColumnNumberToName(j + 1)
		if got, _ := x.GetColWidth(x.GetSheetName(0), name); got != want {
			t.Errorf("column %s width %v, want %v", name, got, want)
		}
	}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// TestXLSXEmpty: a table without rows is still a valid workbook with its header.
func TestXLSXEmpty(t *testing.T) {
	tb := &table{name: "e", title: "", cols: []dataset.Field{{Key: "a", Label: "甲", Type: dataset.TypeText}}}
	b, err := tb.XLSX(XLSXProps{})
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, b)
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("Sheet1")
	if err != nil || len(rows) != 1 || rows[0][0] != "甲" {
		t.Errorf("rows %q %v, want the header alone on sheet Sheet1", rows, err)
	}
}

// TestSampleXLSXWellFormed parses every part of every sample workbook.
func TestSampleXLSXWellFormed(t *testing.T) {
	_, _, files := buildSample(t)
	n := 0
	for path, b := range files {
		if strings.HasSuffix(path, ".xlsx") {
			n++
			checkWellFormed(t, b)
		}
	}
	if n == 0 {
		t.Fatal("no workbooks")
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := columnName(i); got != want {
			t.Errorf("columnName(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"山西省行政区划":                      "山西省行政区划",
		"a[b]c:d*e?f/g\\h":             "a_b_c_d_e_f_g_h",
		"'quoted'":                     "quoted",
		"''":                           "Sheet1",
		"":                             "Sheet1",
		strings.Repeat("长", 40):        strings.Repeat("长", 31),
		strings.Repeat("x", 30) + "'y": strings.Repeat("x", 30),
	} {
		if got := sheetName(in); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDisplayWidthFastPath: the CJK block displayWidth counts without a
// table lookup is all Han, so the short cut changes no width.
func TestDisplayWidthFastPath(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("U+%04X is not Han", r)
		}
	}
}

// TestReleaseXLSXOpensOnAbout: a release workbook opens on a 说明 sheet
// naming what it is (title, 公示期, issuer, source, licence, version
// date), with the data on a sheet of its own that holds only the table.
func TestReleaseXLSXOpensOnAbout(t *testing.T) {
	f, res, files := buildSample(t)
	p := f.m.Periods[0]
	var rel *Release
	for _, d := range res.Datasets {
		for _, r := range d.Releases {
			if r.Period == p.ID {
				rel = r
			}
		}
	}
	for _, dl := range rel.AllDownloads() {
		if dl.Kind != "xlsx" || (dl.Scope != "" && dl.Scope != p.Cities[0].City.Name) {
			continue
		}
		x, err := excelize.OpenReader(bytes.NewReader(files[strings.TrimPrefix(dl.Path, "/")]))
		if err != nil {
			t.Fatal(err)
		}
		if got := x.GetSheetList(); !slices.Equal(got, []string{"说明", "评价结果"}) {
			t.Fatalf("%s: sheets %v", dl.Path, got)
		}
		if x.GetActiveSheetIndex() != 0 {
			t.Errorf("%s opens on sheet %d, not 说明", dl.Path, x.GetActiveSheetIndex())
		}
		about, _ := x.GetRows("说明")
		text := map[string]string{}
		for _, r := range about {
			if len(r) == 2 {
				text[r[0]] = r[1]
			}
		}
		title := p.Title
		if dl.Scope != "" {
			title += "（" + dl.Scope + "）"
		}
		want := map[string]string{
			"标题": title, "公示期": p.Start.Format("2006-01-02") + " 至 " + p.End.Format("2006-01-02"),
			"发布单位": f.cfg.Publisher.Name, "数据来源": f.cfg.BaseURL + "evaluations/" + p.ID + "/",
			"版本日期": p.Published.Format("2006-01-02"),
		}
		for k, v := range want {
			if text[k] != v {
				t.Errorf("%s 说明 %s = %q, want %q", dl.Path, k, text[k], v)
			}
		}
		if !strings.Contains(text["许可协议"], f.cfg.License.URL) {
			t.Errorf("%s 说明 names no licence: %q", dl.Path, text["许可协议"])
		}
		evs := p.Evaluations
		if dl.Scope != "" {
			evs = p.Cities[0].Evaluations
		}
		tb := releaseTable(p, evs)
		checkXLSX(t, files[strings.TrimPrefix(dl.Path, "/")], tb, wantRows(t, tb))
		x.Close()
	}
}
