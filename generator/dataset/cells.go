package dataset

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/creditcode"
	"golang.org/x/text/width"
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
	val, msg := normalise(f, s)
	if msg != "" {
		t.errorf(c, f.Key, "%s", msg)
		return
	}
	c.val, c.ok = val, true
}

// normalise returns the canonical form of a trimmed, non-empty cell, or a
// Chinese message saying why it is not acceptable.
func normalise(f *Field, s string) (string, string) {
	switch f.Type {
	case TypeText:
		return s, ""
	case TypeID:
		if !validID(s) {
			return "", "只能由 1 到 40 个英文字母、数字、- 或 _ 组成（编号会成为网址的一部分，不能有空格、汉字或 /）"
		}
		return s, ""
	case TypeCode:
		s = width.Fold.String(s)
		if !codeRE.MatchString(s) {
			return "", "应为以 14 开头的 6 位数字区划代码（山西省统计用区划代码）"
		}
		return s, ""
	case TypeEnum:
		for _, e := range f.Enum {
			if s == e || strings.EqualFold(width.Fold.String(s), e) {
				return e, ""
			}
		}
		return "", "应为以下之一：" + strings.Join(f.Enum, "、")
	case TypeInteger, TypeNumber:
		n, ok := NormaliseNumber(s)
		if !ok {
			if f.Type == TypeInteger {
				return "", "应为整数"
			}
			return "", "应为数字"
		}
		v, _ := strconv.ParseFloat(n, 64)
		if f.Type == TypeInteger {
			if v != float64(int64(v)) || v > 1e15 || v < -1e15 {
				return "", "应为整数"
			}
			n = strconv.FormatInt(int64(v), 10)
		}
		if msg := rangeMessage(v, f.Min, f.Max); msg != "" {
			return "", msg
		}
		return n, ""
	case TypeDate:
		d, ok := ParseDate(s)
		if !ok {
			return "", "不是有效日期，应写作 2022-07-15（也接受 2022/7/15 或 2022年7月15日）"
		}
		return d.Format(DateLayout), ""
	case TypeBool:
		b, ok := ParseBool(s)
		if !ok {
			return "", "应为 是、否、true、false、1 或 0"
		}
		return strconv.FormatBool(b), ""
	case TypeYear:
		s = width.Fold.String(s)
		if !yearRE.MatchString(s) {
			return "", "应为四位数字的年份，如 2005"
		}
		return s, ""
	case TypeCreditCode:
		s = strings.ToUpper(width.Fold.String(s))
		if !creditRE.MatchString(s) {
			return "", "应为 18 位统一社会信用代码（数字和大写英文字母，不含 I、O、Z、S、V）"
		}
		if !creditcode.Valid(s) {
			return "", "校验码不正确（GB 32100-2015 第 18 位校验码与前 17 位不符），请核对是否抄错"
		}
		return s, ""
	case TypeMobile:
		s = strings.NewReplacer(" ", "", "-", "").Replace(width.Fold.String(s))
		if !mobileRE.MatchString(s) {
			return "", "应为以 1 开头的 11 位手机号码"
		}
		return s, ""
	}
	return s, ""
}

var (
	codeRE   = regexp.MustCompile(codePattern)
	yearRE   = regexp.MustCompile(`^[0-9]{4}$`)
	creditRE = regexp.MustCompile(CreditCodePattern)
	mobileRE = regexp.MustCompile(`^1[0-9]{10}$`)
	numberRE = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	// Excel writes thousands separators when a cell is formatted with them.
	groupedRE = regexp.MustCompile(`^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)
)

func validID(s string) bool {
	if len(s) == 0 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
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
	s = width.Fold.String(trimCell(s))
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if groupedRE.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !numberRE.MatchString(s) {
		return "", false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", false
	}
	if v == 0 {
		v = 0 // no "-0"
	}
	return FormatNumber(v), true
}

var dateRE = regexp.MustCompile(`^([0-9]{4})(?:-([0-9]{1,2})-([0-9]{1,2})|/([0-9]{1,2})/([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)$`)

// ParseDate reads a date in one of the accepted input forms, 2006-01-02,
// 2006/1/2 or 2006年1月2日 (one- or two-digit month and day, full-width
// digits allowed), and returns it as UTC midnight. Impossible dates such as
// 2022-02-30 are rejected.
func ParseDate(s string) (time.Time, bool) {
	m := dateRE.FindStringSubmatch(width.Fold.String(trimCell(s)))
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	var mo, d int
	for k := 2; k < len(m); k += 2 {
		if m[k] != "" {
			mo, _ = strconv.Atoi(m[k])
			d, _ = strconv.Atoi(m[k+1])
		}
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, false // time.Date normalised an impossible date
	}
	return t, true
}

// ParseBool reads 是/否/true/false/1/0 (case-insensitive, full-width allowed).
func ParseBool(s string) (bool, bool) {
	switch strings.ToLower(width.Fold.String(trimCell(s))) {
	case "是", "true", "1":
		return true, true
	case "否", "false", "0":
		return false, true
	}
	return false, false
}
