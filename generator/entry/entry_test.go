package entry

import (
	"bytes"
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// sample loads the shipped site: its regions, periods and grades fill the drop-downs.
func sample(t *testing.T) (*build.Site, Inputs) {
	t.Helper()
	site, err := build.Load(build.Options{Root: "../.."})
	if err != nil {
		t.Fatal(err)
	}
	return site, Inputs{Config: site.Config, Regions: site.Data.Regions}
}

// reopen saves a workbook and opens the bytes, as Excel would.
func reopen(t *testing.T, f *excelize.File) *excelize.File {
	t.Helper()
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = g.Close() })
	return g
}

func TestValidationsReadBack(t *testing.T) {
	_, in := sample(t)
	byColumn := func(f *excelize.File, sheet string) map[string]*excelize.DataValidation {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			col := strings.TrimRight(strings.SplitN(dv.Sqref, ":", 2)[0], "0123456789")
			if !strings.HasSuffix(dv.Sqref, ":"+col+"1048576") {
				t.Errorf("%s: validation %s does not cover the whole column below the header", sheet, dv.Sqref)
			}
			m[col] = dv
		}
		return m
	}
	letter := func(s *dataset.Schema, key string) string {
		for _, c := range Columns(s) {
			if c.Field.Key == key {
				return c.Letter
			}
		}
		t.Fatalf("no column %s", key)
		return ""
	}
	optionValues := func(f *excelize.File, ref string) []string {
		// '选项'!$B$2:$B$40
		ref = strings.TrimPrefix(ref, "'"+OptionsSheet+"'!")
		col := strings.Trim(strings.SplitN(ref, "$", 3)[1], "$")
		rows, err := f.GetCols(OptionsSheet)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := excelize.ColumnNameToNumber(col)
		return rows[n-1][1:]
	}
	levelCodes := func(levels ...string) []string {
		var out []string
		for _, r := range in.Regions {
			if slices.Contains(levels, r.Level) {
				out = append(out, r.Code)
			}
		}
		return out
	}

	for _, s := range dataset.Schemas {
		wb, err := Workbook(s, in)
		if err != nil {
			t.Fatal(err)
		}
		f := reopen(t, wb)
		sheets := f.GetSheetList()
		if sheets[0] != s.Title || f.GetActiveSheetIndex() != 0 || !slices.Contains(sheets, GuideSheet) {
			t.Errorf("%s: sheets %v, active %d: the data sheet must be first and active, with a %s sheet", s.Name, sheets, f.GetActiveSheetIndex(), GuideSheet)
		}
		if p, err := f.GetPanes(s.Title); err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", s.Name, p, err)
		}
		header, _ := f.GetRows(s.Title)
		dvs := byColumn(f, s.Title)
		for _, c := range Columns(s) {
			if header[0][columnIndex(c.Letter)] != c.Name {
				t.Errorf("%s %s1 = %q, want %q", s.Name, c.Letter, header[0][columnIndex(c.Letter)], c.Name)
			}
			fd := c.Field
			if c.Helper || fd.Key == "" {
				continue
			}
			// Codes and ids are text, so Excel keeps them as typed.
			if fd.Type == dataset.TypeID || fd.Type == dataset.TypeCode || fd.Type == dataset.TypeCreditCode || fd.Type == dataset.TypeMobile {
				id, _ := f.GetColStyle(s.Title, c.Letter)
				if st, err := f.GetStyle(id); err != nil || st.NumFmt != 49 {
					t.Errorf("%s.%s: column not formatted as text", s.Name, fd.Key)
				}
			}
			dv := dvs[c.Letter]
			switch {
			case fd.Type == dataset.TypeEnum:
				if dv == nil || dv.Type != "list" || dv.Formula1 != `"`+strings.Join(fd.Enum, ",")+`"` {
					t.Errorf("%s.%s: drop-down %+v, want %v", s.Name, fd.Key, dv, fd.Enum)
				}
			case fd.Type == dataset.TypeBool:
				if dv == nil || dv.Type != "list" || dv.Formula1 != `"是,否"` {
					t.Errorf("%s.%s: yes/no drop-down %+v", s.Name, fd.Key, dv)
				}
			case fd.Type == dataset.TypeDate:
				if dv == nil || dv.Type != "date" {
					t.Errorf("%s.%s: date check %+v", s.Name, fd.Key, dv)
				}
			}
		}
		if _, err := f.GetRows(GuideSheet); err != nil {
			t.Fatal(err)
		}
		guide, _ := f.GetRows(GuideSheet)
		var text strings.Builder
		for _, r := range guide {
			text.WriteString(strings.Join(r, " ") + "\n")
		}
		for _, fd := range s.Fields {
			if !strings.Contains(text.String(), fd.Label) || (fd.Rules != "" && !strings.Contains(text.String(), fd.Rules)) {
				t.Errorf("%s: the guide does not explain %s", s.Name, fd.Key)
			}
		}

		// Region codes: the drop-down offers exactly the divisions the
		// validator accepts there, and the next column shows the name.
		switch s.Name {
		case dataset.Communities, dataset.Progress, dataset.Enterprises:
			want := map[string][]string{dataset.Communities: {"county"}, dataset.Progress: {"city"}, dataset.Enterprises: {"city", "county"}}[s.Name]
			col := letter(s, "region_code")
			dv := dvs[col]
			if dv == nil || dv.Type != "list" || !slices.Equal(optionValues(f, dv.Formula1), levelCodes(want...)) {
				t.Errorf("%s.region_code: drop-down %+v does not list the %v codes", s.Name, dv, want)
			}
			next := colName(columnIndex(col) + 2)
			formula, _ := f.GetCellFormula(s.Title, next+"2")
			if !strings.HasPrefix(header[0][columnIndex(next)], "x_") || !strings.Contains(formula, "VLOOKUP("+col+"2,'"+RegionSheet+"'!") {
				t.Errorf("%s: column %s should show the region name: %q %q", s.Name, next, header[0][columnIndex(next)], formula)
			}
		}
		switch s.Name {
		case dataset.Communities:
			occ := dvs[letter(s, "occupancy_rate")]
			if occ == nil || occ.Type != "decimal" || occ.Operator != "between" || occ.Formula1 != "0" || occ.Formula2 != "100" {
				t.Errorf("occupancy_rate check %+v, want a decimal between 0 and 100", occ)
			}
			hh := dvs[letter(s, "households")]
			if hh == nil || hh.Type != "whole" || hh.Formula1 != "0" {
				t.Errorf("households check %+v, want a whole number from 0", hh)
			}
		case dataset.Evaluations:
			var periods, grades []string
			for _, p := range in.Config.Evaluation.Periods {
				periods = append(periods, p.ID)
			}
			for _, g := range in.Config.Evaluation.Grades {
				grades = append(grades, g.Name)
			}
			if dv := dvs[letter(s, "period")]; dv == nil || dv.Formula1 != `"`+strings.Join(periods, ",")+`"` {
				t.Errorf("period drop-down %+v, want %v", dv, periods)
			}
			if dv := dvs[letter(s, "grade")]; dv == nil || dv.Formula1 != `"`+strings.Join(grades, ",")+`"` {
				t.Errorf("grade drop-down %+v, want %v", dv, grades)
			}
			max := strconv.FormatFloat(in.Config.Evaluation.Maxima.BasicService, 'g', -1, 64)
			if dv := dvs[letter(s, "basic_service")]; dv == nil || dv.Formula2 != max {
				t.Errorf("basic_service check %+v, want at most %s", dv, max)
			}
		case dataset.Enterprises:
			if dv := dvs[letter(s, "credit_code")]; dv == nil || dv.Type != "textLength" || dv.Formula1 != "18" {
				t.Errorf("credit_code check %+v, want 18 characters", dv)
			}
		}
	}
}

func columnIndex(letter string) int {
	n, _ := excelize.ColumnNameToNumber(letter)
	return n - 1
}

// TestFilledTemplateSavedAsCSVValidates fills every template with the
// shipped sample as someone typing in Excel would (numbers as numbers, dates
// as dates, codes as text), saves each data sheet as CSV the way Excel and
// WPS do (UTF-8 with a BOM, or GB18030) and validates the five files.
func TestFilledTemplateSavedAsCSVValidates(t *testing.T) {
	site, in := sample(t)
	for _, enc := range []string{"utf-8", "gb18030"} {
		files := fstest.MapFS{}
		for _, s := range dataset.Schemas {
			wb, err := Workbook(s, in)
			if err != nil {
				t.Fatal(err)
			}
			f := reopen(t, wb)
			fill(t, f, s)
			f = reopen(t, f)
			rows, err := f.GetRows(s.Title) // the displayed values: what "save as CSV" writes
			if err != nil {
				t.Fatal(err)
			}
			// Excel and WPS write every column of the used range; GetRows
			// leaves out the empty cells at the end of a row.
			for i := range rows {
				for len(rows[i]) < len(rows[0]) {
					rows[i] = append(rows[i], "")
				}
			}
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			w.UseCRLF = true
			_ = w.WriteAll(rows)
			data := append([]byte("\uFEFF"), b.Bytes()...)
			if enc == "gb18030" {
				data, err = simplifiedchinese.GB18030.NewEncoder().Bytes(b.Bytes())
				if err != nil {
					t.Fatal(err)
				}
			}
			files[s.File] = &fstest.MapFile{Data: data}
		}
		var rep diag.Report
		set := dataset.Load(files, dataset.Options{Config: site.Config}, &rep)
		for _, p := range rep.Problems() {
			if p.Severity == diag.Error {
				t.Errorf("%s: %s", enc, p.SheetString())
			}
		}
		for _, s := range dataset.Schemas {
			if set.Rows[s.Name] != site.Data.Rows[s.Name] {
				t.Errorf("%s: %s has %d rows, want %d", enc, s.Name, set.Rows[s.Name], site.Data.Rows[s.Name])
			}
		}
	}
}

// fill types the shipped rows of a dataset into its data sheet.
func fill(t *testing.T, f *excelize.File, s *dataset.Schema) {
	t.Helper()
	raw, err := os.ReadFile("../../" + s.File)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]Column{}
	for _, c := range Columns(s) {
		at[c.Field.Key] = c
	}
	for i, rec := range recs[1:] {
		for j, v := range rec {
			c, ok := at[recs[0][j]]
			if !ok || v == "" {
				continue
			}
			cell := c.Letter + strconv.Itoa(i+2)
			var val any = v
			switch c.Field.Type {
			case dataset.TypeInteger, dataset.TypeNumber, dataset.TypeYear:
				n, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("%s %s: %v", s.Name, cell, err)
				}
				val = n
			case dataset.TypeDate:
				d, err := time.Parse("2006-01-02", v)
				if err != nil {
					t.Fatalf("%s %s: %v", s.Name, cell, err)
				}
				serial, _ := excelize.ExcelDateToTime(0, false) // 1899-12-30
				val = d.Sub(serial).Hours() / 24
			}
			if err := f.SetCellValue(s.Title, cell, val); err != nil {
				t.Fatal(err)
			}
		}
	}
}
