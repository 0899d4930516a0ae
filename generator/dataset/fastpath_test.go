package dataset

import (
	"fmt"
	"io/fs"
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sxwuye/portal/generator/diag"
	"golang.org/x/text/width"
)

// The reader checks cells with hand-written matchers and skips work on plain
// ASCII cells (cells.go). These tests hold each shortcut to the definition
// it replaces, on inputs built to sit on their edges.

// fastpathInputs mixes fixed edge cases with random strings over an alphabet
// of the characters the matchers look at, full-width forms, the trimmed
// spaces and a byte that is not UTF-8.
func fastpathInputs() []string {
	in := []string{"", " ", "0", "-0", "+0", "00", "0.50", ".5", "5.", "+.5", "-.", ".", "+", "1e3", "NaN", "0x10", "1_000",
		"1,234", "12,34", "1,234,567.5", "1,234.", ",123", "1234,567", "85%", "８５．５", "１，２３４",
		"123456789012345", "1234567890123456", "0.000000000000001", "0.1234567890123456", "100000000000000000000", "1" + strings.Repeat("0", 400),
		"140000", "１４０４００", "14043", "1404000", "240400", "2005", "２００５", "205",
		"13900001234", "139 0000-1234", "１３９００００１２３４", "23900001234",
		"91140105000000001B", "91140105000000001b", "911401050000000O1B", "９１１４０１０５０００００００１Ｂ",
		"2022-07-15", "2022-7-5", "2022/7/15", "2022年7月15日", "２０２２年７月１５日", "2022-02-30", "2024-02-29", "2022-13-01", "0000-01-01",
		"2022-07-155", "2022-007-15", "2022-07-15 ", "2022年7月15", "2022-7/15", "22-07-15",
		"是", "否", "TRUE", "ｔｒｕｅ", "False", " 是\u3000", "province", "PROVINCE", "ｃｉｔｙ",
		"\u00a0 1 \u3000", "\u200b5\ufeff", "\t示例\r\n", "示例 ", "\xff", "a\xffb", "ｶﾀｶﾅ"}
	alphabet := []string{"0", "1", "4", "5", "9", "-", "+", ".", ",", "%", "％", "/", "年", "月", "日", " ", "\u3000", "\u00a0",
		"\ufeff", "\u200b", "\t", "\n", "A", "B", "I", "O", "Y", "Z", "b", "e", "是", "否", "１", "４", "．", "－", "Ｂ", "ｶ", "\xff", "_"}
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for n := r.Intn(20); n > 0; n-- {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		in = append(in, b.String())
	}
	for range 20000 { // numbers
		var b strings.Builder
		b.WriteString([]string{"", "", "+", "-"}[r.Intn(4)])
		for n := r.Intn(19); n > 0; n-- {
			b.WriteByte(byte('0' + r.Intn(10)))
			if r.Intn(25) == 0 {
				b.WriteByte(',')
			}
		}
		if r.Intn(2) == 0 {
			b.WriteByte('.')
			for n := r.Intn(19); n > 0; n-- {
				b.WriteByte(byte('0' + r.Intn(10)))
			}
		}
		in = append(in, b.String())
	}
	const upper = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZa"
	for range 20000 { // credit codes and other fixed-length codes
		b := []byte("91140105000000001B7")[:[]int{18, 18, 18, 17, 19, 6, 11, 4}[r.Intn(8)]]
		for n := r.Intn(3); n >= 0; n-- {
			if len(b) > 0 {
				b[r.Intn(len(b))] = upper[r.Intn(len(upper))]
			}
		}
		in = append(in, string(b))
	}
	for range 20000 { // dates
		digits := func(max int) string {
			var b strings.Builder
			for n := r.Intn(max + 1); n > 0; n-- {
				b.WriteByte(byte('0' + r.Intn(10)))
			}
			return b.String()
		}
		sep := [][3]string{{"-", "-", ""}, {"/", "/", ""}, {"年", "月", "日"}, {"-", "/", ""}, {"年", "月", ""}}[r.Intn(5)]
		y := []string{"2022", "2024", "1900", "0000", digits(5)}[r.Intn(5)]
		in = append(in, y+sep[0]+digits(3)+sep[1]+digits(3)+sep[2])
	}
	return in
}

func TestMatchersAgreeWithPatterns(t *testing.T) {
	matchers := []struct {
		name    string
		pattern *regexp.Regexp
		match   func(string) bool
	}{
		{"isCode", regexp.MustCompile(codePattern), isCode},
		{"isCreditCodeShape", regexp.MustCompile(CreditCodePattern), isCreditCodeShape},
		{"isYear", regexp.MustCompile(`^[0-9]{4}$`), isYear},
		{"isMobile", regexp.MustCompile(`^1[0-9]{10}$`), isMobile},
		{"isNumber", regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`), isNumber},
		{"isGrouped", regexp.MustCompile(`^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`), isGrouped},
	}
	for _, s := range fastpathInputs() {
		for _, in := range []string{s, width.Fold.String(s), strings.ToUpper(width.Fold.String(s))} {
			for _, m := range matchers {
				if got, want := m.match(in), m.pattern.MatchString(in); got != want {
					t.Fatalf("%s(%q) = %v, pattern %s says %v", m.name, in, got, m.pattern, want)
				}
			}
			got, ok := parseDate(in)
			want, wantOK := patternDate(in)
			if ok != wantOK || !got.Equal(want) || got.Location() != want.Location() {
				t.Fatalf("parseDate(%q) = %v, %v; want %v, %v", in, got, ok, want, wantOK)
			}
		}
	}
}

var datePattern = regexp.MustCompile(`^([0-9]{4})(?:-([0-9]{1,2})-([0-9]{1,2})|/([0-9]{1,2})/([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)$`)

// patternDate is the definition parseDate implements: the accepted forms as
// a regular expression, and a date that exists.
func patternDate(s string) (time.Time, bool) {
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2] + m[4] + m[6]) // exactly one form matched
	d, _ := strconv.Atoi(m[3] + m[5] + m[7])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func TestShortcutsMatchSlowPaths(t *testing.T) {
	for _, s := range fastpathInputs() {
		if got, want := fold(s), width.Fold.String(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimCell(s), strings.TrimFunc(s, isTrimmed); got != want {
			t.Fatalf("trimCell(%q) = %q, want %q", s, got, want)
		}
		n, v, ok := normaliseNumber(s)
		if !ok {
			continue
		}
		// The canonical form is FormatNumber's, whether or not it was
		// formatted, and v is its value.
		if x, err := strconv.ParseFloat(n, 64); err != nil || x != v || FormatNumber(v) != n {
			t.Fatalf("normaliseNumber(%q) = %q, %v: FormatNumber gives %q", s, n, v, FormatNumber(v))
		}
	}
}

// The enum shortcut (exact match first, folding only when none) finds the
// value trying each in turn both ways would, because no value folds to another.
func TestEnumValuesDistinct(t *testing.T) {
	for _, s := range Schemas {
		for _, f := range s.Fields {
			for i, a := range f.Enum {
				for j, b := range f.Enum {
					if i != j && strings.EqualFold(width.Fold.String(a), b) {
						t.Errorf("%s.%s: enum values %q and %q fold to each other", s.Name, f.Key, a, b)
					}
				}
			}
		}
	}
}

// A file larger than one mapping chunk keeps its rows in file order, each
// with its own line.
func TestLoadMapsLargeFileInOrder(t *testing.T) {
	s := baseSite()
	rows := s.tables[Communities]
	n := 2*mapChunkRows + 7
	for i := len(rows) - 1; i < n; i++ {
		row := append([]string(nil), rows[2]...)
		row[0], row[1] = fmt.Sprintf("C%06d", i+1), fmt.Sprintf("示例%d号小区", i+1)
		rows = append(rows, row)
	}
	rows[n/2][s.col(Communities, "households")] = "１，２３４" // a full-width cell in the middle chunk
	s.tables[Communities] = rows
	set, msgs := s.load(t)
	if len(msgs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
	}
	if len(set.Communities) != n || set.Rows[Communities] != n {
		t.Fatalf("%d rows mapped, %d counted, want %d", len(set.Communities), set.Rows[Communities], n)
	}
	for i, c := range set.Communities {
		if c.ID != rows[i+1][0] || c.Line != i+2 {
			t.Fatalf("row %d is %s at line %d, want %s at line %d", i, c.ID, c.Line, rows[i+1][0], i+2)
		}
	}
	if got := set.Communities[n/2-1].Households; got != 1234 {
		t.Errorf("households of row %d = %d, want 1234", n/2, got)
	}
}

// panicFS fails like a bug would, inside the goroutine reading a file.
type panicFS struct{ files fstest.MapFS }

func (p panicFS) Open(name string) (fs.File, error) {
	if name == SchemaByName(Evaluations).File {
		panic("test panic")
	}
	return p.files.Open(name)
}

// Files are read in goroutines of Load's own; a panic there must still
// reach Load's caller, who may recover it, rather than end the process.
func TestLoadPanicReachesCaller(t *testing.T) {
	defer func() {
		p := recover()
		if p == nil || !strings.Contains(fmt.Sprint(p), "test panic") || !strings.Contains(fmt.Sprint(p), "data/evaluations.csv") {
			t.Fatalf("recovered %v, want the panic of reading data/evaluations.csv", p)
		}
	}()
	Load(panicFS{baseSite().fs()}, Options{Config: testConfig()}, &diag.Report{})
}
