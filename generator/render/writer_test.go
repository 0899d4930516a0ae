package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// oracle is html/template itself: the same value in the same places.
var oracle = template.Must(template.New("").Parse(
	`<p title="{{.}}">{{.}}</p><a href="{{.}}">x</a><a href="../x/{{.}}/">y</a>`))

// viaWriter writes what oracle writes, with Writer.
func viaWriter(s string) string {
	var b bytes.Buffer
	w := &Writer{b: &b}
	w.M(`<p title="`)
	w.Text(s)
	w.M(`">`)
	w.Text(s)
	w.M(`</p><a href="`)
	w.URL(s)
	w.M(`">x</a><a href="../x/`)
	w.URLPart(s)
	w.M(`/">y</a>`)
	return b.String()
}

var escapeSeeds = []string{
	"", "plain", "小区名称", `<script>alert("x")</script>`, `a&b'c"d+e<f>g`, "nul\x00byte",
	"javascript:alert(1)", "JavaScript:x", "http://example.org/a b", "https://x/?q=1&r=2#frag",
	"mailto:a@example.org", "tel:0351-1234567", "../../regions/140100/", "C000001", "%41%4g%", "%2", "x%",
	"100%", "sp ace", "(paren)'quote'", "a/b:c", "\xff\xfeinvalid", "\u2028line", "#ZgotmplZ", "data:text/html,x",
	"/path:with:colons", "?q=<>", "~-._!$*,;=@[]",
}

func TestWriterMatchesHTMLTemplate(t *testing.T) {
	for _, s := range escapeSeeds {
		checkWriter(t, s)
	}
}

func FuzzWriterMatchesHTMLTemplate(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkWriter(t, s) })
}

func checkWriter(t *testing.T, s string) {
	t.Helper()
	var want strings.Builder
	if err := oracle.Execute(&want, s); err != nil {
		t.Fatal(err)
	}
	if got := viaWriter(s); got != want.String() {
		t.Errorf("value %q:\n got %s\nwant %s", s, got, want.String())
	}
}
