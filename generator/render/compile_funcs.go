package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Escaper chains, template functions and builtins of compiled programs (see
// compile.go), each doing what html/template and text/template do.

// contentType is the kind of a value as html/template sees it.
type contentType int

const (
	contentPlain contentType = iota
	contentCSS
	contentHTML
	contentHTMLAttr
	contentJS
	contentJSStr
	contentURL
	contentSrcset
)

var contentTypes = map[reflect.Type]contentType{
	reflect.TypeFor[template.CSS]():      contentCSS,
	reflect.TypeFor[template.HTML]():     contentHTML,
	reflect.TypeFor[template.HTMLAttr](): contentHTMLAttr,
	reflect.TypeFor[template.JS]():       contentJS,
	reflect.TypeFor[template.JSStr]():    contentJSStr,
	reflect.TypeFor[template.URL]():      contentURL,
	reflect.TypeFor[template.Srcset]():   contentSrcset,
}

// stringify is html/template's stringify of the one value an escaper gets.
func stringify(v reflect.Value) (string, contentType) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", contentPlain
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Invalid:
		return "", contentPlain
	case reflect.String:
		if v.Type() == stringType {
			return v.String(), contentPlain
		}
		if ct, ok := contentTypes[v.Type()]; ok {
			return v.String(), ct
		}
	case reflect.Int:
		if v.Type() == intType {
			return strconv.Itoa(int(v.Int())), contentPlain
		}
	}
	return stringifyAny(v.Interface())
}

func stringifyAny(a any) (string, contentType) {
	if a == nil {
		return "", contentPlain
	}
	// Pointers are followed to a string or a typed content value.
	in := reflect.ValueOf(a)
	for in.Kind() == reflect.Pointer && !in.IsNil() {
		in = in.Elem()
	}
	if in.Kind() == reflect.String {
		if in.Type() == stringType {
			return in.String(), contentPlain
		}
		if ct, ok := contentTypes[in.Type()]; ok {
			return in.String(), ct
		}
	}
	// Anything else is printed, after following pointers to a Stringer or
	// an error or to the end.
	v := reflect.ValueOf(a)
	stringer, errType := reflect.TypeFor[fmt.Stringer](), reflect.TypeFor[error]()
	for !v.Type().Implements(stringer) && !v.Type().Implements(errType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return fmt.Sprint(v.Interface()), contentPlain
}

// escaper turns a value (its string and content type) into the next one's
// input; the last writes its output.
type escaper func(s string, ct contentType) (string, error)

var escapers = map[string]escaper{
	"_html_template_htmlescaper": func(s string, ct contentType) (string, error) {
		if ct == contentHTML {
			return s, nil
		}
		return escapeTextString(s), nil
	},
	"_html_template_attrescaper":   attrOrRCDATA,
	"_html_template_rcdataescaper": attrOrRCDATA,
	"_html_template_urlfilter": func(s string, ct contentType) (string, error) {
		if ct != contentURL && !safeScheme(s) {
			return unsafeURL, nil
		}
		return s, nil
	},
	"_html_template_urlnormalizer": func(s string, _ contentType) (string, error) {
		return processURL(s, true), nil
	},
	"_html_template_urlescaper": func(s string, ct contentType) (string, error) {
		return processURL(s, ct == contentURL), nil
	},
}

// attrOrRCDATA escapes for a quoted attribute value or RCDATA (title,
// textarea); HTML content would have its tags stripped, which is left to
// html/template.
func attrOrRCDATA(s string, ct contentType) (string, error) {
	if ct == contentHTML {
		return "", giveUpf("template.HTML in an attribute or RCDATA")
	}
	return escapeTextString(s), nil
}

func escapeTextString(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(textEscapes) && textEscapes[c] != "" {
			var b bytes.Buffer
			b.Grow(len(s) + 16)
			escapeText(&b, s)
			return b.String()
		}
	}
	return s
}

// processURL is html/template's URL normaliser (norm) or escaper.
func processURL(s string, norm bool) string {
	if norm {
		for i := 0; i < len(s); i++ {
			if c := s[i]; !urlKeeps(c) && (c != '%' || i+2 >= len(s) || !isHexDigit(s[i+1]) || !isHexDigit(s[i+2])) {
				var b strings.Builder
				normaliseURL(&b, s)
				return b.String()
			}
		}
		return s
	}
	var b strings.Builder
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// printer maps an escaper chain onto a function that writes a value
// through it. The common chains write straight into the page.
func printer(chain []string) (func(w *bytes.Buffer, v reflect.Value) error, error) {
	fs := make([]escaper, len(chain))
	for i, name := range chain {
		e, ok := escapers[name]
		if !ok {
			return nil, fmt.Errorf("不支持的转义 %s（只编译 HTML 文本、带引号的属性值和 URL 中的值）", name)
		}
		fs[i] = e
	}
	switch strings.Join(chain, " ") {
	case "_html_template_htmlescaper":
		return func(w *bytes.Buffer, v reflect.Value) error {
			s, ct := stringify(v)
			if ct == contentHTML {
				w.WriteString(s)
			} else {
				escapeText(w, s)
			}
			return nil
		}, nil
	case "_html_template_attrescaper", "_html_template_rcdataescaper":
		return func(w *bytes.Buffer, v reflect.Value) error {
			s, ct := stringify(v)
			if ct == contentHTML {
				return giveUpf("template.HTML in an attribute or RCDATA")
			}
			escapeText(w, s)
			return nil
		}, nil
	case "_html_template_urlfilter _html_template_urlnormalizer _html_template_attrescaper":
		return func(w *bytes.Buffer, v reflect.Value) error {
			// Only the first escaper sees the content type; the others
			// get plain strings.
			s, ct := stringify(v)
			if ct != contentURL && !safeScheme(s) {
				s = unsafeURL
			}
			(&Writer{b: w}).URLPart(s)
			return nil
		}, nil
	case "_html_template_urlnormalizer _html_template_attrescaper":
		return func(w *bytes.Buffer, v reflect.Value) error {
			s, _ := stringify(v)
			(&Writer{b: w}).URLPart(s)
			return nil
		}, nil
	}
	return func(w *bytes.Buffer, v reflect.Value) error {
		s, ct := stringify(v)
		for _, e := range fs {
			var err error
			if s, err = e(s, ct); err != nil {
				return err
			}
			ct = contentPlain
		}
		w.WriteString(s)
		return nil
	}, nil
}

// fastFunction calls the template functions of the common signatures
// without reflection; nil for others.
func fastFunction(fn any, args []argument) command {
	one := func(conv reflect.Type, do func(v reflect.Value) reflect.Value) command {
		if len(args) > 1 {
			return nil
		}
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			var v reflect.Value
			var err error
			switch {
			case len(args) == 1 && !final.IsValid():
				v, err = args[0](s, dot, conv)
			case len(args) == 0 && final.IsValid():
				v, err = validateType(final, conv)
			default:
				return v, giveUpf("wrong number of args")
			}
			if err != nil {
				return v, err
			}
			if v.Type() != conv {
				return v, giveUpf("argument of type %s", v.Type())
			}
			return do(v), nil
		}
	}
	timeType, floatType := reflect.TypeFor[time.Time](), reflect.TypeFor[float64]()
	switch fn := fn.(type) {
	case func(int) string:
		return one(intType, func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(int(v.Int()))) })
	case func(float64) string:
		return one(floatType, func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(v.Float())) })
	case func(float64) bool:
		return one(floatType, func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(v.Float())) })
	case func(string) string:
		return one(stringType, func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(v.String())) })
	case func(time.Time) string:
		return one(timeType, func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(v.Interface().(time.Time))) })
	case func(time.Time) bool:
		return one(timeType, func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(v.Interface().(time.Time))) })
	}
	return nil
}

// builtin compiles a text/template builtin function; nil for those not
// compiled (html, js, urlquery, slice, call).
func builtin(name string, args []argument) command {
	// Builtins take their arguments as they are (as reflect.Value).
	values := func(s *state, dot, final reflect.Value) ([]reflect.Value, error) {
		vs := make([]reflect.Value, 0, len(args)+1)
		for _, a := range args {
			v, err := a(s, dot, reflectValueType)
			if err != nil {
				return nil, err
			}
			vs = append(vs, v.Interface().(reflect.Value))
		}
		if final.IsValid() {
			vs = append(vs, final)
		}
		return vs, nil
	}
	switch name {
	case "and", "or":
		or := name == "or"
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			if len(args)+btoi(final.IsValid()) < 1 {
				return reflect.Value{}, giveUpf("%s without arguments", name)
			}
			var v reflect.Value
			for _, a := range args {
				x, err := a(s, dot, reflectValueType)
				if err != nil {
					return x, err
				}
				v = x.Interface().(reflect.Value)
				if t, _ := isTrue(indirectInterface(v)); t == or {
					return v, nil
				}
			}
			if final.IsValid() {
				v = final
			}
			return v, nil
		}
	case "not":
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil || len(vs) != 1 {
				return reflect.Value{}, giveUpf("not: %v", err)
			}
			t, _ := isTrue(indirectInterface(vs[0]))
			return reflect.ValueOf(!t), nil
		}
	case "len":
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil || len(vs) != 1 {
				return reflect.Value{}, giveUpf("len: %v", err)
			}
			v := vs[0]
			for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
				if v.IsNil() {
					return v, giveUpf("len of nil pointer")
				}
				v = v.Elem()
			}
			switch v.Kind() {
			case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
				return reflect.ValueOf(v.Len()), nil
			}
			return v, giveUpf("len of %s", v.Type())
		}
	case "index":
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil || len(vs) < 1 {
				return reflect.Value{}, giveUpf("index: %v", err)
			}
			item := indirectInterface(vs[0])
			for _, ix := range vs[1:] {
				for item.Kind() == reflect.Pointer || item.Kind() == reflect.Interface {
					if item.IsNil() {
						return item, giveUpf("index of nil pointer")
					}
					item = item.Elem()
				}
				ix = indirectInterface(ix)
				if k := item.Kind(); k != reflect.Array && k != reflect.Slice && k != reflect.String || ix.Kind() != reflect.Int {
					return item, giveUpf("index of %s", item.Kind())
				}
				i := int(ix.Int())
				if i < 0 || i >= item.Len() {
					return item, giveUpf("index out of range")
				}
				item = item.Index(i)
			}
			return item, nil
		}
	case "eq", "ne", "lt", "le", "gt", "ge":
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil || len(vs) < 2 || name != "eq" && len(vs) != 2 {
				return reflect.Value{}, giveUpf("%s: %v", name, err)
			}
			a := indirectInterface(vs[0])
			for _, b := range vs[1:] {
				c, ok := compare(a, indirectInterface(b))
				if !ok || name != "eq" && name != "ne" && a.Kind() == reflect.Bool {
					return reflect.Value{}, giveUpf("%s of %s and %s", name, a.Kind(), b.Kind())
				}
				var t bool
				switch name {
				case "eq":
					t = c == 0
				case "ne":
					t = c != 0
				case "lt":
					t = c < 0
				case "le":
					t = c <= 0
				case "gt":
					t = c > 0
				case "ge":
					t = c >= 0
				}
				if name != "eq" || t {
					return reflect.ValueOf(t), nil
				}
			}
			return reflect.ValueOf(false), nil
		}
	case "print", "printf", "println":
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			var format reflect.Value
			rest := args
			if name == "printf" {
				if len(args) == 0 {
					return reflect.Value{}, giveUpf("printf without format")
				}
				var err error
				if format, err = args[0](s, dot, stringType); err != nil {
					return format, err
				}
				rest = args[1:]
			}
			anyType := reflect.TypeFor[any]()
			as := make([]any, 0, len(rest)+1)
			for _, a := range rest {
				v, err := a(s, dot, anyType)
				if err != nil {
					return v, err
				}
				as = append(as, v.Interface())
			}
			if final.IsValid() {
				as = append(as, final.Interface())
			}
			switch name {
			case "printf":
				return reflect.ValueOf(fmt.Sprintf(format.String(), as...)), nil
			case "print":
				return reflect.ValueOf(fmt.Sprint(as...)), nil
			}
			return reflect.ValueOf(fmt.Sprintln(as...)), nil
		}
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compare orders two values of the same basic kind (bools are only equal
// or not); ok is false for anything else.
func compare(a, b reflect.Value) (c int, ok bool) {
	if !a.IsValid() || !b.IsValid() {
		return 0, false
	}
	ka, kb := basicKind(a.Kind()), basicKind(b.Kind())
	if ka != kb || ka == 0 {
		return 0, false
	}
	switch ka {
	case 'b':
		if a.Bool() == b.Bool() {
			return 0, true
		}
		return 1, true
	case 'i':
		return cmp3(a.Int() < b.Int(), a.Int() > b.Int()), true
	case 'u':
		return cmp3(a.Uint() < b.Uint(), a.Uint() > b.Uint()), true
	case 'f':
		return cmp3(a.Float() < b.Float(), a.Float() > b.Float()), true
	case 's':
		return strings.Compare(a.String(), b.String()), true
	}
	return 0, false
}

func cmp3(less, more bool) int {
	switch {
	case less:
		return -1
	case more:
		return 1
	}
	return 0
}

func basicKind(k reflect.Kind) byte {
	switch k {
	case reflect.Bool:
		return 'b'
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return 'i'
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return 'u'
	case reflect.Float32, reflect.Float64:
		return 'f'
	case reflect.String:
		return 's'
	}
	return 0
}
