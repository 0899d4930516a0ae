// Package entry writes the XLSX entry workbooks administrators fill in
// Excel or WPS and save as the CSV files of data/: one per dataset, made from
// the data dictionary, so that what a drop-down offers and what the
// validator accepts cannot drift apart.
//
// A workbook has the data sheet first (the one Excel and WPS save as CSV),
// with the Chinese labels as its header row, frozen; a drop-down for every
// column with a fixed set of values (enums, yes/no, evaluation periods and
// grades from site.yaml, region codes of the right level); number, date and
// length checks; code columns formatted as text so that Excel keeps leading
// digits and long codes as typed; beside each region code, an x_ column that
// shows the region's name (x_ columns are ignored when the CSV is read).
// A 填写说明 sheet explains every column, and a 区划代码 sheet lists the
// codes with their names.
package entry

import (
	"fmt"
	"strings"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/xuri/excelize/v2"
)

// Inputs are the values the drop-downs offer beyond the dictionary.
type Inputs struct {
	Config  *config.Config   // periods, grades and score maxima
	Regions []dataset.Region // the divisions, for region code drop-downs
}

// Sheet names.
const (
	GuideSheet   = "填写说明"
	RegionSheet  = "区划代码"
	OptionsSheet = "选项" // hidden: the longer drop-down lists
)

// lastRow bounds the checked cells: Excel's last row.
const lastRow = 1048576

// nameRows is how many rows get the region-name formula; more can be
// filled down.
const nameRows = 2000

// regionLevels says which divisions a region code column accepts, as the
// validator does (dataset/rules.go).
var regionLevels = map[string][]string{
	dataset.Regions + ".parent_code":     {"province", "city"},
	dataset.Enterprises + ".region_code": {"city", "county"},
	dataset.Communities + ".region_code": {"county"},
	dataset.Progress + ".region_code":    {"city"},
}

var levelNames = map[string]string{"province": "省", "city": "市", "county": "区县"}

// Column is one column of a data sheet as laid out.
type Column struct {
	Field  dataset.Field // zero Key for a name column
	Letter string
	Name   string // header cell
	Helper bool   // an x_ column showing the name of the region code on its left
}

// Columns lays out the data sheet of a dataset: the dictionary's fields in
// order, each region code followed by its name column.
func Columns(s *dataset.Schema) []Column {
	var cols []Column
	add := func(c Column) {
		c.Letter = colName(len(cols) + 1)
		cols = append(cols, c)
	}
	for _, f := range s.Fields {
		add(Column{Field: f, Name: f.Label})
		if f.Type == dataset.TypeCode && f.Key != "code" {
			add(Column{Name: "x_" + strings.TrimSuffix(f.Label, "代码") + "名称（自动显示）", Helper: true})
		}
	}
	return cols
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// Workbook builds the entry workbook of a dataset.
func Workbook(s *dataset.Schema, in Inputs) (*excelize.File, error) {
	w := &book{f: excelize.NewFile(), s: s, in: in}
	if err := w.build(); err != nil {
		_ = w.f.Close()
		return nil, fmt.Errorf("%s：%w", s.Title, err)
	}
	return w.f, nil
}

type book struct {
	f       *excelize.File
	s       *dataset.Schema
	in      Inputs
	options int // columns used in the options sheet
	err     error
}

func (w *book) check(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

func (w *book) style(s *excelize.Style) int {
	id, err := w.f.NewStyle(s)
	w.check(err)
	return id
}

func (w *book) build() error {
	f, sheet := w.f, w.s.Title
	w.check(f.SetSheetName("Sheet1", sheet))
	header := w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, NumFmt: 49})
	required := w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFE699"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, NumFmt: 49})
	helperHead := w.style(&excelize.Style{Font: &excelize.Font{Color: "595959"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	text := w.style(&excelize.Style{NumFmt: 49}) // "@": kept as typed
	date := w.style(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	helper := w.style(&excelize.Style{Font: &excelize.Font{Color: "595959"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})

	if w.needsRegions() {
		w.regionSheet()
	}
	cols := Columns(w.s)
	for _, c := range cols {
		cell := c.Letter + "1"
		w.check(f.SetCellStr(sheet, cell, c.Name))
		width := 14.0
		switch {
		case c.Helper:
			w.check(f.SetCellStyle(sheet, cell, cell, helperHead))
			w.check(f.SetColStyle(sheet, c.Letter, helper))
			w.nameFormulas(sheet, c.Letter, cols)
		default:
			st := header
			if c.Field.Required {
				st = required
			}
			w.check(f.SetColStyle(sheet, c.Letter, w.columnStyle(c.Field, text, date)))
			w.check(f.SetCellStyle(sheet, cell, cell, st))
			w.validate(sheet, c)
			if c.Field.Type == dataset.TypeText || c.Field.Type == dataset.TypeCreditCode {
				width = 22
			}
		}
		w.check(f.SetColWidth(sheet, c.Letter, c.Letter, width))
	}
	w.check(f.SetRowHeight(sheet, 1, 36))
	w.check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}))
	w.guide(cols)
	if w.options > 0 {
		w.check(w.f.SetSheetVisible(OptionsSheet, false))
	}
	idx, err := f.GetSheetIndex(sheet)
	w.check(err)
	f.SetActiveSheet(idx) // the sheet "save as CSV" writes
	return w.err
}

func ptr[T any](v T) *T { return &v }

// columnStyle formats a column so that Excel keeps what is typed: codes and
// ids as text, dates shown as 2022-07-15 (which is how they are saved).
func (w *book) columnStyle(f dataset.Field, text, date int) int {
	switch f.Type {
	case dataset.TypeID, dataset.TypeCode, dataset.TypeCreditCode, dataset.TypeMobile, dataset.TypeText, dataset.TypeEnum:
		return text
	case dataset.TypeDate:
		return date
	}
	return 0
}

func (w *book) needsRegions() bool {
	for _, f := range w.s.Fields {
		if f.Type == dataset.TypeCode && f.Key != "code" {
			return true
		}
	}
	return false
}

// regionSheet lists every division: code (as text), name, level.
func (w *book) regionSheet() {
	_, err := w.f.NewSheet(RegionSheet)
	w.check(err)
	w.check(w.f.SetSheetRow(RegionSheet, "A1", &[]string{"区划代码", "名称", "级别"}))
	text := w.style(&excelize.Style{NumFmt: 49})
	w.check(w.f.SetColStyle(RegionSheet, "A", text))
	for i, r := range w.in.Regions {
		w.check(w.f.SetSheetRow(RegionSheet, fmt.Sprintf("A%d", i+2), &[]string{r.Code, r.Name, levelNames[r.Level]}))
	}
	w.check(w.f.SetColWidth(RegionSheet, "B", "B", 16))
	w.check(w.f.SetPanes(RegionSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// nameFormulas shows, beside a region code, the division's name.
func (w *book) nameFormulas(sheet, letter string, cols []Column) {
	n, _ := excelize.ColumnNameToNumber(letter)
	code := colName(n - 1)
	last := len(w.in.Regions) + 1
	for row := 2; row <= nameRows+1; row++ {
		w.check(w.f.SetCellFormula(sheet, fmt.Sprintf("%s%d", letter, row),
			fmt.Sprintf(`IF(%s%d="","",IFERROR(VLOOKUP(%s%d,'%s'!$A$2:$B$%d,2,FALSE),"区划代码表中没有"))`, code, row, code, row, RegionSheet, last)))
	}
}

// choices is the fixed set of values a field takes, or nil.
func (w *book) choices(f dataset.Field) []string {
	switch {
	case f.Type == dataset.TypeEnum:
		return f.Enum
	case f.Type == dataset.TypeBool:
		return []string{"是", "否"}
	case w.s.Name == dataset.Evaluations && f.Key == "period" && w.in.Config != nil:
		var ids []string
		for _, p := range w.in.Config.Evaluation.Periods {
			ids = append(ids, p.ID)
		}
		return ids
	case w.s.Name == dataset.Evaluations && f.Key == "grade" && w.in.Config != nil:
		var names []string
		for _, g := range w.in.Config.Evaluation.Grades {
			names = append(names, g.Name)
		}
		return names
	}
	return nil
}

// regionChoices lists the codes a region column accepts, or nil.
func (w *book) regionChoices(f dataset.Field) (codes []string, levels []string) {
	levels = regionLevels[w.s.Name+"."+f.Key]
	if levels == nil {
		return nil, nil
	}
	for _, r := range w.in.Regions {
		for _, l := range levels {
			if r.Level == l {
				codes = append(codes, r.Code)
			}
		}
	}
	return codes, levels
}

// maximum is a number field's highest value: the dictionary's, or the
// score maxima of site.yaml.
func (w *book) maximum(f dataset.Field) (float64, bool) {
	if f.Max != nil {
		return *f.Max, true
	}
	if w.s.Name == dataset.Evaluations && w.in.Config != nil {
		m := w.in.Config.Evaluation.Maxima
		switch f.Key {
		case "basic_service":
			return m.BasicService, true
		case "facilities":
			return m.Facilities, true
		case "satisfaction":
			return m.Satisfaction, true
		}
	}
	return 0, false
}

// validate adds the column's check, with its rule as the input prompt and
// the error message.
func (w *book) validate(sheet string, c Column) {
	f := c.Field
	dv := excelize.NewDataValidation(!f.Required)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", c.Letter, c.Letter, lastRow))
	rules := f.Rules
	if rules == "" {
		rules = f.Desc
	}
	var err error
	switch {
	case w.choices(f) != nil:
		list := w.choices(f)
		if len(strings.Join(list, ",")) < 250 {
			err = dv.SetDropList(list)
		} else {
			dv.SetSqrefDropList(w.optionList(f.Label, list))
		}
	case f.Type == dataset.TypeCode:
		if codes, levels := w.regionChoices(f); len(codes) > 0 {
			dv.SetSqrefDropList(w.optionList(f.Label, codes))
			var ls []string
			for _, l := range levels {
				ls = append(ls, levelNames[l])
			}
			rules = "从下拉列表选择" + strings.Join(ls, "或") + "的区划代码（名称见右边一列和“区划代码”工作表）。" + rules
		} else {
			err = dv.SetRange(6, 6, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorEqual)
		}
	case f.Type == dataset.TypeInteger || f.Type == dataset.TypeNumber:
		t := excelize.DataValidationTypeDecimal
		if f.Type == dataset.TypeInteger {
			t = excelize.DataValidationTypeWhole
		}
		lo := -1e9
		if f.Min != nil {
			lo = *f.Min
		}
		hi, ok := w.maximum(f)
		if !ok {
			hi = 1e12
		}
		err = dv.SetRange(lo, hi, t, excelize.DataValidationOperatorBetween)
	case f.Type == dataset.TypeYear:
		err = dv.SetRange(1900, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case f.Type == dataset.TypeDate:
		// Serial numbers of 2000-01-01 and 2099-12-31.
		err = dv.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		rules = "写作 2022-07-15。" + rules
	case f.Type == dataset.TypeCreditCode:
		err = dv.SetRange(18, 18, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorEqual)
	case f.Type == dataset.TypeMobile:
		err = dv.SetRange(11, 11, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorEqual)
	case f.Type == dataset.TypeID:
		err = dv.SetRange(1, 40, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween)
	default:
		return // free text: the prompt is the header's colour and the guide
	}
	w.check(err)
	dv.SetInput(clip(f.Label, 32), clip(rules, 250))
	dv.SetError(excelize.DataValidationErrorStyleStop, "填写有误", clip(f.Label+"："+rules, 250))
	w.check(w.f.AddDataValidation(sheet, dv))
}

// clip shortens a prompt to Excel's limit.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// optionList puts a long list in a column of the hidden options sheet and
// returns its reference (Excel caps inline lists at 255 characters).
func (w *book) optionList(title string, values []string) string {
	if w.options == 0 {
		_, err := w.f.NewSheet(OptionsSheet)
		w.check(err)
		w.check(w.f.SetColStyle(OptionsSheet, "A:Z", w.style(&excelize.Style{NumFmt: 49})))
	}
	w.options++
	col := colName(w.options)
	w.check(w.f.SetCellStr(OptionsSheet, col+"1", title))
	for i, v := range values {
		w.check(w.f.SetCellStr(OptionsSheet, fmt.Sprintf("%s%d", col, i+2), v))
	}
	return fmt.Sprintf("'%s'!$%s$2:$%s$%d", OptionsSheet, col, col, len(values)+1)
}

var typeNames = map[dataset.Type]string{
	dataset.TypeID: "编号", dataset.TypeCode: "区划代码", dataset.TypeText: "文字", dataset.TypeEnum: "从列表选择",
	dataset.TypeInteger: "整数", dataset.TypeNumber: "数字", dataset.TypeDate: "日期", dataset.TypeBool: "是/否",
	dataset.TypeYear: "年份", dataset.TypeCreditCode: "统一社会信用代码", dataset.TypeMobile: "手机号码",
}

// guide writes the 填写说明 sheet.
func (w *book) guide(cols []Column) {
	f, g := w.f, GuideSheet
	_, err := f.NewSheet(g)
	w.check(err)
	title := w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	bold := w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	wrap := w.style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	file := strings.TrimPrefix(w.s.File, "data/")
	lines := []string{
		"《" + w.s.Title + "》填写说明",
		"1. 在“" + w.s.Title + "”工作表中每行填写一条记录；不要修改、删除或移动第一行的列名。",
		"2. 黄色列名的列必须填写；有下拉箭头的列请从列表中选择；填错时 Excel/WPS 会提示。",
		"3. 日期写作 2022-07-15；编号、区划代码、统一社会信用代码、手机号码按文字保存，不会变成科学计数法。",
		"4. 灰色、以 x_ 开头的列自动显示区划名称，仅供核对，保存为 CSV 后不会被读取。",
		"5. 填好后回到“" + w.s.Title + "”工作表（另存为 CSV 时只保存当前工作表），选择“文件 → 另存为”，",
		"   保存类型选“CSV UTF-8（逗号分隔）”（WPS：“CSV（逗号分隔）”；GB18030/GBK 编码也能识别），文件名为 " + file + "，放入站点的 data/ 文件夹替换原文件。",
		"6. 保存后运行 go run ./generator validate 检查；提示信息写明第几行、哪一列（与 Excel/WPS 中看到的行号和列字母一致）。",
	}
	for i, l := range lines {
		w.check(f.SetCellStr(g, fmt.Sprintf("A%d", i+1), l))
	}
	w.check(f.SetCellStyle(g, "A1", "A1", title))
	top := len(lines) + 2
	w.check(f.SetSheetRow(g, fmt.Sprintf("A%d", top), &[]string{"列", "列名", "英文键名", "必填", "类型", "规则", "说明", "可选值"}))
	w.check(f.SetCellStyle(g, fmt.Sprintf("A%d", top), fmt.Sprintf("H%d", top), bold))
	row := top + 1
	for _, c := range cols {
		if c.Helper {
			continue
		}
		fd := c.Field
		req := ""
		if fd.Required {
			req = "是"
		}
		opts := strings.Join(w.choices(fd), "、")
		if codes, _ := w.regionChoices(fd); len(codes) > 0 {
			opts = fmt.Sprintf("见“%s”工作表（%d 个）", RegionSheet, len(codes))
		}
		w.check(f.SetSheetRow(g, fmt.Sprintf("A%d", row), &[]string{c.Letter, fd.Label, fd.Key, req, typeNames[fd.Type], fd.Rules, fd.Desc, opts}))
		row++
	}
	w.check(f.SetCellStyle(g, fmt.Sprintf("A%d", top+1), fmt.Sprintf("H%d", row), wrap))
	for i, width := range []float64{6, 20, 22, 6, 14, 36, 44, 30} {
		col := colName(i + 1)
		w.check(f.SetColWidth(g, col, col, width))
	}
}
