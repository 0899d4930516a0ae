package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/model"
)

// TestBodyMatchLinksToClause: a result whose match is in the body links to
// the last anchor at or before the match, in short (inline) and long
// (segmented) bodies; other results link to the page.
func TestBodyMatchLinksToClause(t *testing.T) {
	filler := strings.Repeat("各市按照要求推进落实。", 60) // 660 runes: past several text segments
	long := "  一、总体要求\n" + filler + "\n（一）工作目标\n" + filler + "打破终身制甲。\n（二）工作措施\n打破终身制乙。"
	lead := len([]rune("  "))
	off := func(s string) int { return len([]rune(long[:strings.Index(long, s)])) }
	docs := []Doc{
		{Type: "policy", Title: "示例长政策", URL: "/policies/long/", Body: long, Anchors: []Anchor{
			// Given out of order: Build sorts them.
			{Off: off("（二）"), ID: "s1-2"}, {Off: off("一、"), ID: "s1"}, {Off: off("（一）"), ID: "s1-1"},
		}},
		{Type: "policy", Title: "示例短政策", URL: "/policies/short/", Body: "导语在前。\n一、条款一\n短正文甲。\n二、条款二\n短正文乙。",
			Anchors: []Anchor{{Off: 6, ID: "s1"}, {Off: 17, ID: "s2"}}},
		{Type: "news", Title: "示例新闻提到短正文", URL: "/news/a/", Body: "短正文甲。没有锚点"},
	}
	if lead != 2 || off("一、") != 2 {
		t.Fatalf("test setup: offsets %d %d", lead, off("一、"))
	}
	c, _, _ := buildClient(t, docs)
	tests := []struct {
		q    string
		want map[string]string // title → link
	}{
		{"打破终身制甲", map[string]string{"示例长政策": "/policies/long/#s1-1"}},
		{"打破终身制乙", map[string]string{"示例长政策": "/policies/long/#s1-2"}},
		{"总体要求", map[string]string{"示例长政策": "/policies/long/#s1"}},
		{"短正文乙", map[string]string{"示例短政策": "/policies/short/#s2"}},
		// Before the first anchor: the page itself; a title match or a
		// document without anchors: the page.
		{"导语在前", map[string]string{"示例短政策": "/policies/short/"}},
		{"短正文甲", map[string]string{"示例短政策": "/policies/short/#s1", "示例新闻提到短正文": "/news/a/"}},
		{"示例长政策", map[string]string{"示例长政策": "/policies/long/"}},
	}
	for _, tt := range tests {
		got := map[string]string{}
		for _, g := range c.search(tt.q) {
			for _, r := range g.results {
				got[c.info(r.id).T] = c.link(r)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: results %v, want %v", tt.q, got, tt.want)
		}
		for title, link := range tt.want {
			if got[title] != link {
				t.Errorf("%q: %s links %q, want %q", tt.q, title, got[title], link)
			}
		}
	}
}

// TestNoticeClauseAnchors runs the real notice through content and FromModel:
// every clause of the rendered page gets an anchor at its own text, and the
// phrase from the reviewer's report links to its clause 二、（三）三是.
func TestNoticeClauseAnchors(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	var rep diag.Report
	var policy *content.Document
	for _, d := range content.Load(os.DirFS(root), content.Options{}, &rep) {
		if d.Kind == content.KindPolicy && d.Slug == "sx-wuye-2022-gzap" {
			policy = d
		}
	}
	if policy == nil {
		t.Skip("notice sx-wuye-2022-gzap not in content/")
	}
	docs := FromModel(&model.Model{Policies: []*content.Document{policy}})
	if len(docs) != 1 {
		t.Fatalf("%d docs", len(docs))
	}
	d := docs[0]
	ids := clauseStart.FindAllStringSubmatch(string(policy.HTML), -1)
	if len(d.Anchors) != len(ids) || len(ids) < 10 {
		t.Errorf("%d anchors for %d clause elements", len(d.Anchors), len(ids))
	}
	body := []rune(d.Body)
	for i, a := range d.Anchors {
		if i > 0 && a.Off < d.Anchors[i-1].Off {
			t.Errorf("anchor %s at %d before the previous one", a.ID, a.Off)
		}
		// The text at the anchor is the clause's own start (its marker).
		at := string(body[a.Off:min(len(body), a.Off+20)])
		if strings.HasPrefix(a.ID, "s") && !strings.ContainsAny(string([]rune(at)[:1]), "一二三四五六七八九十（0123456789") {
			t.Errorf("anchor %s starts at %q", a.ID, at)
		}
	}

	c, _, _ := buildClient(t, docs)
	groups := c.search("打破物业服务终身制")
	if len(groups) != 1 || len(groups[0].results) != 1 {
		t.Fatalf("groups %+v", groups)
	}
	if got, want := c.link(groups[0].results[0]), "/policies/sx-wuye-2022-gzap/#s2-3-3"; got != want {
		t.Errorf("link %q, want %q", got, want)
	}
}
