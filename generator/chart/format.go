package chart

import (
	"math"
	"strconv"
	"strings"
)

// NoData is what a chart or a formatter shows in place of a missing value.
const NoData = "无数据"

// FormatInt formats n with thousands separators: 23494 → "23,494".
func FormatInt(n int) string {
	// Work on the unsigned magnitude so math.MinInt64 does not overflow.
	u := uint64(n)
	neg := n < 0
	if neg {
		u = -u
	}
	return groupDigits(strconv.FormatUint(u, 10), neg)
}

// FormatNumber formats v with thousands separators and exactly decimals
// digits after the point: FormatNumber(1234.56, 1) → "1,234.6". NaN and
// infinities give NoData. A value that rounds to zero never shows a minus
// sign ("-0.0").
func FormatNumber(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NoData
	}
	if decimals < 0 {
		decimals = 0
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if neg && strings.Trim(intPart+frac, "0") == "" {
		neg = false
	}
	out := groupDigits(intPart, neg)
	if hasFrac {
		out += "." + frac
	}
	return out
}

// FormatPercent formats a percentage (46 means 46 %) with one decimal:
// 46 → "46.0%". NaN and infinities give NoData.
func FormatPercent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NoData
	}
	return FormatNumber(v, 1) + "%"
}

// FormatValue is the default way a chart writes a value with its unit:
// unit "%" gives a one-decimal percentage; an integral value gives an
// integer with thousands separators; anything else one decimal. A non-"%"
// unit is appended without a space, as Chinese writes it ("23,494个").
func FormatValue(v float64, unit string) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return NoData
	case unit == "%":
		return FormatPercent(v)
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return FormatInt(int(v)) + unit
	default:
		return FormatNumber(v, 1) + unit
	}
}

// groupDigits inserts a comma every three digits of an unsigned decimal.
func groupDigits(digits string, neg bool) string {
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// coord formats an SVG coordinate: rounded to one decimal, shortest form,
// never "-0", so equal inputs always give equal bytes.
func coord(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	v = math.Round(v*10) / 10
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
