// Package htmlcheck parses built pages for tests: structural assertions
// with a few selectors, duplicate ids and internal links, instead of
// substring matching.
package htmlcheck

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// Parse parses an HTML document.
func Parse(b []byte) (*html.Node, error) { return html.Parse(bytes.NewReader(b)) }

// Attr returns an attribute of n.
func Attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// Walk calls f for every element.
func Walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, f)
	}
}

// Find returns the elements matching a simple selector: "tag", "#id",
// ".class", "tag.class", "tag[attr]" or "tag[attr=value]".
func Find(root *html.Node, sel string) []*html.Node {
	tag, id, class, attr, val := parseSel(sel)
	var out []*html.Node
	Walk(root, func(n *html.Node) {
		if tag != "" && n.Data != tag {
			return
		}
		if id != "" {
			if v, _ := Attr(n, "id"); v != id {
				return
			}
		}
		if class != "" {
			v, _ := Attr(n, "class")
			if !hasWord(v, class) {
				return
			}
		}
		if attr != "" {
			v, ok := Attr(n, attr)
			if !ok || (val != "" && v != val) {
				return
			}
		}
		out = append(out, n)
	})
	return out
}

func hasWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

func parseSel(sel string) (tag, id, class, attr, val string) {
	if i := strings.Index(sel, "["); i >= 0 && strings.HasSuffix(sel, "]") {
		inner := sel[i+1 : len(sel)-1]
		sel = sel[:i]
		attr, val, _ = strings.Cut(inner, "=")
		val = strings.Trim(val, `"'`)
	}
	switch {
	case strings.HasPrefix(sel, "#"):
		id = sel[1:]
	case strings.Contains(sel, "."):
		tag, class, _ = strings.Cut(sel, ".")
	default:
		tag = sel
	}
	return
}

// Text returns the text content of n.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// DuplicateIDs returns every id that occurs more than once.
func DuplicateIDs(root *html.Node) []string {
	seen := map[string]int{}
	var order []string
	Walk(root, func(n *html.Node) {
		if id, ok := Attr(n, "id"); ok {
			if seen[id] == 1 {
				order = append(order, id)
			}
			seen[id]++
		}
	})
	return order
}

// Links returns the internal link targets of a page at site path pagePath,
// resolved to site paths (fragment and query removed), for href and src.
// External (http(s) to another host, mailto:, tel:, data:) links are skipped.
func Links(root *html.Node, pagePath string) []string {
	var out []string
	base := &url.URL{Path: pagePath}
	Walk(root, func(n *html.Node) {
		for _, key := range []string{"href", "src"} {
			v, ok := Attr(n, key)
			if !ok || v == "" || strings.HasPrefix(v, "#") {
				continue
			}
			u, err := url.Parse(v)
			if err != nil {
				out = append(out, "unparsable:"+v)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue
			}
			r := base.ResolveReference(u)
			out = append(out, path.Clean(r.Path)+trailing(r.Path))
		}
	})
	return out
}

func trailing(p string) string {
	if strings.HasSuffix(p, "/") && p != "/" {
		return "/"
	}
	return ""
}

// FileFor maps a site path to the output file a static server would send.
func FileFor(sitePath string) string {
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// MustOne returns the single element matching sel, or an error.
func MustOne(root *html.Node, sel string) (*html.Node, error) {
	ns := Find(root, sel)
	if len(ns) != 1 {
		return nil, fmt.Errorf("%d elements match %q, want 1", len(ns), sel)
	}
	return ns[0], nil
}

// ReconciliationNotes are the phrases of the ledger-versus-report
// reconciliation, which is for administrators (build warnings and a report
// beside the output): no public page may carry one.
var ReconciliationNotes = []string{"请核对", "台账合计", "报送合计", "社区台账核对", "与社区台账核对", "多于该市报送", "多于报送数", "ledger-check"}
