package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/sxwuye/portal/generator/dataset"
)

// trickyTexts are texts that need quoting or escaping somewhere.
var trickyTexts = []string{
	"示例·幸福小区", "plain", "a,b", `say "hi"`, "line\nbreak", "cr\rlf\r\n", " lead", "trail ", "\u3000全角空格开头",
	`\.`, `\.x`, "=1+1", "+86", "-2", "@SUM(A1)", "\tTab", "\rCR", "'quoted", "<b>&amp;</b>", "ctl\x01\x08\x0b\x0c\x1f\x7f",
	"\u2028sep\u2029", "bad\xffutf8\xc3", "\uFFFE\uFFFF", "emoji 😀", "_x0041_", "_x005F_x0041_", "_x0041_x0042_", "_xZZZZ_",
	"a\\b", "tab\tinside",
}

// referenceCSV is the CSV writer as it was: encoding/csv fed with
// machineText or peopleText. The append-based writer must give its bytes.
func referenceCSV(t *table, people bool) []byte {
	var b bytes.Buffer
	text, head := machineText, func(f dataset.Field) string { return f.Key }
	if people {
		b.Write(bom)
		text, head = peopleText, func(f dataset.Field) string { return f.Label }
	}
	w := csv.NewWriter(&b)
	w.UseCRLF = people
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

// referenceJSON is the JSON writer as it was, strings through encoding/json.
func referenceJSON(t *table) []byte {
	str := func(s string) []byte {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	}
	var b bytes.Buffer
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
			b.Write(str(t.cols[i].Key))
			b.WriteByte(':')
			switch v := c.(type) {
			case nil:
				b.WriteString("null")
			case string:
				b.Write(str(v))
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

// trickyTable holds every tricky text, numbers, booleans and gaps.
func trickyTable() *table {
	tb := &table{name: "t", title: "测试", cols: []dataset.Field{
		{Key: "id", Label: "编号", Type: dataset.TypeID},
		{Key: "name", Label: "名称, \"引号\"", Type: dataset.TypeText},
		{Key: "n", Label: "数量", Type: dataset.TypeInteger},
		{Key: "x", Label: "得分", Type: dataset.TypeNumber},
		{Key: "ok", Label: "是否", Type: dataset.TypeBool},
	}}
	for i, s := range trickyTexts {
		var ok any
		if i%3 != 2 {
			ok = i%3 == 0
		}
		var x any = float64(i)*1.37 - 5
		if i%4 == 3 {
			x = nil
		}
		tb.rows = append(tb.rows, []any{"C" + strconv.Itoa(i), s, i * 1000, x, ok})
	}
	return tb
}

// TestWritersMatchReference holds the CSV and JSON writers to the bytes of
// encoding/csv and encoding/json, on the sample's tables and on tricky texts.
func TestWritersMatchReference(t *testing.T) {
	f := loadSample(t)
	tables, err := setTables(f.set)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.m.Periods {
		if len(p.Evaluations) > 0 {
			tables = append(tables, releaseTable(p, p.Evaluations))
		}
	}
	tables = append(tables, trickyTable())
	for _, tb := range tables {
		if got, want := tb.MachineCSV(), referenceCSV(tb, false); !bytes.Equal(got, want) {
			t.Errorf("%s: machine CSV differs from encoding/csv:\n%q\n%q", tb.name, firstDiff(got, want), firstDiff(want, got))
		}
		if got, want := tb.PeopleCSV(), referenceCSV(tb, true); !bytes.Equal(got, want) {
			t.Errorf("%s: people's CSV differs from encoding/csv:\n%q\n%q", tb.name, firstDiff(got, want), firstDiff(want, got))
		}
		if got, want := tb.JSON(), referenceJSON(tb); !bytes.Equal(got, want) {
			t.Errorf("%s: JSON differs from encoding/json:\n%q\n%q", tb.name, firstDiff(got, want), firstDiff(want, got))
		}
	}
}

// firstDiff is a's bytes around the first place it differs from b.
func firstDiff(a, b []byte) []byte {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-20):min(len(a), i+40)]
}

func TestAppendCSVField(t *testing.T) {
	for _, s := range append(trickyTexts, "", "'", " ", "\u00a0nbsp", "\u0085nel", "x\u3000") {
		for _, crlf := range []bool{false, true} {
			for _, apos := range []bool{false, true} {
				field := s
				if apos {
					field = "'" + s
				}
				var want bytes.Buffer
				w := csv.NewWriter(&want)
				w.UseCRLF = crlf
				_ = w.Write([]string{field, "x"})
				w.Flush()
				got := append(appendCSVField(nil, apos, s, crlf), ",x"...)
				if crlf {
					got = append(got, "\r\n"...)
				} else {
					got = append(got, '\n')
				}
				if !bytes.Equal(got, want.Bytes()) {
					t.Errorf("appendCSVField(%q, apos %v, crlf %v) = %q, encoding/csv writes %q", s, apos, crlf, got, want.Bytes())
				}
			}
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	all := append([]string{"", "\x00", "\"\\", "\u2027\u2028\u2029\u202a", "\xe2", "\xe2\x80", "\xe2\x80\xa8x"}, trickyTexts...)
	for c := 0; c < 256; c++ {
		all = append(all, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	for _, s := range all {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
			t.Errorf("appendJSONString(%q) = %s, encoding/json writes %s", s, got, want.Bytes())
		}
	}
}

// TestAppendFloat holds the hundredths short cut to strconv and
// dataset.FormatNumber, the canonical form of numbers.
func TestAppendFloat(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		want := dataset.FormatNumber(v)
		if got := string(appendFloat(nil, v)); got != want {
			t.Fatalf("appendFloat(%v) = %q, want %q", v, got, want)
		}
		if got := string(appendNumber(nil, v)); got != want {
			t.Fatalf("appendNumber(%v) = %q, want %q", v, got, want)
		}
	}
	for n := -100000; n <= 100000; n++ {
		check(float64(n) / 100)
		check(float64(n) / 10)
		check(float64(n) * 0.01) // not always the double nearest n/100
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 0.1 + 0.2, 0.07, 1.005, 2.675, 99.995, 1e11 - 0.01, 1e11, 1e11 + 0.01,
		-1e11 + 0.01, 1e13, 123456789.12, 9007199254740993, math.MaxFloat64, math.SmallestNonzeroFloat64, 1e-7, -1e-300,
		math.Inf(1), math.Inf(-1), math.NaN(), math.Nextafter(0.3, 1), math.Nextafter(0.3, 0), math.Nextafter(1e9+0.25, 2e9)} {
		check(v)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		check(math.Round(rng.Float64()*1e6) / 100)                       // hundredths, as the data holds them
		check(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(24)-8))) // anything
		check(math.Float64frombits(rng.Uint64()))
	}
	for _, n := range []int{0, -1, 7, 255, 256, -9999999, math.MaxInt64, math.MinInt64} {
		if got, want := string(appendNumber(nil, n)), strconv.Itoa(n); got != want {
			t.Errorf("appendNumber(%d) = %q", n, got)
		}
	}
}
