package opendata

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/xuri/excelize/v2"
)

// bom is the UTF-8 byte-order mark that makes zh-CN Excel and WPS read a CSV as UTF-8.
var bom = []byte{0xEF, 0xBB, 0xBF}

// machineText formats a cell for the machine CSV: canonical, no decoration.
func machineText(c any) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return dataset.FormatNumber(v)
	case bool:
		return strconv.FormatBool(v)
	}
	panic(fmt.Sprintf("opendata: cell %T", c))
}

// peopleText formats a cell for people: 是/否 for booleans, text neutralised.
func peopleText(c any) string {
	switch v := c.(type) {
	case bool:
		if v {
			return "是"
		}
		return "否"
	case string:
		return Neutralise(v)
	}
	return machineText(c)
}

// Neutralise defuses a text cell that a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or CR) by prefixing an apostrophe, the
// OWASP recommendation: Excel and WPS then show the text as typed. Numbers
// are never passed here, so -3.5 stays a number.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// MachineCSV writes a table as UTF-8 without BOM, canonical keys as header, LF line ends.
func (t *table) MachineCSV() []byte {
	return t.csv(nil, false, func(f dataset.Field) string { return f.Key }, machineText)
}

// PeopleCSV writes a table for spreadsheets: BOM, Chinese labels, CRLF, neutralised text.
func (t *table) PeopleCSV() []byte {
	return t.csv(bom, true, func(f dataset.Field) string { return f.Label }, peopleText)
}

// csv writes the header named by head and every row through text, after prefix.
func (t *table) csv(prefix []byte, crlf bool, head func(dataset.Field) string, text func(any) string) []byte {
	var b bytes.Buffer
	b.Write(prefix)
	w := csv.NewWriter(&b)
	w.UseCRLF = crlf
	rec := make([]string, len(t.cols))
	for i, f := range t.cols {
		rec[i] = head(f)
	}
	_ = w.Write(rec)
	for _, row := range t.rows {
		for i, c := range row {
			rec[i] = text(c)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// JSON writes the rows as an array of objects with canonical keys in
// dictionary order, one row per line: numbers as numbers, booleans as
// booleans, dates as "2006-01-02" strings and absent values as null.
func (t *table) JSON() []byte {
	var b bytes.Buffer
	keys := make([][]byte, len(t.cols))
	for i, f := range t.cols {
		keys[i] = jsonString(f.Key)
	}
	b.WriteString("[")
	for r, row := range t.rows {
		if r > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n{")
		for i, c := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(keys[i])
			b.WriteByte(':')
			switch v := c.(type) {
			case nil:
				b.WriteString("null")
			case string:
				b.Write(jsonString(v))
			case bool:
				b.WriteString(strconv.FormatBool(v))
			default:
				b.WriteString(machineText(v))
			}
		}
		b.WriteString("}")
	}
	b.WriteString("\n]\n")
	return b.Bytes()
}

// jsonString encodes a string without HTML escaping, so Chinese and & stay readable.
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
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
		case unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF):
			w += 2
		default:
			w++
		}
	}
	return w
}

// XLSXProps are the document properties of a workbook; fixed so that the
// same data gives the same bytes.
type XLSXProps struct {
	Title, Creator string
	Date           time.Time
}

// XLSX writes a workbook with one sheet: header row bold, shaded and
// frozen; ids, codes and dates as text cells in text format; numbers as
// numbers; column widths fitted to the content (CJK counted double);
// text neutralised like the people's CSV.
func (t *table) XLSX(props XLSXProps) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	// Fast deflate: the default level spends most of the workbook's time
	// compressing for a few percent of size.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	sheet := sheetName(t.title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DCE6F1"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "#1F4E79", Style: 1}},
		NumFmt:    49,
	})
	if err != nil {
		return nil, err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // 49 is the built-in "@" (text) format
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	widths := make([]int, len(t.cols))
	for i, c := range t.cols {
		widths[i] = displayWidth(c.Label)
	}
	for _, row := range t.rows {
		for i, c := range row {
			if w := displayWidth(peopleText(c)); w > widths[i] {
				widths[i] = w
			}
		}
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(w, 6), 60)+2)); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	cells := make([]any, len(t.cols))
	for i, c := range t.cols {
		cells[i] = excelize.Cell{StyleID: header, Value: c.Label}
	}
	if err := sw.SetRow("A1", cells, excelize.RowOpts{Height: 20}); err != nil {
		return nil, err
	}
	for r, row := range t.rows {
		for i, c := range row {
			switch v := c.(type) {
			case nil:
				cells[i] = nil
			case int, float64:
				cells[i] = v
			default:
				cell := excelize.Cell{Value: peopleText(v)}
				if textType(t.cols[i]) {
					cell.StyleID = textStyle
				}
				cells[i] = cell
			}
		}
		axis, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(axis, cells); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	date := props.Date.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: props.Title, Creator: props.Creator, LastModifiedBy: props.Creator,
		Created: date, Modified: date, Language: "zh-CN",
	}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sheetName makes a valid sheet name: at most 31 characters, none of []:*?/\.
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
	if len(out) == 0 {
		return "Sheet1"
	}
	return string(out)
}
