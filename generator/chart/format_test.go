package chart

import (
	"math"
	"testing"
)

func TestFormatInt(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1,000"},
		{4226, "4,226"},
		{23494, "23,494"},
		{100000, "100,000"},
		{1234567, "1,234,567"},
		{-1234, "-1,234"},
		{-999, "-999"},
		{math.MinInt64, "-9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		if got := FormatInt(tt.in); got != tt.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatPercentAndNumber(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"percent integral", FormatPercent(46), "46.0%"},
		{"percent rounds", FormatPercent(45.96), "46.0%"},
		{"percent small", FormatPercent(0.04), "0.0%"},
		{"percent negative zero", FormatPercent(-0.04), "0.0%"},
		{"percent hundred", FormatPercent(100), "100.0%"},
		{"percent grouped", FormatPercent(1234.5), "1,234.5%"},
		{"percent NaN", FormatPercent(math.NaN()), NoData},
		{"percent Inf", FormatPercent(math.Inf(1)), NoData},
		{"number two decimals", FormatNumber(1234.567, 2), "1,234.57"},
		{"number no decimals", FormatNumber(23494.4, 0), "23,494"},
		{"number negative", FormatNumber(-1234.5, 1), "-1,234.5"},
		{"number negative decimals clamp", FormatNumber(12.34, -1), "12"},
		{"value percent", FormatValue(18, "%"), "18.0%"},
		{"value integral with unit", FormatValue(23494, "个"), "23,494个"},
		{"value fraction", FormatValue(87.36, "分"), "87.4分"},
		{"value plain", FormatValue(4226, ""), "4,226"},
		{"value NaN", FormatValue(math.NaN(), "%"), NoData},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestCoord(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{-0.04, "0"},
		{12, "12"},
		{12.34, "12.3"},
		{12.35, "12.4"},
		{-3.25, "-3.3"},
		{math.NaN(), "0"},
	}
	for _, tt := range tests {
		if got := coord(tt.in); got != tt.want {
			t.Errorf("coord(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFitAndWidth(t *testing.T) {
	if w := textWidth("太原市", 14); w != 42 {
		t.Errorf("three CJK characters at 14 = %v units, want 42", w)
	}
	if a, b := textWidth("23,494", 14), textWidth("太原市", 14); a >= b*1.2 {
		t.Errorf("digits %v should be narrower than CJK %v", a, b)
	}
	long := "示例市示例区示例街道示例花园小区二期三号院"
	got := fit(long, 14, 100)
	if textWidth(got, 14) > 100 {
		t.Errorf("fit gave %q, %v units wide, want at most 100", got, textWidth(got, 14))
	}
	if got == long || got[len(got)-len("…"):] != "…" {
		t.Errorf("fit(%q) = %q, want a prefix ending in …", long, got)
	}
	if got := fit("太原市", 14, 100); got != "太原市" {
		t.Errorf("fit kept a short label as %q", got)
	}
}

func TestChartID(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"progress-committee", "progress-committee"},
		{"a b<c>", "a-b-c"},
		{"140100", "c140100"},
		{"区划/140100", "c140100"},
	}
	for _, tt := range tests {
		got := chartID(tt.in)
		if got != tt.want {
			t.Errorf("chartID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	a, b := chartID("", "bar", "甲"), chartID("", "bar", "乙")
	if a == b || a != chartID("", "bar", "甲") {
		t.Errorf("derived ids must be stable and differ by content: %q %q", a, b)
	}
}
