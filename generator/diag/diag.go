// Package diag collects the problems found in a site's inputs.
//
// Every loader reports into one Report so that an admin sees every problem of
// a run at once, sorted by file and position, each naming its place as
// file:line:column. Messages are Chinese because admins read them.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity tells whether a problem stops the build.
type Severity int

const (
	// Error problems stop the build; nothing is published.
	Error Severity = iota
	// Warning problems are printed but the build goes on.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one finding at one place in one input file.
type Problem struct {
	Severity Severity `json:"-"`
	File     string   `json:"file"`             // slash path relative to the site root, e.g. data/communities.csv
	Line     int      `json:"line,omitempty"`   // 1-based; 0 when the problem concerns the whole file
	Column   int      `json:"column,omitempty"` // 1-based; 0 when unknown
	Field    string   `json:"field,omitempty"`  // canonical key and Chinese label, e.g. "occupancy_rate 入住率（%）"
	Message  string   `json:"message"`          // Chinese, without the value
	Value    *string  `json:"value,omitempty"`  // the offending input, quoted when printed

	// Sheet and Cause shape the message for spreadsheet users (sheet.go);
	// they are not part of the machine form or the JSON.
	Sheet *Cell  `json:"-"` // where Excel or WPS shows the problem; nil outside CSV files
	Cause *Place `json:"-"` // the earlier problem this one follows from, if it follows only from it
}

// String renders the problem the way admins read it:
// data/communities.csv:12:7: occupancy_rate 入住率（%）应在 0 到 100 之间，实为 "120"
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("警告：")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(" ")
	}
	b.WriteString(p.Message)
	if p.Value != nil {
		b.WriteString("，实为 ")
		b.WriteString(quote(*p.Value))
	}
	return b.String()
}

// quote renders a value in double quotes, escaping only what would make the
// line ambiguous or act on the terminal (control characters, ESC sequences,
// invisible and bidirectional formatting characters, shown as \u{202E}),
// so Chinese text stays readable (unlike %q).
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case Unprintable(r):
			fmt.Fprintf(&b, `\u{%04X}`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Quote is quote for messages that name a value inside their text.
func Quote(s string) string { return quote(s) }

// Unprintable reports the characters that must never be shown raw: C0 and
// C1 controls, DEL, invalid UTF-8 (utf8.RuneError), the non-characters
// U+FFFE and U+FFFF, and the zero-width and bidirectional formatting
// characters that make text read otherwise than it is.
func Unprintable(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7F && r <= 0x9F, r == 0xFFFD, r == 0xFFFE, r == 0xFFFF,
		r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2064,
		r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return true
	}
	return false
}

// Report is a concurrency-safe collection of problems.
type Report struct {
	mu       sync.Mutex
	problems []Problem
}

// Add records a problem.
func (r *Report) Add(p Problem) {
	r.mu.Lock()
	r.problems = append(r.problems, p)
	r.mu.Unlock()
}

// Errorf records an error at a place. Pass value nil when there is no offending input to quote.
func (r *Report) Errorf(file string, line, col int, field string, value *string, format string, args ...any) {
	r.Add(Problem{Severity: Error, File: file, Line: line, Column: col, Field: field, Value: value, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at a place.
func (r *Report) Warnf(file string, line, col int, field string, value *string, format string, args ...any) {
	r.Add(Problem{Severity: Warning, File: file, Line: line, Column: col, Field: field, Value: value, Message: fmt.Sprintf(format, args...)})
}

// Merge adds every problem of other.
func (r *Report) Merge(other *Report) {
	if other == nil || r == other {
		return
	}
	for _, p := range other.Problems() {
		r.Add(p)
	}
}

// Problems returns the problems sorted by file, line, column, field, message
// and value: a total order, so output never depends on discovery order.
func (r *Report) Problems() []Problem {
	r.mu.Lock()
	out := append([]Problem(nil), r.problems...)
	r.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool { return Less(out[i], out[j]) })
	return out
}

// Less is the total order of problems.
func Less(a, b Problem) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Severity != b.Severity {
		return a.Severity < b.Severity
	}
	if a.Field != b.Field {
		return a.Field < b.Field
	}
	if a.Message != b.Message {
		return a.Message < b.Message
	}
	av, bv := "", ""
	if a.Value != nil {
		av = *a.Value
	}
	if b.Value != nil {
		bv = *b.Value
	}
	return av < bv
}

// Counts returns the number of errors and warnings.
func (r *Report) Counts() (errors, warnings int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.problems {
		if p.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any problem stops the build.
func (r *Report) HasErrors() bool {
	e, _ := r.Counts()
	return e > 0
}

// V is a helper for the value argument: diag.V("120").
func V(s string) *string { return &s }
