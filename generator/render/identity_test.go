package render

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sxwuye/portal/generator/config"
)

// The site's layout shows each government identity mark of site.yaml only
// when it is set: no placeholder emblem, no empty slots.
func TestLayoutShowsIdentityOnlyWhenSet(t *testing.T) {
	layout, err := os.ReadFile("../../templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"layout.html":        {Data: layout},
		"pages/p.html":       {Data: []byte(`{{define "main"}}<p>正文</p>{{end}}`)},
		"static/site.css":    {Data: []byte("body{}")},
		"static/site.js":     {Data: []byte("")},
		"static/favicon.svg": {Data: []byte("<svg/>")},
		"static/emblem.svg":  {Data: []byte("<svg/>")},
		"static/conac.png":   {Data: []byte("png")},
	}
	render := func(id config.Identity) string {
		cfg := &config.Config{Title: "站点", BaseURL: "https://example.org/", Identity: id,
			Menu: []config.MenuItem{{Title: "首页", URL: "/"}}}
		r, err := New(fsys, &Site{Config: cfg, Updated: time.Date(2022, 12, 18, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.RenderOne(&Page{Path: "/news/a/", Template: "p", Title: "标题"})
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	bare := render(config.Identity{})
	for _, absent := range []string{"emblem", "gov-marks", "党政机关网站标识", "我为政府网站找错", "互动交流"} {
		if strings.Contains(bare, absent) {
			t.Errorf("identity unset, yet the page shows %q", absent)
		}
	}
	full := render(config.Identity{Emblem: "emblem.svg", EmblemAlt: "示例厅徽",
		ConacImage: "conac.png", ConacURL: "https://bszs.conac.cn/sitename?method=show&id=EXAMPLE",
		JiucuoURL:      "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1400000000",
		InteractionURL: "https://zjt.example.gov.cn/hdjl/", InteractionTitle: "互动交流"})
	for _, want := range []string{
		`<a class="site-title" href="../../"><img class="emblem" src="../../static/emblem.svg?v=`,
		`alt="示例厅徽" width="32" height="32">站点</a>`,
		`<a class="conac" href="https://bszs.conac.cn/sitename?method=show&amp;id=EXAMPLE" rel="noopener"><img src="../../static/conac.png?v=`,
		`alt="党政机关网站标识"`,
		`<a class="jiucuo" href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1400000000" rel="noopener">我为政府网站找错</a>`,
		`<li><a href="https://zjt.example.gov.cn/hdjl/" rel="noopener">互动交流</a></li>`,
	} {
		if !strings.Contains(full, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
