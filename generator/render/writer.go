package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
)

// Writer writes HTML from Go code with html/template's guarantees: markup
// comes only from the program's own string constants, and every value is
// escaped the way html/template escapes it in the same place. It writes the
// loops of thousands of items that templates include as a Fragment; a fuzz
// test compares its escaping with html/template's.
type Writer struct {
	b *bytes.Buffer
}

// markup is HTML written by the program itself. The type is unexported, so
// outside this package only an untyped string constant converts to it: a
// value read from data cannot reach M unescaped, not even by mistake.
type markup string

// M writes markup: a string constant of the program.
func (w *Writer) M(s markup) { w.b.WriteString(string(s)) }

// Text writes a value in text or in a quoted attribute value, escaped as
// html/template escapes it there.
func (w *Writer) Text(s string) { escapeText(w.b, s) }

// Int writes an integer with thousands separators (the int template function).
func (w *Writer) Int(n int) { w.b.WriteString(Int(n)) }

// Itoa writes an integer as template actions print it: plain digits.
func (w *Writer) Itoa(n int) { w.b.WriteString(strconv.Itoa(n)) }

// HTML writes HTML that is safe by construction (a template's output, a chart).
func (w *Writer) HTML(h template.HTML) { w.b.WriteString(string(h)) }

// URL writes a value that begins a URL attribute (href, src, action): a
// scheme other than http, https or mailto is refused, as html/template
// refuses it, and the URL is normalised and escaped like there.
func (w *Writer) URL(s string) {
	if !safeScheme(s) {
		w.b.WriteString(unsafeURL)
		return
	}
	w.URLPart(s)
}

// URLPart writes a value inside a URL attribute after its start (a path
// segment after a constant or an earlier value), before any '?'.
func (w *Writer) URLPart(s string) {
	if plainURL(s) {
		w.b.WriteString(s)
		return
	}
	var n strings.Builder
	normaliseURL(&n, s)
	escapeText(w.b, n.String())
}

// plainURL reports whether a URL comes out of normalising and escaping as
// it is (the usual relative link or id): only bytes the normaliser keeps,
// no '%', and neither of the two kept bytes that text escaping replaces.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !urlKeeps(c) || c == '&' || c == '+' {
			return false
		}
	}
	return true
}

// unsafeURL is what html/template writes for a URL it refuses.
const unsafeURL = "#ZgotmplZ"

// textEscapes are the characters html/template replaces in text and quoted
// attribute values, and their replacements.
var textEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

func escapeText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) >= len(textEscapes) || textEscapes[c] == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(textEscapes[c])
		last = i + 1
	}
	b.WriteString(s[last:])
}

// safeScheme reports whether a URL has no scheme or one of those
// html/template lets through.
func safeScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// normaliseURL percent-encodes the bytes a URL may not hold as they are,
// keeping RFC 3986's unreserved and reserved characters (but the single
// quote and parentheses) and escapes already made.
func normaliseURL(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKeeps(c) || c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		last = i + 1
	}
	b.WriteString(s[last:])
}

func urlKeeps(c byte) bool { return urlKept[c] }

// urlKept marks RFC 3986's unreserved and reserved bytes but the single
// quote and parentheses: what a URL may hold as it is.
var urlKept = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		t[c] = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
			strings.IndexByte("-._~!#$&*+,/:;=?@[]", b) >= 0
	}
	return t
}()

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Fragment writes a piece of HTML with a Writer, for a template to include
// where a loop over thousands of items would otherwise run in template
// actions (a county's communities, a release's rows).
func Fragment(write func(w *Writer)) template.HTML {
	var b bytes.Buffer
	write(&Writer{b: &b})
	return template.HTML(b.String())
}
