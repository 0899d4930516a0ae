package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sxwuye/portal/generator/diag"
)

// FuzzFrontMatter feeds arbitrary YAML headers to every kind: Load must
// never panic, and every problem must name the file.
func FuzzFrontMatter(f *testing.F) {
	for _, seed := range []string{
		goodCase, goodPolicy,
		"---\n---\n",
		"---\ntitle: [\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: &a x\nsummary: *a\n---\n",
		"---\ntitle: *missing\n---\n",
		"---\n? [a, b]\n: c\n---\n",
		"---\ntitle: !!binary aGVsbG8=\ndate: 2022年13月1日\n---\n",
		"---\r\nid: \"\\u0000\"\r\naliases: {a: b}\r\n...\r\n",
		"\xff\xfe---\n",
		"---\ntags:\n  - \n  - [x]\nsample: TRUE\nmenu_order: 1e3\n---\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, dir := range []string{"policies", "cases", "news", "pages"} {
			name := "content/" + dir + "/f.md"
			fsys := fstest.MapFS{name: &fstest.MapFile{Data: []byte(src)}}
			rep := &diag.Report{}
			docs := Load(fsys, Options{RegionLevel: testRegions}, rep)
			for _, p := range rep.Problems() {
				if p.File != name {
					t.Fatalf("problem without its file: %v", p)
				}
			}
			if len(docs) == 0 {
				continue
			}
			// A document is returned only when its front matter is valid; what
			// may still fail is its body's links and the cross-file replaced_by.
			for _, p := range rep.Problems() {
				if p.Severity == diag.Error && p.Field != "replaced_by 替代文件" &&
					!strings.HasPrefix(p.Message, "链接地址") && !strings.HasPrefix(p.Message, "图片") {
					t.Fatalf("document returned despite %v", p)
				}
			}
		}
	})
}

// FuzzMarkdown renders arbitrary policy bodies: no panic, no duplicate id,
// no javascript: link, and raw HTML stays out.
func FuzzMarkdown(f *testing.F) {
	for _, seed := range []string{
		"## 一、总则\n\n### （一）分项\n\n1. 甲\n2. 乙\n\n（二）段落。\n\n**一是加强**。正文\n",
		"## 一、甲\n## 一、甲\n## 一、甲_2\n# 附件\n# 附件\n",
		"1. a\n   1. b\n\n(三) c\n\n十一、d\n\n九十九、e\n\n一百、f\n",
		"[x](javascript:alert(1)) <javascript:x> ![i](http://a/b.png) <script>x</script>",
		"| a | b |\n|---|---|\n| 一、 | （一） |\n",
		"脚注[^1]\n\n[^1]: 说明\n",
		"> 一、引用中的条款\n\n- （一）列表项\n\n```\n一、代码\n```\n",
		"第一行\n第二行\r\nthird\\\nline",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, kind := range []Kind{KindPolicy, KindPage} {
			rep := &diag.Report{}
			r := newMarkdown(false).render("content/policies/f.md", kind, []byte(body), 10, rep)
			seen := map[string]bool{}
			for _, id := range ids(string(r.html)) {
				if seen[id] {
					t.Fatalf("duplicate id %q in %s", id, r.html)
				}
				seen[id] = true
			}
			lower := strings.ToLower(string(r.html))
			if strings.Contains(lower, "<script") || strings.Contains(lower, `href="javascript:`) {
				t.Fatalf("unsafe output: %s", r.html)
			}
			for _, e := range r.toc {
				if !seen[e.ID] {
					t.Fatalf("TOC entry %q has no element", e.ID)
				}
			}
			for _, p := range rep.Problems() {
				if p.Line != 0 && p.Line < 10 {
					t.Fatalf("problem placed before the body: %v", p)
				}
			}
		}
	})
}
