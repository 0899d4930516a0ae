package opendata

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/dataset"
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
	return t.appendCSV(nil, false)
}

// PeopleCSV writes a table for spreadsheets: BOM, Chinese labels, CRLF, neutralised text.
func (t *table) PeopleCSV() []byte {
	return t.appendCSV(nil, true)
}

// appendCSV appends the header and every row to b, for people (BOM,
// labels, CRLF, 是/否, neutralised text) or for machines. The bytes are
// those of encoding/csv's Writer fed machineText or peopleText (tests
// compare the two); the cells are appended straight into one buffer
// instead, which saves a string per number and per neutralised text cell.
func (t *table) appendCSV(b []byte, people bool) []byte {
	start := len(b)
	eol := "\n"
	if people {
		b = append(b, bom...)
		eol = "\r\n"
	}
	for i, f := range t.cols {
		if i > 0 {
			b = append(b, ',')
		}
		if people {
			b = appendCSVField(b, false, f.Label, true)
		} else {
			b = appendCSVField(b, false, f.Key, false)
		}
	}
	b = append(b, eol...)
	for r, row := range t.rows {
		if r == reserveAfter {
			b = reserve(b, start, r, len(t.rows)-r)
		}
		for i, c := range row {
			if i > 0 {
				b = append(b, ',')
			}
			switch v := c.(type) {
			case nil:
			case string:
				b = appendCSVField(b, people && neutralise(v), v, people)
			case bool:
				if people {
					b = append(b, yesNo(v)...)
				} else {
					b = strconv.AppendBool(b, v)
				}
			default:
				// Numbers never need quoting.
				b = appendNumber(b, v)
			}
		}
		b = append(b, eol...)
	}
	return b
}

// reserveAfter is the number of rows after which a writer sizes its buffer
// for the whole table.
const reserveAfter = 512

// reserve grows b to hold left more rows at the rate the last done rows
// took (the bytes from from on) and an eighth more. A file then costs one
// copy of its first rows instead of the series of ever larger copies that
// append makes of a 100 MB download (and each of those a garbage slice for
// the collector).
func reserve(b []byte, from, done, left int) []byte {
	if done <= 0 || left <= 0 {
		return b
	}
	more := int(float64(len(b)-from) / float64(done) * float64(left) * 1.125)
	if more > cap(b)-len(b) {
		b = slices.Grow(b, more)
	}
	return b
}

// appendCSVField appends one field as encoding/csv's Writer (comma
// separator, UseCRLF = crlf) writes the text apostrophe+s, apostrophe being
// "'" when apos is set: quoted when it holds a quote, comma, CR or LF,
// starts with a space or is \. ; quotes doubled; inside quotes CR dropped
// and LF written as CRLF when crlf.
func appendCSVField(b []byte, apos bool, s string, crlf bool) []byte {
	quote := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == ',' || c == '\r' || c == '\n' {
			quote = true
			break
		}
	}
	if !quote && !apos && s != "" {
		if s == `\.` {
			quote = true
		} else if s[0] < utf8.RuneSelf {
			quote = asciiSpace(s[0])
		} else {
			r, _ := utf8.DecodeRuneInString(s)
			quote = unicode.IsSpace(r)
		}
	}
	if !quote {
		if apos {
			b = append(b, '\'')
		}
		return append(b, s...)
	}
	b = append(b, '"')
	if apos {
		b = append(b, '\'')
	}
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			b = append(b, s[start:i+1]...)
			b = append(b, '"')
			start = i + 1
		case '\r':
			if crlf {
				b = append(b, s[start:i]...)
				start = i + 1
			}
		case '\n':
			if crlf {
				b = append(b, s[start:i]...)
				b = append(b, "\r\n"...)
				start = i + 1
			}
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// asciiSpace is unicode.IsSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// neutralise reports whether Neutralise would prefix s with an apostrophe.
func neutralise(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// yesNo is a boolean as people read it.
func yesNo(v bool) string {
	if v {
		return "是"
	}
	return "否"
}

// appendNumber appends an int or float64 cell in its canonical form, the
// one dataset.FormatNumber gives (a test holds the two together).
func appendNumber(b []byte, c any) []byte {
	switch v := c.(type) {
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		return appendFloat(b, v)
	}
	panic(fmt.Sprintf("opendata: cell %T is not a number", c))
}

// appendFloat appends strconv.FormatFloat(v, 'f', -1, 64), the shortest
// decimal that reads back as v, taking a short cut for the numbers the
// datasets hold: hundredths (scores, areas, rates) below 1e11, which
// strconv's general algorithm spends most of a download's number
// formatting on.
//
// Why the short cut is exact: let n = round(100v). If n/100, correctly
// rounded, is v, the decimal D = n/100 (two decimals at most) reads back
// as v. Any other decimal that reads back as v lies within one ulp of v,
// below 1/500 for |v| < 1e11, so it cannot be another multiple of 1/100:
// it needs a third decimal and, being as large as D, more digits. So D,
// trailing zeros dropped, is the shortest, as strconv finds.
func appendFloat(b []byte, v float64) []byte {
	if x := v * 100; v != 0 && x > -1e13 && x < 1e13 {
		if r := math.Round(x); r/100 == v {
			n := int64(r)
			if n < 0 {
				b = append(b, '-')
				n = -n
			}
			b = strconv.AppendInt(b, n/100, 10)
			if f := n % 100; f != 0 {
				b = append(b, '.', byte('0'+f/10))
				if f%10 != 0 {
					b = append(b, byte('0'+f%10))
				}
			}
			return b
		}
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// JSON writes the rows as an array of objects with canonical keys in
// dictionary order, one row per line: numbers as numbers, booleans as
// booleans, dates as "2006-01-02" strings and absent values as null.
func (t *table) JSON() []byte {
	return t.appendJSON(nil)
}

// appendJSON appends the JSON of the rows to b.
func (t *table) appendJSON(b []byte) []byte {
	start := len(b)
	keys := make([][]byte, len(t.cols))
	for i, f := range t.cols {
		keys[i] = append(appendJSONString(nil, f.Key), ':')
	}
	b = append(b, '[')
	for r, row := range t.rows {
		if r > 0 {
			b = append(b, ',')
			if r == reserveAfter {
				b = reserve(b, start, r, len(t.rows)-r)
			}
		}
		b = append(b, "\n{"...)
		for i, c := range row {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, keys[i]...)
			switch v := c.(type) {
			case nil:
				b = append(b, "null"...)
			case string:
				b = appendJSONString(b, v)
			case bool:
				b = strconv.AppendBool(b, v)
			default:
				b = appendNumber(b, v)
			}
		}
		b = append(b, '}')
	}
	return append(b, "\n]\n"...)
}

// appendJSONString appends s as encoding/json encodes a string with HTML
// escaping off (so Chinese and & stay readable): quotes, backslashes and
// control characters escaped, \b \f \n \r \t by name; invalid UTF-8 as
// \ufffd; U+2028 and U+2029 escaped. A test compares it with encoding/json.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if !jsonAttention[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			// 0xE2 may start U+2028/U+2029; anything else non-ASCII only
			// matters in invalid text.
			if valid && c != 0xE2 {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			default:
				i += size
				continue
			}
			i += size
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\\', '"':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonAttention marks the bytes appendJSONString must look at: control
// characters, quote, backslash and every non-ASCII byte.
var jsonAttention = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf
	}
	return t
}()
