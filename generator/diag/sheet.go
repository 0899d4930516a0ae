package diag

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// Cell is a problem's place as a spreadsheet shows it. Excel and WPS number
// records, not text lines (a cell holding a line break is still one row), and
// name columns by letter after the file's own column order, whatever header
// alias or byte-order mark it has.
type Cell struct {
	Row    int    // 1-based row, the header being row 1; 0 for the whole file
	Column int    // 1-based column index; 0 for the whole row
	Label  string // the field's Chinese label, "" when the column maps to no field
}

// Place identifies a problem by where the machine form puts it.
type Place struct {
	File         string
	Line, Column int
}

// Place returns where p is, as a Cause of other problems names it.
func (p Problem) Place() Place { return Place{p.File, p.Line, p.Column} }

// ColumnName is the spreadsheet name of a 1-based column: 1 A, 26 Z, 27 AA.
func ColumnName(n int) string {
	if n < 1 {
		return ""
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// SheetString renders the problem the way someone who edits the file in
// Excel or WPS reads it:
//
//	data/communities.csv 第 6 行 G 列「入住率（%）」填的是 120，应在 0 到 100 之间
//
// Problems outside spreadsheets keep the machine form of String.
func (p Problem) SheetString() string {
	if p.Sheet == nil {
		return p.String()
	}
	var b strings.Builder
	if p.Severity == Warning {
		b.WriteString("警告：")
	}
	b.WriteString(p.File)
	c := p.Sheet
	if c.Row > 0 {
		b.WriteString(" 第 ")
		b.WriteString(strconv.Itoa(c.Row))
		b.WriteString(" 行")
		if c.Column > 0 {
			b.WriteString(" ")
			b.WriteString(ColumnName(c.Column))
			b.WriteString(" 列")
		}
	}
	if c.Label != "" {
		b.WriteString("「" + c.Label + "」")
	}
	filled := p.Value != nil && strings.TrimSpace(*p.Value) != ""
	switch {
	case filled:
		v := sheetValue(*p.Value)
		if !strings.HasPrefix(v, "“") {
			v = " " + v
		}
		b.WriteString("填的是" + v)
		b.WriteString("，")
	case c.Label == "":
		b.WriteString("：")
	}
	b.WriteString(p.Message)
	return b.String()
}

// sheetValue shows a cell's text bare when it reads unambiguously in a
// sentence, and in quotes when spaces, commas, quotes or line breaks would
// blur where it ends.
func sheetValue(s string) string {
	plain := true
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`,，、;；"“”'`, r) {
			plain = false
			break
		}
	}
	if plain && s != "" {
		return s
	}
	q := quote(s)
	return "“" + q[1:len(q)-1] + "”"
}

// Group is a problem with the problems that follow only from it.
type Group struct {
	Problem
	Knock []Problem // in report order
}

// Fold puts each problem whose Cause is among problems under that cause, so
// an admin sees the one mistake to correct first; causes of causes are
// followed to the first. Problems whose cause is absent stay on their own.
// The order of the groups is that of their first problems.
func Fold(problems []Problem) []Group {
	at := make(map[Place]int, len(problems))
	for i, p := range problems {
		if _, dup := at[p.Place()]; !dup {
			at[p.Place()] = i
		}
	}
	root := func(i int) int {
		for hops := 0; hops < len(problems); hops++ { // a cycle stops here
			c := problems[i].Cause
			if c == nil {
				return i
			}
			j, ok := at[*c]
			if !ok || j == i {
				return i
			}
			i = j
		}
		return i
	}
	var out []Group
	group := make(map[int]int, len(problems)) // problem index → group index
	for i := range problems {
		if r := root(i); r != i {
			continue
		}
		group[i] = len(out)
		out = append(out, Group{Problem: problems[i]})
	}
	for i := range problems {
		if r := root(i); r != i {
			g := &out[group[r]]
			g.Knock = append(g.Knock, problems[i])
		}
	}
	return out
}

// WriteSheet prints problems in the spreadsheet form, one per line, each
// knock-on problem indented under the problem it follows from.
func WriteSheet(w io.Writer, problems []Problem) {
	writeSheet(w, problems, Problem.SheetString)
}

// writeSheet is WriteSheet with each problem's line written by line (the
// rule folding of WriteFolded adds to some).
func writeSheet(w io.Writer, problems []Problem, line func(Problem) string) {
	for _, g := range Fold(problems) {
		fmt.Fprintln(w, line(g.Problem))
		if len(g.Knock) > 0 {
			fmt.Fprintf(w, "    以下 %d 个问题可能由这一处引起，改正这一处后通常随之消失：\n", len(g.Knock))
		}
		for _, k := range g.Knock {
			fmt.Fprintln(w, "    "+line(k))
		}
	}
}
