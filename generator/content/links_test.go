package content

import (
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/diag"
	xhtml "golang.org/x/net/html"
)

// hostileLinks are destinations that reach a script or another host only
// once the browser has decoded them.
var hostileLinks = []string{
	"&#106;avascript:alert(document.domain)",
	"&#x6A;avascript:alert(1)",
	"&#0000106;avascript:alert(1)",
	"javascript&colon;alert(1)",
	"java&#x09;script:alert(1)",
	"&NewLine;javascript:alert(1)",
	"data&#58;text/html,x",
	"vbscript:x",
}

// TestEncodedLinksAreRefused: entity-encoded schemes are errors in both
// modes, and nothing script-bearing reaches the page.
func TestEncodedLinksAreRefused(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		for _, dest := range hostileLinks {
			for _, src := range []string{"[点我](" + dest + ")", "![图](" + dest + ")"} {
				rep := &diag.Report{}
				r := newMarkdown(unsafe).render("content/pages/x.md", KindPage, []byte(src+"\n"), 5, rep)
				if !rep.HasErrors() {
					t.Errorf("unsafe=%v: %s passed the link check", unsafe, src)
				}
				if bad := badURL(string(r.html)); bad != "" {
					t.Errorf("unsafe=%v: %s published %q", unsafe, src, bad)
				}
			}
		}
	}
}

// TestRawHTMLAttributesAreChecked: with unsafe_html, raw tags are let
// through, but not their script-bearing or off-site attributes.
func TestRawHTMLAttributesAreChecked(t *testing.T) {
	bad := []string{
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<img src="https://other.example/x.png">`,
		`<img srcset="a.png 1x, //other.example/b.png 2x">`,
		`<form action="javascript:alert(1)"><button formaction="javascript:x">x</button></form>`,
		`<p style="background:url(https://other.example/x)">x</p>`,
		`<div>
<a href="jav&#x09;ascript:alert(1)">x</a>
</div>`,
	}
	for _, src := range bad {
		rep := &diag.Report{}
		r := newMarkdown(true).render("content/pages/x.md", KindPage, []byte("正文\n\n"+src+"\n"), 5, rep)
		if !rep.HasErrors() {
			t.Errorf("raw HTML %s passed", src)
		}
		if b := badURL(string(r.html)); b != "" {
			t.Errorf("raw HTML %s published %q", src, b)
		}
	}
	rep := &diag.Report{}
	ok := `<a href="/cases/">案例</a> <img src="../static/x.png" srcset="x.png 1x, x2.png 2x"> <span style="color:red">红</span>`
	newMarkdown(true).render("content/pages/x.md", KindPage, []byte(ok+"\n"), 5, rep)
	if rep.HasErrors() {
		t.Errorf("harmless raw HTML refused: %v", rep.Problems())
	}
}

// badURL returns the first attribute of rendered HTML that a browser would
// follow to a script, a data URL or another host for an image, or "".
func badURL(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return ""
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			switch strings.ToLower(a.Key) {
			case "href", "action", "formaction":
				if !allowedLink(a.Val) {
					return a.Val
				}
			case "src":
				if !allowedImage(a.Val) {
					return a.Val
				}
			case "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 && !allowedImage(f[0]) {
						return a.Val
					}
				}
			}
		}
	}
}

// FuzzLinkCheck: whatever destination passes the link check, in either
// mode, the published page has no href or src a browser would run or
// fetch from elsewhere.
func FuzzLinkCheck(f *testing.F) {
	for _, s := range hostileLinks {
		f.Add(s, true)
	}
	f.Add("https://example.gov.cn/", false)
	f.Add("../cases/#s1", true)
	f.Add("%6Aavascript:x", true)
	f.Add("&Tab;javascript:x", false)
	f.Fuzz(func(t *testing.T, dest string, unsafe bool) {
		for _, src := range []string{"[a](" + dest + ")", "![a](" + dest + ")", "<" + dest + ">", `<a href="` + dest + `">a</a>`} {
			rep := &diag.Report{}
			r := newMarkdown(unsafe).render("x.md", KindPage, []byte(src+"\n"), 1, rep)
			if rep.HasErrors() {
				continue
			}
			if b := badURL(string(r.html)); b != "" {
				t.Fatalf("%q (unsafe=%v) passed and published %q in %s", src, unsafe, b, r.html)
			}
		}
	})
}
