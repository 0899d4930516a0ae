package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/diag"
	"golang.org/x/text/width"
)

// Positions. encoding/csv's FieldPos gives the physical line where a cell
// starts (right even after quoted multi-line cells, unlike gocsv's counting)
// and a 1-based byte column. Messages use 1-based CHARACTER columns instead,
// counted on the decoded line, so a column after Chinese text is the one an
// editor shows (WPS, VS Code, Notepad count characters, not UTF-8 bytes). A
// quoted cell's column is that of its opening quote. A byte-order mark is not
// counted. Column 0 means the problem concerns the whole row or file.

// cell is one value of a row, by schema field. It is 8 bytes: a province
// file has tens of millions of cells, all held until the cross-row rules have
// run, and at 1.5 million rows every byte here is 25 MB. A cell holds no
// string of its own. Its raw value is nearly always a span of the table's
// decoded text, which is kept whole anyway (for character columns), and its
// normalised value nearly always that span, the span trimmed, or a constant;
// a cell that is none of these (a quoted cell with "" inside, a reformatted
// date) is spilled: its strings and position go to the table's spill list.
// The position of a cell in the text is not stored either: its line is
// found in the line index and its column is its offset on that line.
type cell struct {
	// at is where the raw value starts in the text (a byte offset), for a
	// cell in the text; its index in table.spill for a spilled one; the
	// row's line for a cell of an absent column.
	at uint32
	// meta holds the raw value's length in bytes (low 24 bits), where the
	// cell is (cellWhere), what its value is (cellVal) and, in its top bit,
	// whether the cell is present and valid, so that its value may be used
	// by cross-row rules. The validator clears that bit while the table's
	// rows may be mapped in another goroutine, hence atomic.
	meta atomic.Uint32
}

const (
	cellLenMax = 1<<24 - 1

	cellWhere  = 3 << 24 // where the cell is:
	cellInText = 0 << 24 // raw is text[at:at+len]
	cellSpill  = 1 << 24 // raw, value and position are table.spill[at]
	cellAbsent = 2 << 24 // its column is absent; raw and value are ""; at is the line

	cellVal      = 7 << 26 // the value of a cell in the text:
	cellValNone  = 0 << 26 // ""
	cellValRaw   = 1 << 26 // the raw value
	cellValTrim  = 2 << 26 // the raw value without surrounding white space (trimCell)
	cellValTrue  = 3 << 26 // "true"
	cellValFalse = 4 << 26 // "false"

	cellOK = 1 << 31
)

// spilledCell is a cell whose value is not a span of the text.
type spilledCell struct {
	raw, val  string
	line, col int32 // 1-based line; 1-based byte column, 0 when the column is absent
}

// ok reports whether the cell is present and valid.
func (c *cell) ok() bool { return c.meta.Load()&cellOK != 0 }

// setOK marks the cell valid or not.
func (c *cell) setOK(ok bool) {
	if ok {
		c.meta.Or(cellOK)
	} else {
		c.meta.And(^uint32(cellOK))
	}
}

// setAbsent makes c the cell of an absent column on a row starting at line.
func (t *table) setAbsent(c *cell, line int) {
	c.at = uint32(line)
	c.meta.Store(cellAbsent)
}

// setRaw places a cell whose raw value the CSV reader found at a line and
// byte column: in the text, when the value is there as it is (any cell but
// a quoted one with "" or a line break written as CR LF inside), or else
// spilled.
func (t *table) setRaw(c *cell, raw string, line, byteCol int) {
	if line >= 1 && line <= len(t.lines) && byteCol >= 1 && len(raw) <= cellLenMax {
		at := t.lines[line-1] + byteCol - 1
		if at < len(t.text) && t.text[at] == '"' {
			at++ // a quoted cell: the value follows the quote
		}
		if at+len(raw) <= len(t.text) && at+len(raw) < 1<<32 && t.text[at:at+len(raw)] == raw {
			c.at = uint32(at)
			c.meta.Store(uint32(len(raw)) | cellInText)
			return
		}
	}
	c.at = uint32(len(t.spill))
	c.meta.Store(cellSpill)
	// A clone, so as not to keep the reader's string of the whole record.
	t.spill = append(t.spill, spilledCell{raw: strings.Clone(raw), line: int32(line), col: int32(byteCol)})
}

// setVal gives a cell whose raw value is placed its normalised value.
func (t *table) setVal(c *cell, val string) {
	m := c.meta.Load()
	switch m & cellWhere {
	case cellSpill:
		t.spill[c.at].val = strings.Clone(val) // it may be part of the record's string
		return
	case cellInText:
		raw := t.text[c.at : c.at+m&cellLenMax]
		kind := uint32(cellValNone)
		switch val {
		case "":
		case raw:
			kind = cellValRaw
		case "true":
			kind = cellValTrue
		case "false":
			kind = cellValFalse
		default:
			if val != trimCell(raw) {
				t.spillCell(c, val)
				return
			}
			kind = cellValTrim
		}
		c.meta.Store(m&^cellVal | kind)
		return
	}
	if val != "" { // an absent column's default
		t.spillCell(c, val)
	}
}

// spillCell moves a placed cell to the spill list, with its value.
func (t *table) spillCell(c *cell, val string) {
	line, col := t.cellPos(c)
	t.spill = append(t.spill, spilledCell{raw: t.raw(c), val: val, line: int32(line), col: int32(col)})
	c.at = uint32(len(t.spill) - 1)
	c.meta.Store(c.meta.Load()&cellOK | cellSpill)
}

// raw is the cell as typed (decoded, untrimmed), quoted in messages.
func (t *table) raw(c *cell) string {
	m := c.meta.Load()
	switch m & cellWhere {
	case cellInText:
		return t.text[c.at : c.at+m&cellLenMax]
	case cellSpill:
		return t.spill[c.at].raw
	}
	return ""
}

// val is the cell's normalised canonical form; "" when absent or invalid.
func (t *table) val(c *cell) string {
	m := c.meta.Load()
	switch m & cellWhere {
	case cellInText:
		switch m & cellVal {
		case cellValRaw:
			return t.text[c.at : c.at+m&cellLenMax]
		case cellValTrim:
			return trimCell(t.text[c.at : c.at+m&cellLenMax])
		case cellValTrue:
			return "true"
		case cellValFalse:
			return "false"
		}
	case cellSpill:
		return t.spill[c.at].val
	}
	return ""
}

// cellPos is the 1-based line where a cell starts and its 1-based byte
// column (that of the opening quote of a quoted cell; 0 when its column is
// absent).
func (t *table) cellPos(c *cell) (line, byteCol int) {
	switch c.meta.Load() & cellWhere {
	case cellSpill:
		s := &t.spill[c.at]
		return int(s.line), int(s.col)
	case cellAbsent:
		return int(c.at), 0
	}
	at := int(c.at)
	if at > 0 && t.text[at-1] == '"' {
		// Only a quoted cell's value follows a quote: an unquoted one
		// follows a comma or a line break.
		at--
	}
	line = sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > at })
	return line, at - t.lines[line-1] + 1
}

// record is one data row.
type record struct {
	line  int    // line where the row starts
	cells []cell // indexed like Schema.Fields
}

// table is a dataset as read and validated cell by cell.
type table struct {
	schema  *Schema
	file    string
	loaded  bool  // the file was read and has a usable header
	lossy   bool  // some rows could not be read: references into it are not checked
	column  []int // Schema.Fields index → CSV column index, -1 when absent
	records []record
	spill   []spilledCell  // the cells that are not spans of text
	index   map[string]int // field key → Schema.Fields index
	rep     *diag.Report   // the table's own problems, merged into the caller's by load
	text    string         // the decoded file, for character columns
	lines   lines          // line starts in text
	shifts  []rowShift     // where text lines and spreadsheet rows part, in line order
	ready   chan struct{}  // closed once the file is read and checked cell by cell
}

func (t *table) field(key string) int {
	i, ok := t.index[key]
	if !ok {
		panic("dataset: no field " + key + " in " + t.schema.Name) // a programming error
	}
	return i
}

// get returns the cell of a field in a record.
func (t *table) get(r *record, key string) *cell { return &r.cells[t.field(key)] }

// display names a field in messages.
func (t *table) display(key string) string {
	return t.schema.Fields[t.field(key)].Display()
}

func newTable(s *Schema, rep *diag.Report) *table {
	t := &table{schema: s, file: s.File, index: make(map[string]int, len(s.Fields)), rep: rep}
	for i, f := range s.Fields {
		t.index[f.Key] = i
	}
	t.column = make([]int, len(s.Fields))
	for i := range t.column {
		t.column[i] = -1
	}
	return t
}

// rowShift records that from line on, a spreadsheet shows line-less as the
// row: the line breaks inside quoted cells above it are not rows there.
type rowShift struct{ line, less int }

// row is the spreadsheet row of a 1-based text line.
func (t *table) row(line int) int {
	less := 0
	for _, s := range t.shifts { // few: only files with line breaks inside cells have any
		if s.line > line {
			break
		}
		less = s.less
	}
	return line - less
}

// countBreaks notes the line breaks inside a record's cells, so that rows
// below it are numbered as a spreadsheet numbers them.
func (t *table) countBreaks(fields []string, pos [][2]int) {
	n := 0
	for _, f := range fields {
		if strings.IndexByte(f, '\n') >= 0 {
			n += strings.Count(f, "\n")
		}
	}
	if n == 0 {
		return
	}
	less := n
	if k := len(t.shifts); k > 0 {
		less += t.shifts[k-1].less
	}
	t.shifts = append(t.shifts, rowShift{pos[0][0] + 1, less})
}

// sheetCell is the spreadsheet place of a problem at a line and CSV column
// index (-1 for the whole row), under a field's label ("" for none).
func (t *table) sheetCell(line, j int, label string) *diag.Cell {
	c := &diag.Cell{Row: t.row(line), Label: label}
	if line == 0 {
		c.Row = 0
	}
	if j >= 0 {
		c.Column = j + 1
	}
	return c
}

// add reports a problem of the file at a line and byte column, in CSV
// column j (-1 when the problem concerns the whole row or file).
func (t *table) add(sev diag.Severity, line, byteCol, j int, field, label string, value *string, format string, args ...any) {
	t.rep.Add(diag.Problem{Severity: sev, File: t.file, Line: line, Column: t.charCol(line, byteCol), Field: field, Value: value,
		Message: fmt.Sprintf(format, args...), Sheet: t.sheetCell(line, j, label)})
}

// charCol is the character column of a byte column on a line of the file.
func (t *table) charCol(line, byteCol int) int {
	if t.text == "" {
		return byteCol
	}
	return t.lines.charCol(t.text, line, byteCol)
}

// place is where the problem reported at a cell is.
func (t *table) place(c *cell) diag.Place {
	line, col := t.cellPos(c)
	return diag.Place{File: t.file, Line: line, Column: t.charCol(line, col)}
}

// lines indexes the start of each line of a text, to turn byte columns into
// character columns.
type lines []int

func indexLines(text string) lines {
	ls := make(lines, 1, strings.Count(text, "\n")+1)
	for i := 0; ; {
		n := strings.IndexByte(text[i:], '\n')
		if n < 0 {
			return ls
		}
		i += n + 1
		ls = append(ls, i)
	}
}

// charCol converts a 1-based byte column on a 1-based line into a character column.
func (ls lines) charCol(text string, line, byteCol int) int {
	if line < 1 || line > len(ls) || byteCol < 1 {
		return byteCol
	}
	start := ls[line-1]
	end := start + byteCol - 1
	if end > len(text) {
		end = len(text)
	}
	return utf8.RuneCountInString(text[start:end]) + 1
}

// headerKey folds a header cell for matching: trimmed, BOM and zero-width
// characters removed, full-width forms folded (（％） → (%)), lower case,
// inner spaces removed, so "入住率(%)" and " ID " still match.
func headerKey(s string) string {
	s = width.Fold.String(trimCell(s))
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\uFEFF' || r == '\u200B' {
			return -1
		}
		return r
	}, s)
}

// read parses the decoded text of t's file, maps the header onto the schema
// and validates every cell, reporting into t.rep. It never stops at the first
// problem: a bad cell is reported and left out of cross-row rules.
func (t *table) read(text string) {
	ls := indexLines(text)
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1 // counted here, with a better message
	// No cell keeps the strings of its record (see cell), so the slice of
	// them is reused; at a million rows it would be 300 MB of garbage.
	r.ReuseRecord = true

	t.text, t.lines = text, ls

	header, hpos, err := nextRecord(r)
	for err != nil && !errors.Is(err, io.EOF) {
		t.parseError(err)
		header, hpos, err = nextRecord(r)
	}
	if header == nil {
		t.add(diag.Error, 1, 0, -1, "", "", nil, "文件为空：第一行应为表头（列名）")
		return
	}
	header = slices.Clone(header) // the reader reuses the slice
	t.countBreaks(header, hpos)
	t.mapHeader(header, hpos)
	t.loaded = true

	ignored := make([]bool, len(header)) // x_ and unmapped columns
	mapped := make([]bool, len(header))
	for _, j := range t.column {
		if j >= 0 {
			mapped[j] = true
		}
	}
	for j := range header {
		ignored[j] = !mapped[j]
	}
	blankHeader := make([]bool, len(header))
	for j, h := range header {
		blankHeader[j] = headerKey(h) == ""
	}
	var short []shortRow
	defer func() { t.reportShortRows(short, len(header)) }()
	var fpos [][2]int // reused: positions are converted before the next read
	// Room for every row at once: at a million rows, growing the slice by
	// appending would copy it over and over. A row kept has a cell that is
	// not blank and a comma between each two columns of the header, so
	// there are no more than len(text)/len(header) of them, nor more than
	// lines (a file of blank lines must not reserve room for a row a line).
	t.records = make([]record, 0, min(len(ls)-1, len(text)/len(header)+1))
	var slab []cell // cells are allocated for many rows at once
	for {
		var fields []string
		var err error
		fields, fpos, err = nextRecordInto(r, fpos[:0])
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.parseError(err)
			continue
		}
		if allBlank(fields) {
			continue // rows Excel leaves behind (",,,,") are not data
		}
		line := fpos[0][0]
		t.countBreaks(fields, fpos)
		nf := len(t.schema.Fields)
		if len(slab) < nf {
			slab = make([]cell, nf*cellSlabRows)
		}
		rec := record{line: line, cells: slab[:nf:nf]}
		for j := len(header); j < len(fields); j++ {
			if trimCell(fields[j]) != "" {
				t.add(diag.Error, fpos[j][0], fpos[j][1], j, "", "", diag.V(fields[j]), "该单元格没有对应的列名（本行有 %d 列，表头只有 %d 列）", len(fields), len(header))
				break
			}
		}
		for j := 0; j < len(fields) && j < len(header); j++ {
			if blankHeader[j] && trimCell(fields[j]) != "" {
				t.add(diag.Error, fpos[j][0], fpos[j][1], j, "", "", diag.V(fields[j]), "该单元格所在的列没有列名")
			}
		}
		if len(fields) < len(header) {
			// Which cell is missing cannot be known; reading on would blame
			// the wrong columns, so the row is reported and left out.
			short = append(short, shortRow{line, len(fields)})
			t.lossy = true
			continue
		}
		slab = slab[nf:]
		for i := range t.schema.Fields {
			c := &rec.cells[i]
			j := t.column[i]
			if j < 0 {
				t.setAbsent(c, line) // column 0: the column is absent from the file
				t.checkCell(i, c, "", false)
				continue
			}
			// The byte column becomes a character column only if reported.
			t.setRaw(c, fields[j], fpos[j][0], fpos[j][1])
			t.checkCell(i, c, fields[j], true)
		}
		t.records = append(t.records, rec)
	}
}

// shortRow is a row with fewer cells than the header.
type shortRow struct{ line, cells int }

// shortRowsShown is how many short rows are reported one by one; the rest
// are folded into one message, since a header with one column too many makes
// every row short and a hundred identical lines would hide the cause.
const shortRowsShown = 3

func (t *table) reportShortRows(rows []shortRow, header int) {
	for i, r := range rows {
		if i < shortRowsShown || len(rows) == shortRowsShown+1 {
			t.add(diag.Error, r.line, 0, -1, "", "", nil, "本行只有 %d 列，少于表头的 %d 列（可能少了逗号），本行未读入", r.cells, header)
			continue
		}
		t.add(diag.Error, r.line, 0, -1, "", "", nil, "从本行起另有 %d 行（第 %d–%d 行）也少于表头的 %d 列，均未读入；若每行都少，请检查表头是否多了一列",
			len(rows)-shortRowsShown, t.row(r.line), t.row(rows[len(rows)-1].line), header)
		return
	}
}

// cellSlabRows is how many rows' cells are allocated at once.
const cellSlabRows = 256

// nextRecord reads a record with the byte positions of its fields.
func nextRecord(r *csv.Reader) ([]string, [][2]int, error) {
	return nextRecordInto(r, nil)
}

// nextRecordInto is nextRecord appending the positions to p.
func nextRecordInto(r *csv.Reader, p [][2]int) ([]string, [][2]int, error) {
	fields, err := r.Read()
	if err != nil {
		return nil, p, err
	}
	for i := range fields {
		var fp [2]int
		fp[0], fp[1] = r.FieldPos(i)
		p = append(p, fp)
	}
	return fields, p, nil
}

func allBlank(fields []string) bool {
	for _, f := range fields {
		if trimCell(f) != "" {
			return false
		}
	}
	return true
}

// parseError reports a CSV syntax error in Chinese.
func (t *table) parseError(err error) {
	t.lossy = true
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		t.add(diag.Error, 1, 0, -1, "", "", nil, "无法读取 CSV：%v", err)
		return
	}
	// The column index of a broken record is unknown: the row is named.
	line, col := pe.Line, pe.Column
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		t.add(diag.Error, line, col, -1, "", "", nil, "未加引号的单元格中出现了英文双引号 \"：请把整个单元格用双引号括起来，并把其中的每个 \" 写成 \"\"")
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.StartLine != pe.Line {
			t.add(diag.Error, line, col, -1, "", "", nil, "引号不成对：从第 %d 行开始的带引号单元格没有正确结束", t.row(pe.StartLine))
		} else {
			t.add(diag.Error, line, col, -1, "", "", nil, "引号不成对：带引号的单元格结束引号后应紧跟逗号或换行")
		}
	default:
		t.add(diag.Error, line, col, -1, "", "", nil, "CSV 格式错误：%v", pe.Err)
	}
}

// mapHeader maps header cells to fields by key or Chinese label.
func (t *table) mapHeader(header []string, hpos [][2]int) {
	byName := make(map[string]int, 2*len(t.schema.Fields))
	for i, f := range t.schema.Fields {
		byName[headerKey(f.Key)] = i
		byName[headerKey(f.Label)] = i
	}
	headerLine := 1
	for j, h := range header {
		line, col := hpos[j][0], hpos[j][1]
		headerLine = line
		k := headerKey(h)
		if k == "" || strings.HasPrefix(k, "x_") {
			continue // unnamed (checked per row) or the admins' own helper column
		}
		i, ok := byName[k]
		if !ok {
			t.add(diag.Error, line, col, j, "", "", diag.V(h), "不是任何字段的英文键名或中文名称（表头第 %d 列）：请检查拼写；只供内部使用、不发布的列，列名请以 x_ 开头", j+1)
			continue
		}
		if prev := t.column[i]; prev >= 0 {
			t.add(diag.Error, line, col, j, t.schema.Fields[i].Display(), "", diag.V(h), "与表头第 %d 列（%s 列）“%s”是同一字段，本列（第 %d 列）被忽略", prev+1, diag.ColumnName(prev+1), trimCell(header[prev]), j+1)
			continue
		}
		t.column[i] = j
	}
	for i, f := range t.schema.Fields {
		if t.column[i] < 0 && f.Required {
			t.add(diag.Error, headerLine, 0, -1, f.Display(), f.Label, nil, "这一必填列缺失（表头中应有一列名为 %s 或 %s）", f.Key, f.Label)
		}
	}
}

// trimCell removes surrounding white space, including the ideographic space,
// BOMs and zero-width spaces that pasting from Word or web pages leaves.
func trimCell(s string) string {
	// Most cells start and end with a printable ASCII character, which is
	// none of these: they are returned without decoding a rune.
	if s == "" || (s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf) {
		return s
	}
	// Chinese text: look at the first and last characters only.
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isTrimmed(first) && !isTrimmed(last) {
		return s
	}
	return strings.TrimFunc(s, isTrimmed)
}

func isTrimmed(r rune) bool {
	return r == '\uFEFF' || r == '\u200B' || r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\u3000' || r == '\u00A0'
}

// errorf reports an error at a cell, quoting its raw value when present.
// The cell is no longer ok: later rules ignore it, so one mistake gives one
// message rather than a cascade through the rules that use the cell.
func (t *table) errorf(c *cell, key string, format string, args ...any) {
	t.report(diag.Error, c, key, format, args...)
	c.setOK(false)
}

// knockOn is errorf for an error that follows only from an earlier one, at
// cause (nil when none is known): it is shown under that one.
func (t *table) knockOn(cause *diag.Place, c *cell, key string, format string, args ...any) {
	t.reportCaused(diag.Error, cause, c, key, format, args...)
	c.setOK(false)
}

func (t *table) report(sev diag.Severity, c *cell, key string, format string, args ...any) {
	t.reportCaused(sev, nil, c, key, format, args...)
}

func (t *table) reportCaused(sev diag.Severity, cause *diag.Place, c *cell, key string, format string, args ...any) {
	var v *string
	if raw := t.raw(c); trimCell(raw) != "" {
		v = diag.V(shorten(raw))
	}
	i := t.field(key)
	f := &t.schema.Fields[i]
	msg := fmt.Sprintf(format, args...)
	if f.Private && v != nil {
		// Problems travel further than the data (terminals, CI logs, the
		// preview's error page): a private value is never among them.
		v = nil
		msg += "（不公开字段，不显示原值）"
	}
	line, col := t.cellPos(c)
	t.rep.Add(diag.Problem{Severity: sev, File: t.file, Line: line, Column: t.charCol(line, col), Field: f.Display(), Value: v,
		Message: msg, Sheet: t.sheetCell(line, t.column[i], f.Label), Cause: cause})
}

// shorten keeps a long value readable in a problem: its first 60
// characters and how many there are in all.
func shorten(s string) string {
	if len(s) <= 240 {
		return s
	}
	n, cut := 0, 0
	for i := range s {
		if n == 60 {
			cut = i
		}
		n++
	}
	if cut == 0 {
		return s
	}
	return s[:cut] + fmt.Sprintf("…（共 %d 个字）", n)
}
