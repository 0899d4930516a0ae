package opendata

// This file writes the XLSX workbooks with the standard library alone.
//
// Why not excelize: its StreamWriter builds a struct per cell, escapes
// every text through encoding/xml and a regular expression, and formats
// every cell reference; at province scale that was about 2 s of CPU, three
// quarters of the open-data phase, for eight one-sheet workbooks. A
// workbook here is a fixed package around one worksheet, so the sheet XML
// is appended straight into a buffer and only it, the document properties
// and the workbook part are compressed per file; the fixed parts are
// compressed once per process. excelize remains the tests' oracle: they
// open every workbook with it and compare each cell with the data.
//
// The package is the minimal SpreadsheetML (ECMA-376, transitional) that
// Excel, WPS, LibreOffice and excelize read without complaint:
// [Content_Types].xml, the package and workbook relationships, core and
// app document properties, the workbook, styles, one worksheet and its
// shared strings. There is no theme part: Excel then uses its default
// theme, and the styles name their font and colours outright.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/sxwuye/portal/generator/dataset"
)

// XLSXProps are the document properties of a workbook; fixed so that the
// same data gives the same bytes.
type XLSXProps struct {
	Title, Creator string
	Date           time.Time
	// About, when set, are the lines of a first sheet named 说明 that the
	// workbook opens on (label and text: 标题, 公示期, 依据 …); the data
	// is then on its own second sheet.
	About []AboutLine
}

// AboutLine is one line of a workbook's 说明 sheet.
type AboutLine struct{ Label, Text string }

// Cell style indexes into cellXfs of xlsxStyles.
const (
	styleHeader = "1" // bold, shaded, bottom border, wrapped, text format
	styleText   = "2" // text format "@": ids, codes and dates stay text when edited
	styleWrap   = "3" // wrapped text, top-aligned: the texts of the 说明 sheet
)

// maxCellChars is Excel's limit on the characters (UTF-16 units) of a cell;
// a longer text makes Excel report the file as damaged.
const maxCellChars = 32767

// XLSX writes a workbook with one sheet: header row bold, shaded and
// frozen; ids, codes and dates as text cells in text format; numbers as
// numbers; column widths fitted to the content (CJK counted double);
// text neutralised like the people's CSV.
func (t *table) XLSX(props XLSXProps) ([]byte, error) {
	return new(scratch).appendXLSX(nil, t, props)
}

// appendXLSX appends the workbook of t to b. The worksheet XML is built in
// sc.out first, as its head holds the column widths the rows decide.
func (sc *scratch) appendXLSX(b []byte, t *table, props XLSXProps) ([]byte, error) {
	// Columns that keep sharing repeat their texts: a table's distinct
	// shared texts are far fewer than its rows.
	sst := &sharedStrings{index: make(map[string]sstEntry, min(len(t.rows), 4096))}
	data, widths := t.sheetData(sc.out[:0], sst)
	sc.out = data[:0]

	// The workbook is about a fifth of the sheet XML (BestSpeed); room for
	// a quarter saves growing it from nothing.
	b = slices.Grow(b, len(data)/4+64<<10)
	buf := bytes.NewBuffer(b)
	zw := zip.NewWriter(buf)
	zw.RegisterCompressor(zip.Deflate, sc.deflate)
	var mod time.Time
	if d := props.Date.UTC(); d.Year() >= 1980 && d.Year() < 2108 {
		mod = d // the range a zip (MS-DOS) date can hold
	}
	type part struct {
		name string
		body [][]byte
	}
	var parts []part
	var fixed []rawPart
	if len(props.About) == 0 {
		fixed = xlsxFixedParts()[0]
		parts = []part{
			{"docProps/core.xml", [][]byte{xlsxCore(props)}},
			{"xl/workbook.xml", [][]byte{xlsxWorkbook(sheetName(t.title))}},
			{"xl/worksheets/sheet1.xml", [][]byte{t.sheetHead(widths, true), data, []byte("</sheetData></worksheet>")}},
			{"xl/sharedStrings.xml", sst.part()},
		}
	} else {
		// The workbook opens on 说明; the data sheet holds nothing else, so
		// that a program reading it finds a plain table.
		fixed = xlsxFixedParts()[1]
		parts = []part{
			{"docProps/core.xml", [][]byte{xlsxCore(props)}},
			{"xl/workbook.xml", [][]byte{xlsxWorkbook(aboutSheet, sheetName(releaseDataSheet))}},
			{"xl/worksheets/sheet1.xml", [][]byte{aboutSheetXML(props.About)}},
			{"xl/worksheets/sheet2.xml", [][]byte{t.sheetHead(widths, false), data, []byte("</sheetData></worksheet>")}},
			{"xl/sharedStrings.xml", sst.part()},
		}
	}
	for _, p := range fixed {
		if err := p.write(zw, mod); err != nil {
			return nil, err
		}
	}
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return nil, err
		}
		for _, b := range p.body {
			if _, err := w.Write(b); err != nil {
				return nil, err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sheetData appends the rows of the sheet (header and data) to b and
// returns it with the display width of each column's widest cell. Texts go
// to sst, unless their column seldom repeats one. References (r="B7") are
// always written, as Excel does: a reader that counts cells instead might
// misplace the cells after an absent one.
func (t *table) sheetData(b []byte, sst *sharedStrings) ([]byte, []int) {
	cols := make([]string, len(t.cols))
	widths := make([]int, len(t.cols))
	text := make([]bool, len(t.cols))
	share := make([]columnSharing, len(t.cols))
	for i, f := range t.cols {
		cols[i] = columnName(i)
		text[i] = textType(f)
	}
	b = append(b, `<row r="1" ht="20" customHeight="1">`...)
	for i, f := range t.cols {
		b = appendCellStart(b, cols[i], []byte("1"))
		b = append(b, ` s="`+styleHeader+`"`...)
		b = appendInlineText(b, f.Label)
		widths[i] = textWidth(f.Label)
	}
	b = append(b, "</row>"...)
	var num [20]byte
	mark := 0
	for r, row := range t.rows {
		// The size of a row is known once the columns' sharing is decided.
		switch r {
		case reserveAfter:
			mark = len(b)
		case 2 * reserveAfter:
			b = reserve(b, mark, reserveAfter, len(t.rows)-r)
		}
		rn := strconv.AppendInt(num[:0], int64(r+2), 10) // the row number, written in every reference
		b = append(b, `<row r="`...)
		b = append(b, rn...)
		b = append(b, `">`...)
		for i, c := range row {
			w := 0
			switch v := c.(type) {
			case nil:
				continue
			case int, float64:
				if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
					continue // no spreadsheet number; never in validated data
				}
				b = appendCellStart(b, cols[i], rn)
				b = append(b, "><v>"...)
				n := len(b)
				b = appendNumber(b, v)
				w = len(b) - n // digits, sign and point are one column each
				b = append(b, "</v></c>"...)
			case bool:
				b = appendCellStart(b, cols[i], rn)
				b, w, _ = sst.appendCell(b, yesNo(v))
			case string:
				b = appendCellStart(b, cols[i], rn)
				if text[i] {
					b = append(b, ` s="`+styleText+`"`...)
				}
				if sh := &share[i]; !sh.off {
					var hit bool
					b, w, hit = sst.appendCell(b, v)
					sh.probe(hit)
				} else {
					b = appendInlineText(b, v)
					if widths[i] < maxColWidth {
						w = textWidth(v)
					}
				}
			default:
				panic("opendata: unsupported cell in " + t.name)
			}
			widths[i] = max(widths[i], w)
		}
		b = append(b, "</row>"...)
	}
	return b, widths
}

// columnSharing decides whether a column's texts go to the shared string
// table: they do until its first sharingProbe texts show that they seldom
// repeat (ids, names), then the column's texts are written inline, which
// costs no table lookup. The decision depends on the data alone.
type columnSharing struct {
	texts, repeats int
	off            bool
}

const sharingProbe = 256

func (c *columnSharing) probe(repeat bool) {
	c.texts++
	if repeat {
		c.repeats++
	}
	if c.texts == sharingProbe && c.repeats < sharingProbe/4 {
		c.off = true
	}
}

// sharedStrings is a workbook's shared string table. Texts repeat a lot
// (cities, counties, grades, dates, evaluators, enterprises): storing each
// once and referring to it by number makes the sheet XML about a third
// smaller, and compressing it is most of a workbook's cost. It is also
// what Excel itself writes, so every reader knows it.
type sharedStrings struct {
	index map[string]sstEntry
	xml   []byte // the <si> elements
	count int    // references
}

type sstEntry struct {
	n     int32 // position in the table
	width int32 // display width of the text as shown (with the apostrophe)
}

// appendCell closes a cell tag as a reference to the text s (neutralised
// like the people's CSV) and closes the cell; it returns the text's
// display width and whether the text was in the table already.
func (sst *sharedStrings) appendCell(b []byte, s string) ([]byte, int, bool) {
	e, ok := sst.index[s]
	if !ok {
		e = sstEntry{n: int32(len(sst.index)), width: int32(textWidth(s))}
		sst.index[s] = e
		sst.xml = append(sst.xml, "<si>"...)
		sst.xml = append(appendT(sst.xml, s), "</si>"...)
	}
	sst.count++
	b = append(b, ` t="s"><v>`...)
	b = strconv.AppendInt(b, int64(e.n), 10)
	return append(b, "</v></c>"...), int(e.width), ok
}

// appendInlineText closes a cell tag as an inline string holding s
// (neutralised) and closes the cell.
func appendInlineText(b []byte, s string) []byte {
	b = append(b, ` t="inlineStr"><is>`...)
	return append(appendT(b, s), "</is></c>"...)
}

// textWidth is the display width of a text cell as shown, apostrophe included.
func textWidth(s string) int {
	if neutralise(s) {
		return 1 + displayWidth(s)
	}
	return displayWidth(s)
}

// appendT appends the <t> element of a text: neutralised like the
// people's CSV, cut to Excel's limit, white space at its edges kept.
func appendT(b []byte, s string) []byte {
	apos := neutralise(s)
	if len(s) >= maxCellChars { // bytes ≥ UTF-16 units: shorter texts fit
		if apos {
			s, apos = "'"+s, false
		}
		s = truncateUTF16(s, maxCellChars)
	}
	b = append(b, "<t"...)
	// Excel drops leading and trailing white space unless told to keep it.
	first, last := byte('\''), byte('\'')
	if s != "" {
		last = s[len(s)-1]
		if !apos {
			first = s[0]
		}
	}
	if edgeSpace(first) || edgeSpace(last) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if apos {
		b = append(b, '\'')
	}
	b = appendCellText(b, s)
	return append(b, "</t>"...)
}

// part is xl/sharedStrings.xml.
func (sst *sharedStrings) part() [][]byte {
	var head []byte
	head = append(head, xmlHeader+`<sst xmlns="`+nsMain+`" count="`...)
	head = strconv.AppendInt(head, int64(sst.count), 10)
	head = append(head, `" uniqueCount="`...)
	head = strconv.AppendInt(head, int64(len(sst.index)), 10)
	head = append(head, `">`...)
	return [][]byte{head, sst.xml, []byte("</sst>")}
}

// Column widths in characters: at least 6, at most 60, plus a margin of 2.
const (
	minColWidth = 6
	maxColWidth = 60
)

// sheetHead is the worksheet up to and including <sheetData>: the used
// range, the header row frozen, and the column widths.
func (t *table) sheetHead(widths []int, selected bool) []byte {
	b := make([]byte, 0, 512+40*len(widths))
	b = append(b, xmlHeader+`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><dimension ref="A1`...)
	if len(t.cols) > 1 || len(t.rows) > 0 {
		b = append(b, ':')
		b = append(b, columnName(max(len(t.cols), 1)-1)...)
		b = strconv.AppendInt(b, int64(len(t.rows)+1), 10)
	}
	b = append(b, `"/><sheetViews><sheetView`...)
	if selected {
		b = append(b, ` tabSelected="1"`...)
	}
	b = append(b, ` workbookViewId="0">`+
		`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`+
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`+
		`<sheetFormatPr defaultRowHeight="15"/>`...)
	if len(widths) > 0 {
		b = append(b, "<cols>"...)
		for i, w := range widths {
			b = append(b, `<col min="`...)
			b = strconv.AppendInt(b, int64(i+1), 10)
			b = append(b, `" max="`...)
			b = strconv.AppendInt(b, int64(i+1), 10)
			b = append(b, `" width="`...)
			b = strconv.AppendInt(b, int64(min(max(w, minColWidth), maxColWidth)+2), 10)
			b = append(b, `" customWidth="1"/>`...)
		}
		b = append(b, "</cols>"...)
	}
	return append(b, "<sheetData>"...)
}

// appendCellStart appends `<c r="B7"`, leaving the tag open for attributes.
func appendCellStart(b []byte, col string, row []byte) []byte {
	b = append(b, `<c r="`...)
	b = append(b, col...)
	b = append(b, row...)
	return append(b, '"')
}

func edgeSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// truncateUTF16 cuts s to at most n UTF-16 units, on a character boundary.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > n {
			return s[:i]
		}
		units += u
	}
	return s
}

// appendCellText appends s as the content of a <t> element:
//   - & < > as entities, CR as &#xD; (a parser would turn a literal one
//     into LF), tab and LF literally;
//   - characters XML 1.0 forbids (controls other than tab, LF and CR,
//     U+FFFE, U+FFFF, bytes that are not UTF-8) as U+FFFD, as encoding/xml
//     does;
//   - an underscore that starts _xHHHH_ as _x005F_, because SpreadsheetML
//     reads _xHHHH_ as the character U+HHHH (ST_Xstring): without it the
//     text "_x0041_" would come back as "A".
func appendCellText(b []byte, s string) []byte {
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if !xmlAttention[c] || (c >= utf8.RuneSelf && valid && c != 0xEF) {
			i++
			continue
		}
		var esc string
		size := 1
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#xD;"
		case c == '\t' || c == '\n':
			i++
			continue
		case c == '_':
			if !xstringEscape(s[i:]) {
				i++
				continue
			}
			esc = "_x005F_"
		case c < 0x20:
			esc = "\uFFFD"
		default: // non-ASCII: 0xEF may start U+FFFE or U+FFFF; invalid text
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || size != 1) && r != 0xFFFE && r != 0xFFFF {
				i += size
				continue
			}
			esc = "\uFFFD"
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// xstringEscape reports whether s starts with _xHHHH_ (H a hex digit).
func xstringEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// xmlAttention marks the bytes appendCellText must look at.
var xmlAttention = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c < 0x20 || c == '&' || c == '<' || c == '>' || c == '_' || c >= utf8.RuneSelf
	}
	return t
}()

// columnName is the letters of a 0-based column index: A … Z, AA ….
func columnName(i int) string {
	var b [8]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// textType reports whether a column holds identifiers or codes that a
// spreadsheet must keep as text (leading zeros, 18-digit credit codes).
func textType(f dataset.Field) bool {
	switch f.Type {
	case dataset.TypeID, dataset.TypeCode, dataset.TypeCreditCode, dataset.TypeMobile, dataset.TypeDate:
		return true
	}
	return false
}

// displayWidth counts East Asian wide characters as two columns, the way
// spreadsheets size them.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			w++
		case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs, all Han: the common case first
			w += 2
		case unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF):
			w += 2
		default:
			w++
		}
	}
	return w
}

// sheetName makes a valid sheet name: at most 31 characters, none of
// []:*?/\, not starting or ending with an apostrophe (Excel refuses those).
func sheetName(s string) string {
	var out []rune
	for _, r := range s {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			r = '_'
		}
		out = append(out, r)
		if len(out) == 31 {
			break
		}
	}
	for len(out) > 0 && out[0] == '\'' {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1] == '\'' {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return "Sheet1"
	}
	return string(out)
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// xlsxCore is docProps/core.xml: title, author and dates, so that the
// file's properties name the dataset and its version date.
func xlsxCore(p XLSXProps) []byte {
	date := p.Date.UTC().Format(time.RFC3339)
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString("<" + name + ">")
		_ = xml.EscapeText(&b, []byte(value))
		b.WriteString("</" + name + ">")
	}
	elem("dc:title", p.Title)
	elem("dc:creator", p.Creator)
	elem("cp:lastModifiedBy", p.Creator)
	elem("dc:language", "zh-CN")
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}

// xlsxWorkbook is xl/workbook.xml: the sheets and their names; sheet i
// is xl/worksheets/sheet<i+1>.xml, relationship rId1 for the first and
// rId4, rId5 … for the others (rId2 and rId3 are styles and strings).
func xlsxWorkbook(sheets ...string) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<bookViews><workbookView/></bookViews><sheets>`)
	for i, sheet := range sheets {
		rid := 1
		if i > 0 {
			rid = i + 3
		}
		b.WriteString(`<sheet name="`)
		_ = xml.EscapeText(&b, []byte(sheet)) // escapes quotes too: safe in an attribute
		b.WriteString(`" sheetId="` + strconv.Itoa(i+1) + `" r:id="rId` + strconv.Itoa(rid) + `"/>`)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.Bytes()
}

// aboutSheet is the name of the first sheet of a workbook that describes itself.
const aboutSheet = "说明"

// aboutSheetXML is the 说明 sheet: a label column and a wide, wrapped
// text column, one line per fact, all inline strings, selected on opening.
func aboutSheetXML(lines []AboutLine) []byte {
	b := []byte(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1:B` +
		strconv.Itoa(len(lines)) + `"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="12" customWidth="1"/>` +
		`<col min="2" max="2" width="90" customWidth="1"/></cols><sheetData>`)
	for i, l := range lines {
		rn := []byte(strconv.Itoa(i + 1))
		b = append(b, `<row r="`...)
		b = append(b, rn...)
		b = append(b, `">`...)
		b = appendCellStart(b, "A", rn)
		b = append(b, ` s="`+styleHeader+`"`...)
		b = appendInlineText(b, l.Label)
		b = appendCellStart(b, "B", rn)
		b = append(b, ` s="`+styleWrap+`"`...)
		b = appendInlineText(b, l.Text)
		b = append(b, "</row>"...)
	}
	return append(b, "</sheetData></worksheet>"...)
}

// xlsxStyles are the cell formats: 0 default, 1 header (bold, pale blue
// fill, dark blue bottom border, vertically centred and wrapped, text
// format), 2 text format (built-in number format 49, "@").
const xlsxStyles = xmlHeader + `<styleSheet xmlns="` + nsMain + `">` +
	`<fonts count="2">` +
	`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`</fonts>` +
	`<fills count="3">` +
	`<fill><patternFill patternType="none"/></fill>` +
	`<fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/><bgColor indexed="64"/></patternFill></fill>` +
	`</fills>` +
	`<borders count="2">` +
	`<border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left/><right/><top/><bottom style="thin"><color rgb="FF1F4E79"/></bottom><diagonal/></border>` +
	`</borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">` +
	`<alignment vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
	`</cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
	`</styleSheet>`

// rawPart is a part compressed once, written as is into every workbook.
type rawPart struct {
	hdr  zip.FileHeader
	body []byte
}

func (p rawPart) write(zw *zip.Writer, mod time.Time) error {
	h := p.hdr
	h.Modified = mod
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	_, err = w.Write(p.body)
	return err
}

// xlsxFixedParts are the parts every workbook shares, first in the package
// as Excel writes them: [0] for a workbook of one sheet, [1] for one with
// a 说明 sheet before the data sheet.
var xlsxFixedParts = sync.OnceValue(func() [2][]rawPart {
	return [2][]rawPart{compressParts(xlsxFixedBodies(1)), compressParts(xlsxFixedBodies(2))}
})

func xlsxFixedBodies(sheets int) []struct{ name, body string } {
	overrides, rels := "", ""
	for i := 2; i <= sheets; i++ {
		n := strconv.Itoa(i)
		overrides += `<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
		rels += `<Relationship Id="rId` + strconv.Itoa(i+2) + `" Type="` + nsRel + `/worksheet" Target="worksheets/sheet` + n + `.xml"/>`
	}
	return []struct{ name, body string }{
		{"[Content_Types].xml", xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			overrides +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
			`<Relationship Id="rId2" Type="` + nsPkgRel + `/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="` + nsRel + `/extended-properties" Target="docProps/app.xml"/>` +
			`</Relationships>`},
		{"docProps/app.xml", xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
			` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><TotalTime>0</TotalTime></Properties>`},
		{"xl/_rels/workbook.xml.rels", xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + nsRel + `/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId3" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/>` +
			rels +
			`</Relationships>`},
		{"xl/styles.xml", xlsxStyles},
	}
}

// compressParts compresses fixed parts once for every workbook.
func compressParts(parts []struct{ name, body string }) []rawPart {
	out := make([]rawPart, len(parts))
	for i, p := range parts {
		var z bytes.Buffer
		fw, _ := flate.NewWriter(&z, flate.BestCompression)
		_, _ = io.WriteString(fw, p.body)
		_ = fw.Close()
		out[i] = rawPart{
			hdr: zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(p.body)),
				CompressedSize64: uint64(z.Len()), UncompressedSize64: uint64(len(p.body))},
			body: z.Bytes(),
		}
	}
	return out
}
