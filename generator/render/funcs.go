package render

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
)

// Funcs are the template functions shared by every page.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"int":     Int,
		"num":     Num,
		"score":   Score,
		"pct":     Pct,
		"date":    Date,
		"datecn":  DateCN,
		"iso":     ISO,
		"nonzero": func(t time.Time) bool { return !t.IsZero() },
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b int) int { return a - b },
		"join":    strings.Join,
		"isnan":   math.IsNaN,
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i + 1
			}
			return s
		},
		// dict builds a map for passing several values to a partial.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"gradeclass": GradeClass,
		"booktitle":  BookTitle,
	}
}

// Int formats an integer with thousands separators: 23,494.
func Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Num formats a decimal with at most two decimals and no trailing zeros; NaN is "—".
func Num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// Score formats a score with one decimal: 87.5, 90.0.
func Score(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
}

// Pct formats a percentage with one decimal: 46.0%; NaN is "—".
func Pct(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64) + "%"
}

// Date formats a date as 2022-07-15; the zero time is "".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// DateCN formats a date as 2022年7月15日.
func DateCN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// ISO formats a time as RFC 3339 in UTC, for feeds and machine-readable attributes.
func ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// GradeClass maps a grade name to a CSS class; the word is always shown too.
func GradeClass(grade string) string {
	switch grade {
	case "优秀":
		return "grade grade-a"
	case "良好":
		return "grade grade-b"
	case "合格":
		return "grade grade-c"
	case "不合格":
		return "grade grade-d"
	}
	return "grade"
}

// BookTitle wraps a document title in book-title marks, turning marks inside
// it into the inner form, as Chinese typography nests them:
// 关于印发《工作安排》的通知 → 《关于印发〈工作安排〉的通知》.
func BookTitle(title string) string {
	inner := strings.NewReplacer("《", "〈", "》", "〉").Replace(title)
	return "《" + inner + "》"
}
