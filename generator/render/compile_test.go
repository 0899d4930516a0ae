package render

import (
	"html/template"
	"strings"
	"testing"
)

// compiledPage exercises the constructs and escaping contexts the compiler
// handles: text, quoted attributes, RCDATA, URLs (start, part, query),
// typed HTML, variables, range with else, with, builtins and functions.
const compiledPage = `{{define "main"}}{{$d := .Data}}<p title="{{$d.S}}">{{$d.S}}</p><textarea>{{$d.S}}</textarea>
<a href="{{$d.S}}">a</a><a href="/x/{{$d.S}}/">b</a><a href="/q?v={{$d.S}}">c</a>{{$d.H}}
{{range $i, $x := $d.L}}{{if $i}}, {{end}}{{$x}}{{else}}空{{end}}{{range $d.L}}[{{.}}]{{break}}{{end}}
{{with $d.M}}{{.k}}{{end}}{{if and $d.S (not $d.N) (eq $d.N 0) (lt 1 2)}}真{{else}}假{{end}}
{{len $d.L}} {{index $d.L 0}} {{printf "%s-%d" $d.S $d.N}} {{int $d.N}} {{$d.P.Name}} {{$d.Method "参"}}{{end}}`

type compiledData struct {
	S string
	H template.HTML
	L []string
	M map[string]any
	N int
	P *struct{ Name string }
}

func (d compiledData) Method(s string) string { return s + d.S }

func compiledCase(s string) compiledData {
	return compiledData{S: s, H: template.HTML("<b>" + s + "</b>"), L: []string{s, "二"}, M: map[string]any{"k": s},
		P: &struct{ Name string }{s}}
}

func checkCompiled(t *testing.T, r *Renderer, p *Page) {
	t.Helper()
	want, err := r.Interpret(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.RenderOne(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("data %#v:\n got %s\nwant %s", p.Data, got, want)
	}
}

func TestCompiledMatchesHTMLTemplate(t *testing.T) {
	r := testRenderer(t, compiledPage)
	if err := r.uncompiled["p"]; err != nil {
		t.Fatalf("test page not compiled: %v", err)
	}
	for _, s := range escapeSeeds {
		checkCompiled(t, r, &Page{Path: "/a/", Template: "p", Title: s, Data: compiledCase(s)})
	}
	if fb := r.Fallbacks(); len(fb) > 0 {
		t.Errorf("pages left to html/template: %v", fb)
	}
}

func FuzzCompiledMatchesHTMLTemplate(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	r := testRenderer(f, compiledPage)
	f.Fuzz(func(t *testing.T, s string) {
		checkCompiled(t, r, &Page{Path: "/a/", Template: "p", Title: s, Data: compiledCase(s)})
	})
}

// TestCompileFallbackIsReported: a template the compiler cannot handle (a
// value inside a script) still renders, through html/template, and the
// renderer says which page kind and why; so does a page whose data the
// program gives up on (a nil pointer html/template reports as an error).
func TestCompileFallbackIsReported(t *testing.T) {
	r := testRenderer(t, `{{define "main"}}<script>var x = {{.Data}};</script>{{end}}`)
	checkCompiled(t, r, &Page{Path: "/a/", Template: "p", Data: "</script>"})
	fb := strings.Join(r.Fallbacks(), "\n")
	if !strings.Contains(fb, "templates/pages/p.html") || !strings.Contains(fb, "jsvalescaper") {
		t.Errorf("fallback not reported: %q", fb)
	}

	r = testRenderer(t, `{{define "main"}}{{with .Data}}{{.S}}{{.P.Name}}{{end}}{{end}}`)
	if _, err := r.RenderOne(&Page{Path: "/a/", Template: "p", Data: compiledData{S: "x"}}); err == nil {
		t.Error("html/template's error on a nil pointer was lost")
	}
	checkCompiled(t, r, &Page{Path: "/b/", Template: "p", Data: compiledCase("y")})
	fb = strings.Join(r.Fallbacks(), "\n")
	if !strings.Contains(fb, "1 个页面") || !strings.Contains(fb, "nil pointer") {
		t.Errorf("runtime fallback not reported: %q", fb)
	}
}
