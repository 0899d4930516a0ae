package dataset

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/creditcode"
	"github.com/sxwuye/portal/generator/diag"
	"golang.org/x/text/width"

	"github.com/sxwuye/portal/generator/urlid"
)

// checkCell normalises and validates one cell against its field's declared
// type, enum, range and requiredness, reporting what is wrong. Rules that
// involve other cells, rows or files come later and only see cells with ok set.
func (t *table) checkCell(i int, c *cell, raw string, present bool) {
	f := &t.schema.Fields[i]
	s := trimCell(raw)
	if s == "" {
		s = f.Default
	}
	if s == "" {
		if f.Required {
			if present {
				t.errorf(c, f.Key, "不能为空（必填）")
			} else if t.column[i] >= 0 {
				t.errorf(c, f.Key, "不能为空（必填；本行缺少该列）")
			}
			// A missing required column was reported once, at the header.
		}
		return
	}
	val, _, msg := normalise(f, s)
	if msg != "" {
		t.errorf(c, f.Key, "%s", msg)
		return
	}
	t.setVal(c, val)
	c.setOK(true)
}

// normalise returns the canonical form of a trimmed, non-empty cell (and the
// value of a number, which the cross-row rules compare), or a Chinese message
// saying why it is not acceptable.
//
// Every check here is a hand-written equivalent of a regular expression
// (the published patterns of schema.go among them; matchers_test.go holds
// them to it), and full-width folding is skipped for ASCII cells, which it
// leaves unchanged: this runs for every cell of every file, and at province
// scale the regexp engine and the folding transform were most of Load.
func normalise(f *Field, s string) (string, float64, string) {
	switch f.Type {
	case TypeText:
		if msg := textProblem(f, s); msg != "" {
			return "", 0, msg
		}
		return s, 0, ""
	case TypeID:
		if !urlid.Valid(s) {
			return "", 0, "只能由 1 到 40 个英文字母、数字、- 或 _ 组成（编号会成为网址的一部分，不能有空格、汉字或 /）"
		}
		return s, 0, ""
	case TypeCode:
		s = fold(s)
		if !isCode(s) {
			return "", 0, "应为以 14 开头的 6 位数字区划代码（山西省统计用区划代码）"
		}
		return s, 0, ""
	case TypeEnum:
		// An exact value is looked up first, before folding: no two values of
		// an enum fold to each other (TestEnumValuesDistinct), so this finds
		// the same value as trying each in turn both ways.
		for _, e := range f.Enum {
			if s == e {
				return e, 0, ""
			}
		}
		folded := fold(s)
		for _, e := range f.Enum {
			if strings.EqualFold(folded, e) {
				return e, 0, ""
			}
		}
		return "", 0, "应为以下之一：" + strings.Join(f.Enum, "、")
	case TypeInteger, TypeNumber:
		n, v, ok := normaliseNumber(s)
		if !ok {
			if f.Type == TypeInteger {
				return "", 0, "应为整数"
			}
			return "", 0, "应为数字"
		}
		if f.Type == TypeInteger {
			if v != float64(int64(v)) || v > 1e15 || v < -1e15 {
				return "", 0, "应为整数"
			}
			// n is FormatNumber(v), which for a whole number within ±1e15
			// is exactly FormatInt's decimal form.
		}
		if msg := rangeMessage(v, f.Min, f.Max); msg != "" {
			return "", 0, msg
		}
		return n, v, ""
	case TypeDate:
		s = fold(trimCell(s))
		d, ok := parseDate(s)
		if !ok {
			return "", 0, "不是有效日期，应写作 2022-07-15（也接受 2022/7/15 或 2022年7月15日）"
		}
		if len(s) == len(DateLayout) && s[4] == '-' && s[7] == '-' {
			return s, 0, "" // already 2006-01-02: formatting would give s back
		}
		return d.Format(DateLayout), 0, ""
	case TypeBool:
		b, ok := ParseBool(s)
		if !ok {
			return "", 0, "应为 是、否、true、false、1 或 0"
		}
		return strconv.FormatBool(b), 0, ""
	case TypeYear:
		s = fold(s)
		if !isYear(s) {
			return "", 0, "应为四位数字的年份，如 2005"
		}
		return s, 0, ""
	case TypeCreditCode:
		s = strings.ToUpper(fold(s))
		if !isCreditCodeShape(s) {
			return "", 0, "应为 18 位统一社会信用代码（数字和大写英文字母，不含 I、O、Z、S、V）"
		}
		if !creditcode.Valid(s) {
			return "", 0, "校验码不正确（GB 32100-2015 第 18 位校验码与前 17 位不符），请核对是否抄错"
		}
		return s, 0, ""
	case TypeMobile:
		s = mobileSeparators.Replace(fold(s))
		if !isMobile(s) {
			return "", 0, "应为以 1 开头的 11 位手机号码"
		}
		return s, 0, ""
	}
	return s, 0, ""
}

// mobileSeparators drops the spaces and hyphens people type inside numbers.
var mobileSeparators = strings.NewReplacer(" ", "", "-", "")

// fold maps full-width forms to their narrow equivalents (１４０４ → 1404,
// ％ → %, the ideographic space → space). ASCII text has nothing to fold.
func fold(s string) string {
	if isASCII(s) {
		return s
	}
	return width.Fold.String(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits reports whether s is all ASCII digits ([0-9]*).
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isCode matches codePattern, ^14[0-9]{4}$.
func isCode(s string) bool { return len(s) == 6 && s[0] == '1' && s[1] == '4' && digits(s[2:]) }

// isYear matches ^[0-9]{4}$.
func isYear(s string) bool { return len(s) == 4 && digits(s) }

// isMobile matches ^1[0-9]{10}$.
func isMobile(s string) bool { return len(s) == 11 && s[0] == '1' && digits(s[1:]) }

// isCreditChar is the character class [0-9A-HJ-NPQRTUWXY] of CreditCodePattern.
func isCreditChar(c byte) bool {
	switch {
	case isDigit(c):
		return true
	case c < 'A' || c > 'Y':
		return false
	}
	return c != 'I' && c != 'O' && c != 'S' && c != 'V'
}

// isCreditCodeShape matches CreditCodePattern,
// ^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$.
func isCreditCodeShape(s string) bool {
	if len(s) != 18 || !digits(s[2:8]) {
		return false
	}
	for _, i := range [...]int{0, 1, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17} {
		if !isCreditChar(s[i]) {
			return false
		}
	}
	return true
}

// isNumber matches ^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$.
func isNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	whole := i > 0
	if i == len(s) {
		return whole
	}
	if s[i] != '.' {
		return false
	}
	frac := s[i+1:]
	return digits(frac) && (whole || frac != "")
}

// isGrouped matches ^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$, the thousands
// separators Excel writes when a cell is formatted with them.
func isGrouped(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	i := 0
	for i < len(s) && i < 3 && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	groups := 0
	for i+4 <= len(s) && s[i] == ',' && digits(s[i+1:i+4]) {
		i += 4
		groups++
	}
	if groups == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	return s[i] == '.' && len(s) > i+1 && digits(s[i+1:])
}

func rangeMessage(v float64, lo, hi *float64) string {
	switch {
	case lo != nil && hi != nil && (v < *lo || v > *hi):
		return "应在 " + FormatNumber(*lo) + " 到 " + FormatNumber(*hi) + " 之间"
	case lo != nil && hi == nil && v < *lo:
		return "不能小于 " + FormatNumber(*lo)
	case hi != nil && lo == nil && v > *hi:
		return "不能大于 " + FormatNumber(*hi)
	}
	return ""
}

// NormaliseNumber returns the canonical decimal form of a numeric cell as
// admins type it: surrounding spaces, full-width digits and signs (８５．５),
// a trailing % or ％ (85%), and Excel's thousands separators (23,494) are
// accepted. "85.50" becomes "85.5". It reports false for anything else,
// including exponents, NaN and infinities.
func NormaliseNumber(s string) (string, bool) {
	n, _, ok := normaliseNumber(s)
	return n, ok
}

// normaliseNumber is NormaliseNumber also returning the value, so callers
// need not parse the canonical form again.
func normaliseNumber(s string) (string, float64, bool) {
	s = fold(trimCell(s))
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if isGrouped(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !isNumber(s) {
		return "", 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", 0, false
	}
	if v == 0 {
		return "0", 0, true // no "-0"
	}
	if canonicalDecimal(s) {
		return s, v, true // FormatNumber(v) would give s back
	}
	return FormatNumber(v), v, true
}

// canonicalDecimal reports whether s, a string matching isNumber that does
// not denote zero, is already FormatNumber's output for its value: no "+",
// no leading zero before other digits, no trailing zero after the point, and
// at most 15 significant digits, which a float64 holds exactly enough for the
// shortest form that reads back to the same value to be s itself.
func canonicalDecimal(s string) bool {
	if s[0] == '+' {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
	}
	point := strings.IndexByte(s, '.')
	whole, frac := s, ""
	if point >= 0 {
		whole, frac = s[:point], s[point+1:]
		if frac == "" || frac[len(frac)-1] == '0' {
			return false
		}
	}
	if whole == "" || len(whole) > 1 && whole[0] == '0' {
		return false
	}
	sig := len(whole) + len(frac)
	if whole == "0" {
		sig = len(strings.TrimLeft(frac, "0"))
	}
	return sig <= 15
}

// ParseDate reads a date in one of the accepted input forms, 2006-01-02,
// 2006/1/2 or 2006年1月2日 (one- or two-digit month and day, full-width
// digits allowed), and returns it as UTC midnight. Impossible dates such as
// 2022-02-30 are rejected.
func ParseDate(s string) (time.Time, bool) {
	return parseDate(fold(trimCell(s)))
}

// parseDate is ParseDate on a trimmed, folded cell. It matches
// ^([0-9]{4})(?:-([0-9]{1,2})-([0-9]{1,2})|/([0-9]{1,2})/([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)$.
func parseDate(s string) (time.Time, bool) {
	if len(s) < 4 || !digits(s[:4]) {
		return time.Time{}, false
	}
	y := atoi(s[:4])
	rest := s[4:]
	var sep2, end string
	switch {
	case strings.HasPrefix(rest, "-"):
		rest, sep2 = rest[1:], "-"
	case strings.HasPrefix(rest, "/"):
		rest, sep2 = rest[1:], "/"
	case strings.HasPrefix(rest, "年"):
		rest, sep2, end = rest[len("年"):], "月", "日"
	default:
		return time.Time{}, false
	}
	mo, rest, ok := oneOrTwoDigits(rest)
	if !ok || !strings.HasPrefix(rest, sep2) {
		return time.Time{}, false
	}
	d, rest, ok := oneOrTwoDigits(rest[len(sep2):])
	if !ok || rest != end {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, false // time.Date normalised an impossible date
	}
	return t, true
}

// oneOrTwoDigits reads [0-9]{1,2} at the start of s, followed by no further digit.
func oneOrTwoDigits(s string) (int, string, bool) {
	n := 0
	for n < len(s) && n < 3 && isDigit(s[n]) {
		n++
	}
	if n == 0 || n > 2 {
		return 0, s, false
	}
	return atoi(s[:n]), s[n:], true
}

// atoi reads a string of at most four ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ParseBool reads 是/否/true/false/1/0 (case-insensitive, full-width allowed).
func ParseBool(s string) (bool, bool) {
	s = trimCell(s)
	switch s { // the canonical spellings need no folding
	case "是", "true", "1":
		return true, true
	case "否", "false", "0":
		return false, true
	}
	switch strings.ToLower(fold(s)) {
	case "是", "true", "1":
		return true, true
	case "否", "false", "0":
		return false, true
	}
	return false, false
}

// textProblem checks a text cell's length and characters: no control
// characters but tab and line break, no bidirectional overrides (which make
// a name read otherwise than it is stored), no zero-width or non-characters.
func textProblem(f *Field, s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F {
			return fmt.Sprintf("含有控制字符 U+%04X（第 %d 个字），请删除", c, i+1)
		}
	}
	n := len(s)
	if !ascii {
		n = 0
		for _, r := range s {
			n++
			if r != '\t' && r != '\n' && diag.Unprintable(r) {
				return fmt.Sprintf("含有不可见的控制或格式字符 U+%04X（第 %d 个字），请删除", r, n)
			}
		}
	}
	if max := f.TextMax(); n > max {
		return fmt.Sprintf("最多 %d 个字，实有 %d 个字", max, n)
	}
	return ""
}
