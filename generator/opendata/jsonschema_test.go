package opendata

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A small JSON Schema (draft-04/07) checker covering the keywords the
// published Data Package 2.0 and Project Open Data v1.1 schemas use: type,
// required, properties, items, enum, const, pattern, anyOf, oneOf, allOf,
// $ref (to a sibling file or #/...), minItems, minLength, maxLength,
// uniqueItems, minProperties, minimum, dependencies. Patterns that Go's
// RE2 cannot compile (look-arounds, back-references) are skipped and
// counted, so a test can say how much was not checked.

type schemaSet struct {
	dir     string
	docs    map[string]any
	skipped map[string]bool // patterns RE2 cannot compile
}

func newSchemaSet(dir string) *schemaSet {
	return &schemaSet{dir: dir, docs: map[string]any{}, skipped: map[string]bool{}}
}

func (s *schemaSet) load(name string) (any, error) {
	if d, ok := s.docs[name]; ok {
		return d, nil
	}
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		return nil, err
	}
	var d any
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	s.docs[name] = d
	return d, nil
}

// validate returns every violation of the document against schema file name.
func (s *schemaSet) validate(name string, doc any) ([]string, error) {
	root, err := s.load(name)
	if err != nil {
		return nil, err
	}
	var errs []string
	s.check(name, root, root, doc, "$", &errs)
	return errs, nil
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func typeMatches(want string, v any) bool {
	got := jsonType(v)
	return got == want || (want == "number" && got == "integer")
}

func (s *schemaSet) resolve(file string, root any, ref string) (string, any, any) {
	target, frag, _ := strings.Cut(ref, "#")
	if target != "" {
		d, err := s.load(target)
		if err != nil {
			panic(err)
		}
		file, root = target, d
	}
	node := root
	for _, part := range strings.Split(strings.Trim(frag, "/"), "/") {
		if part == "" {
			continue
		}
		node = node.(map[string]any)[part]
	}
	return file, root, node
}

func (s *schemaSet) check(file string, root, schema, v any, at string, errs *[]string) {
	sc, ok := schema.(map[string]any)
	if !ok {
		return
	}
	fail := func(format string, args ...any) {
		*errs = append(*errs, at+": "+fmt.Sprintf(format, args...))
	}
	if ref, ok := sc["$ref"].(string); ok {
		f, r, node := s.resolve(file, root, ref)
		s.check(f, r, node, v, at, errs)
		return
	}
	if t, ok := sc["type"]; ok {
		match := false
		switch tt := t.(type) {
		case string:
			match = typeMatches(tt, v)
		case []any:
			for _, x := range tt {
				match = match || typeMatches(x.(string), v)
			}
		}
		if !match {
			fail("type %v expected, got %s", t, jsonType(v))
			return
		}
	}
	if e, ok := sc["enum"].([]any); ok {
		found := false
		for _, x := range e {
			found = found || reflect.DeepEqual(x, v)
		}
		if !found {
			fail("%v not in enum %v", v, e)
		}
	}
	if c, ok := sc["const"]; ok && !reflect.DeepEqual(c, v) {
		fail("%v is not %v", v, c)
	}
	sub := func(schema any) []string {
		var e []string
		s.check(file, root, schema, v, at, &e)
		return e
	}
	if all, ok := sc["allOf"].([]any); ok {
		for _, x := range all {
			*errs = append(*errs, sub(x)...)
		}
	}
	if any_, ok := sc["anyOf"].([]any); ok {
		okAny := false
		for _, x := range any_ {
			okAny = okAny || len(sub(x)) == 0
		}
		if !okAny {
			fail("matches none of anyOf")
		}
	}
	if one, ok := sc["oneOf"].([]any); ok {
		n := 0
		for _, x := range one {
			if len(sub(x)) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("matches %d of oneOf (want 1)", n)
		}
	}
	switch x := v.(type) {
	case string:
		if p, ok := sc["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				s.skipped[p] = true
			} else if !re.MatchString(x) {
				fail("%q does not match %s", x, p)
			}
		}
		if n, ok := sc["minLength"].(float64); ok && utf8.RuneCountInString(x) < int(n) {
			fail("shorter than %v", n)
		}
		if n, ok := sc["maxLength"].(float64); ok && utf8.RuneCountInString(x) > int(n) {
			fail("longer than %v", n)
		}
	case float64:
		if n, ok := sc["minimum"].(float64); ok && x < n {
			fail("%v below minimum %v", x, n)
		}
	case []any:
		if n, ok := sc["minItems"].(float64); ok && len(x) < int(n) {
			fail("fewer than %v items", n)
		}
		if u, ok := sc["uniqueItems"].(bool); ok && u {
			for i := range x {
				for j := i + 1; j < len(x); j++ {
					if reflect.DeepEqual(x[i], x[j]) {
						fail("items %d and %d are equal", i, j)
					}
				}
			}
		}
		if items, ok := sc["items"].(map[string]any); ok {
			for i, it := range x {
				s.check(file, root, items, it, fmt.Sprintf("%s[%d]", at, i), errs)
			}
		}
	case map[string]any:
		if req, ok := sc["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					fail("missing required %q", r)
				}
			}
		}
		if n, ok := sc["minProperties"].(float64); ok && len(x) < int(n) {
			fail("fewer than %v properties", n)
		}
		if props, ok := sc["properties"].(map[string]any); ok {
			for k, ps := range props {
				if val, ok := x[k]; ok {
					s.check(file, root, ps, val, at+"."+k, errs)
				}
			}
		}
		if deps, ok := sc["dependencies"].(map[string]any); ok {
			for k, d := range deps {
				if _, ok := x[k]; !ok {
					continue
				}
				switch dd := d.(type) {
				case []any:
					for _, r := range dd {
						if _, ok := x[r.(string)]; !ok {
							fail("%q requires %q", k, r)
						}
					}
				case map[string]any:
					*errs = append(*errs, sub(dd)...)
				}
			}
		}
	}
}
