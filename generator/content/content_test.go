package content

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sxwuye/portal/generator/diag"
)

// testRegions stands in for data/regions.csv.
func testRegions(code string) string {
	switch code {
	case "140000":
		return "province"
	case "140400", "140500", "140100":
		return "city"
	case "140403", "140502", "140105":
		return "county"
	}
	return ""
}

func load(t *testing.T, opt Options, files map[string]string) ([]*Document, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	rep := &diag.Report{}
	docs := Load(fsys, opt, rep)
	var probs []string
	for _, p := range rep.Problems() {
		probs = append(probs, p.String())
	}
	return docs, probs
}

const goodCase = `---
id: 2022-001
title: 示例案例
date: 2022-08-01
region_code: "140403"
category: 业主组织组建
source: 示例来源
summary: 示例摘要
---
正文。
`

const goodPolicy = `---
title: 示例政策
issuer: 示例机关
topic: 城乡建设
keywords: [物业, 管理]
issued: 2022-07-01
published: 2022-07-02
status: 现行有效
level: 市级
region_code: "140400"
summary: 摘要
---
一、总则
`

func TestFrontMatterErrors(t *testing.T) {
	caseKeys := allowedKeys(KindCase)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "valid case has no problems",
			files: map[string]string{"content/cases/a.md": goodCase},
		},
		{
			name:  "unknown key names the key and the allowed ones",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "source: 示例来源", "sourse: 示例来源", 1)},
			want: []string{
				`content/cases/a.md:1: source 来源 缺少必填的键`,
				`content/cases/a.md:7:1: 未知的键；典型案例允许的键为：` + caseKeys + `，实为 "sourse"`,
			},
		},
		{
			name:  "missing required key",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "category: 业主组织组建\n", "", 1)},
			want:  []string{`content/cases/a.md:1: category 案例类别 缺少必填的键`},
		},
		{
			name:  "impossible date",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "date: 2022-08-01", "date: 2022-02-30", 1)},
			want:  []string{`content/cases/a.md:4:7: date 发布日期 不是有效的日期，应写作 2022-07-15、2022/7/15 或 2022年7月15日，实为 "2022-02-30"`},
		},
		{
			name:  "date in words",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "date: 2022-08-01", "date: 8月1日", 1)},
			want:  []string{`content/cases/a.md:4:7: date 发布日期 不是有效的日期，应写作 2022-07-15、2022/7/15 或 2022年7月15日，实为 "8月1日"`},
		},
		{
			name:  "unknown category",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "category: 业主组织组建", "category: 业主大会", 1)},
			want:  []string{`content/cases/a.md:6:11: category 案例类别 未知的类别，应为 ` + strings.Join(Categories, "、") + ` 之一，实为 "业主大会"`},
		},
		{
			name:  "unknown region code",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, `"140403"`, `"149999"`, 1)},
			want:  []string{`content/cases/a.md:5:14: region_code 所在地区代码 未知的区划代码（不在 data/regions.csv 中），实为 "149999"`},
		},
		{
			name:  "case region must be a city or county",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, `"140403"`, `"140000"`, 1)},
			want:  []string{`content/cases/a.md:5:14: region_code 所在地区代码 应为市或区县的区划代码，实为 "140000"`},
		},
		{
			name:  "region code that is not six digits",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, `"140403"`, `潞州区`, 1)},
			want:  []string{`content/cases/a.md:5:14: region_code 所在地区代码 应为 6 位数字的行政区划代码，实为 "潞州区"`},
		},
		{
			name:  "case id with Chinese",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "id: 2022-001", "id: 案例一", 1)},
			want:  []string{`content/cases/a.md:2:5: id 案例编号 案例编号即网址，只能使用 1–40 个英文字母、数字、- 或 _，例如 2022-001，实为 "案例一"`},
		},
		{
			name: "invalid aliases, each at its own line",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "summary: 示例摘要\n",
				"summary: 示例摘要\naliases:\n  - /cases/旧/\n  - old/\n  - /a/../b/\n  - /ok/\n", 1)},
			want: []string{
				`content/cases/a.md:10:5: aliases 旧地址 旧地址只能使用英文字母、数字和 - _ . ~（不能有中文、空格、? 或 #），实为 "/cases/旧/"`,
				`content/cases/a.md:11:5: aliases 旧地址 旧地址应为以 / 开头并以 / 结尾的站内路径，例如 /cases/old-example/，实为 "old/"`,
				`content/cases/a.md:12:5: aliases 旧地址 旧地址不能含有空段、. 或 ..，实为 "/a/../b/"`,
			},
		},
		{
			name:  "sample must be a boolean",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "summary: 示例摘要\n", "summary: 示例摘要\nsample: 是\n", 1)},
			want:  []string{`content/cases/a.md:9:9: sample 示例内容 应为 true 或 false，实为 "是"`},
		},
		{
			name:  "duplicate key",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "summary: 示例摘要\n", "summary: 示例摘要\ntitle: 又一个标题\n", 1)},
			want:  []string{`content/cases/a.md:9:1: title 标题 重复的键（第 3 行已出现）`},
		},
		{
			name:  "empty required value",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "title: 示例案例", "title:", 1)},
			want:  []string{`content/cases/a.md:3:1: title 标题 不能为空`},
		},
		{
			name:  "list where a single value is expected",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "title: 示例案例", "title: [甲, 乙]", 1)},
			want:  []string{`content/cases/a.md:3:8: title 标题 应为单个值，不能是列表或映射`},
		},
		{
			name:  "YAML syntax error keeps the file line",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "source: 示例来源", "source: [示例来源", 1)},
			want:  []string{`content/cases/a.md:7: 前置元数据不是有效的 YAML：方括号列表 [ ] 没有闭合，或列表项之间缺少英文逗号（did not find expected ',' or ']'）`},
		},
		{
			name:  "YAML scanner error keeps the file line",
			files: map[string]string{"content/cases/a.md": strings.Replace(goodCase, "source: 示例来源", "source: 来源: 某报", 1)},
			want:  []string{`content/cases/a.md:7: 前置元数据不是有效的 YAML：这一行多了一个“: ”；值里含有英文冒号时请给整个值加上引号（mapping values are not allowed in this context）`},
		},
		{
			name:  "no front matter",
			files: map[string]string{"content/news/a.md": "# 标题\n正文\n"},
			want:  []string{`content/news/a.md:1: 缺少前置元数据：文件第一行应为 ---，其后是 YAML 格式的 title 等字段，再以 --- 结束`},
		},
		{
			name:  "unclosed front matter",
			files: map[string]string{"content/news/a.md": "---\ntitle: 甲\n"},
			want:  []string{`content/news/a.md:1: 前置元数据没有结束：第一行的 --- 之后缺少结束的 --- 行`},
		},
		{
			name:  "policy file name must be a lower-case ASCII slug",
			files: map[string]string{"content/policies/Notice_通知.md": goodPolicy},
			want:  []string{`content/policies/Notice_通知.md: 文件名即网址，只能使用 1–40 个小写英文字母、数字、- 或 _，实为 "Notice_通知"`},
		},
		{
			name:  "unknown status and level",
			files: map[string]string{"content/policies/p.md": strings.NewReplacer("status: 现行有效", "status: 有效", "level: 市级", "level: 地市").Replace(goodPolicy)},
			want: []string{
				`content/policies/p.md:8:9: status 有效性 未知的有效性，应为 现行有效、已修订、已废止 之一，实为 "有效"`,
				`content/policies/p.md:9:8: level 层级 未知的层级，应为 国家、省级、市级、区县 之一，实为 "地市"`,
			},
		},
		{
			name:  "policy region must match its level",
			files: map[string]string{"content/policies/p.md": strings.Replace(goodPolicy, `"140400"`, `"140403"`, 1)},
			want:  []string{`content/policies/p.md:10:14: region_code 区划代码 与层级“市级”不符：应为市级的区划代码，实为 "140403"`},
		},
		{
			name:  "replaced_by must name an existing policy",
			files: map[string]string{"content/policies/p.md": strings.Replace(goodPolicy, "status: 现行有效", "status: 已修订\nreplaced_by: p-2023", 1)},
			want:  []string{`content/policies/p.md:9:14: replaced_by 替代文件 应为另一政策文件的文件名（不含 .md），未找到 content/policies/p-2023.md，实为 "p-2023"`},
		},
		{
			name: "replaced_by on a policy in force",
			files: map[string]string{
				"content/policies/p.md":  strings.Replace(goodPolicy, "status: 现行有效", "status: 现行有效\nreplaced_by: p2", 1),
				"content/policies/p2.md": goodPolicy,
			},
			want: []string{`content/policies/p.md:9:14: replaced_by 替代文件 有效性为“现行有效”的文件不应填写替代文件；请将 status 改为 已修订 或 已废止，实为 "p2"`},
		},
		{
			name:  "markdown outside the four folders",
			files: map[string]string{"content/other/a.md": goodCase},
			want:  []string{`content/other/a.md: 不在 content/policies、content/cases、content/news 或 content/pages 目录下，无法确定内容类型`},
		},
		{
			name:  "page named like a section",
			files: map[string]string{"content/pages/cases.md": "---\ntitle: 案例\n---\n"},
			want:  []string{`content/pages/cases.md: 文件名与站点栏目网址 /cases/ 冲突，请换一个文件名，实为 "cases"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, Options{RegionLevel: testRegions}, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n got: %q\nwant: %q", got, tt.want)
			}
		})
	}
}

func TestNoContentFolder(t *testing.T) {
	docs, probs := load(t, Options{}, map[string]string{"site.yaml": "title: x\n"})
	if len(docs) != 0 || len(probs) != 0 {
		t.Errorf("docs %v problems %q", docs, probs)
	}
}

func TestFrontMatterValues(t *testing.T) {
	src := strings.NewReplacer(
		"date: 2022-08-01", "date: 2022年8月1日",
		"summary: 示例摘要\n", "summary: 示例摘要\ntags: 物管会；党建\naliases: [\"/cases/old-example/\"]\nsample: true\n",
	).Replace(goodCase)
	docs, probs := load(t, Options{RegionLevel: testRegions}, map[string]string{
		"content/cases/whatever-name.md": "\ufeff" + strings.ReplaceAll(src, "\n", "\r\n"),
		"content/policies/p.md":          strings.Replace(goodPolicy, "issued: 2022-07-01", "issued: 2022/7/1", 1),
	})
	if len(probs) != 0 {
		t.Fatalf("unexpected problems: %q", probs)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents", len(docs))
	}
	p, c := docs[0], docs[1]
	if c.Slug != "2022-001" || c.URL != "/cases/2022-001/" || c.CaseID != "2022-001" {
		t.Errorf("case slug/url = %q %q", c.Slug, c.URL)
	}
	if !c.Date.Equal(time.Date(2022, 8, 1, 0, 0, 0, 0, time.UTC)) || !c.Sample || c.Category != "业主组织组建" || c.CaseSource != "示例来源" {
		t.Errorf("case fields: %+v", c)
	}
	if strings.Join(c.Tags, "|") != "物管会|党建" || strings.Join(c.Aliases, "|") != "/cases/old-example/" {
		t.Errorf("tags %q aliases %q", c.Tags, c.Aliases)
	}
	if p.URL != "/policies/p/" || !p.Issued.Equal(time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)) || !p.Date.Equal(time.Date(2022, 7, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("policy url %q issued %v date %v", p.URL, p.Issued, p.Date)
	}
	if strings.Join(p.Keywords, "|") != "物业|管理" || p.Level != "市级" || p.Status != "现行有效" || p.RegionCode != "140400" || p.Sample {
		t.Errorf("policy fields: %+v", p)
	}
}

func TestDuplicateURL(t *testing.T) {
	other := strings.Replace(goodCase, "title: 示例案例", "title: 另一个案例", 1)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "two cases with one number",
			files: map[string]string{"content/cases/a.md": goodCase, "content/cases/b.md": other},
			want:  []string{`content/cases/b.md:2:5: id 案例编号 网址与 content/cases/a.md 重复：两个文件不能发布到同一地址，实为 "/cases/2022-001/"`},
		},
		{
			name: "case numbers differing only in case",
			files: map[string]string{
				"content/cases/a.md": strings.Replace(goodCase, "id: 2022-001", "id: case-A", 1),
				"content/cases/b.md": strings.Replace(goodCase, "id: 2022-001", "id: case-a", 1),
			},
			want: []string{`content/cases/b.md:2:5: id 案例编号 网址与 content/cases/a.md 重复：两个文件不能发布到同一地址，实为 "/cases/case-a/"`},
		},
		{
			name: "alias taking another document's address",
			files: map[string]string{
				"content/cases/a.md": goodCase,
				"content/news/n.md":  "---\ntitle: 动态\ndate: 2022-08-02\nsummary: 摘要\naliases:\n  - /cases/2022-001/\n---\n",
			},
			want: []string{`content/news/n.md:6:5: aliases 旧地址 旧地址与 content/cases/a.md 的网址或旧地址重复：两个文件不能发布到同一地址，实为 "/cases/2022-001/"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, Options{RegionLevel: testRegions}, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n got: %q\nwant: %q", got, tt.want)
			}
		})
	}
}

func TestSortOrder(t *testing.T) {
	news := func(date string) string {
		return "---\ntitle: 动态\ndate: " + date + "\nsummary: 摘要\n---\n"
	}
	docs, probs := load(t, Options{}, map[string]string{
		"content/pages/about.md":   "---\ntitle: 关于\n---\n",
		"content/news/b.md":        news("2022-08-01"),
		"content/news/a.md":        news("2022-08-01"),
		"content/news/c.md":        news("2022-09-01"),
		"content/cases/x.md":       goodCase,
		"content/policies/p.md":    goodPolicy,
		"content/policies/.tmp.md": "not front matter",
	})
	if len(probs) != 0 {
		t.Fatalf("unexpected problems: %q", probs)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.URL)
	}
	want := "/policies/p/ /cases/2022-001/ /news/c/ /news/a/ /news/b/ /about/"
	if strings.Join(got, " ") != want {
		t.Errorf("order = %q, want %q", strings.Join(got, " "), want)
	}
}

func policyWith(body string) map[string]string {
	return map[string]string{"content/policies/p.md": strings.SplitAfter(goodPolicy, "---\n")[0] + strings.SplitAfter(goodPolicy, "---\n")[1] + body}
}

var idRe = regexp.MustCompile(` id="([^"]*)"`)

func ids(html string) []string {
	var out []string
	for _, m := range idRe.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestNoticeClauses(t *testing.T) {
	const file = "content/policies/sx-wuye-2022-gzap.md"
	src, err := os.ReadFile("../../" + file)
	if err != nil {
		t.Fatal(err)
	}
	docs, probs := load(t, Options{RegionLevel: testRegions}, map[string]string{file: string(src)})
	if len(probs) != 0 || len(docs) != 1 {
		t.Fatalf("problems %q, %d documents", probs, len(docs))
	}
	d := docs[0]
	want := "s1 s2 s2-1 s2-2 s2-3 s2-3-1 s2-3-2 s2-3-3 s2-3-4 s2-4 s2-5 s2-6 s2-7 s2-8 s3 s3-1 s3-2 s3-3 s4 s4-1 s4-2 s4-3 s4-4"
	if got := strings.Join(ids(string(d.HTML)), " "); got != want {
		t.Errorf("ids:\n got %s\nwant %s", got, want)
	}
	var toc []string
	for _, e := range d.TOC {
		toc = append(toc, e.ID+"="+e.Title)
	}
	if len(d.TOC) != 15 || toc[0] != "s1=一、总体目标" || toc[4] != "s2-3=（三）小区物业服务全覆盖" || toc[11] != "s3-1=（一）安排部署及试点开展阶段（6月27日-7月31日）" {
		t.Errorf("toc = %q", toc)
	}
	for _, frag := range []string{
		`<h3 id="s2-3"><a class="clause-link" href="#s2-3" aria-label="本条链接：二、（三）"></a>（三）小区物业服务全覆盖</h3>`,
		`<p id="s2-3-1"><a class="clause-link" href="#s2-3-1" aria-label="本条链接：二、（三）一是"></a><strong>一是打包整合老旧小区</strong>。`,
		`<p id="s4-3"><a class="clause-link" href="#s4-3" aria-label="本条链接：四、三是"></a>`,
		"入住率达到 50%的住宅小区", // the PDF line break inside 入住率 is mended
		// The signature (issuer, date) is marked to stand at the right; the 版记 after the rule is not.
		`<p class="signature">山西省社区物业管理能力提升工作专班（代章）</p>` + "\n" + `<p class="signature">2022年7月15日</p>`,
		"<p>山西省社区物业管理能力提升工作专班　　2022年7月15日印发</p>",
	} {
		if !strings.Contains(string(d.HTML), frag) {
			t.Errorf("HTML lacks %s", frag)
		}
	}
	if d.Sample || d.Issuer != "山西省社区物业管理能力提升工作专班" || d.DocNumber != "" || d.Status != "现行有效" || d.Level != "省级" {
		t.Errorf("metadata: %+v", d)
	}
	if strings.Contains(d.Text, "§") || strings.Contains(d.Text, "**") || !strings.HasPrefix(d.Text, "各市社区物业管理能力提升工作专班：\n") {
		t.Errorf("text starts %q", d.Text[:200])
	}
}

func TestClauseDetection(t *testing.T) {
	body := "" +
		"## 一、总则\n\n" +
		"### (三) 半角括号\n\n" +
		"1. 第一项\n2. 第二项\n\n" +
		"（四）段落式条款。正文在同一段。\n\n" +
		"1．全角点的条目\n\n" +
		"## 附件说明\n\n" +
		"## 二、再次\n\n" +
		"## 二、重复的编号\n\n" +
		"1.5 万户不是条款。\n\n" +
		"一是没有（x）时的分项。\n\n" +
		"- 无序列表不编号\n"
	docs, probs := load(t, Options{}, policyWith(body))
	if len(probs) != 0 {
		t.Fatalf("problems %q", probs)
	}
	got := strings.Join(ids(string(docs[0].HTML)), " ")
	want := "s1 s1-3 s1-3-1 s1-3-2 s1-4 s1-4-1 h-1 s2 s2_2 s2-1"
	if got != want {
		t.Errorf("ids:\n got %s\nwant %s", got, want)
	}
	for _, frag := range []string{
		`<h3 id="s1-3"><a class="clause-link" href="#s1-3" aria-label="本条链接：一、（三）"></a>(三) 半角括号</h3>`,
		`<li id="s1-3-2"><a class="clause-link" href="#s1-3-2" aria-label="本条链接：一、（三）2."></a>第二项</li>`,
		`<p id="s1-4"><a class="clause-link" href="#s1-4" aria-label="本条链接：一、（四）"></a>（四）段落式条款。`,
		`<h2 id="h-1">附件说明</h2>`,
		`<p>1.5 万户不是条款。</p>`,
		`<li>无序列表不编号</li>`,
	} {
		if !strings.Contains(string(docs[0].HTML), frag) {
			t.Errorf("HTML lacks %s\n%s", frag, docs[0].HTML)
		}
	}
	var toc []string
	for _, e := range docs[0].TOC {
		toc = append(toc, e.ID+"="+e.Title)
	}
	if got := strings.Join(toc, " | "); got != "s1=一、总则 | s1-3=(三) 半角括号 | s1-4=（四）段落式条款 | s2=二、再次 | s2_2=二、重复的编号" {
		t.Errorf("toc = %s", got)
	}
}

func TestNonPolicyHeadings(t *testing.T) {
	docs, probs := load(t, Options{}, map[string]string{
		"content/pages/help.md": "---\ntitle: 帮助\n---\n## 一、如何查找小区\n\n（一）不是条款\n\n## 数据说明\n",
	})
	if len(probs) != 0 {
		t.Fatalf("problems %q", probs)
	}
	if got := strings.Join(ids(string(docs[0].HTML)), " "); got != "h-1 h-2" {
		t.Errorf("ids = %s", got)
	}
	if strings.Contains(string(docs[0].HTML), "clause-link") || len(docs[0].TOC) != 0 {
		t.Errorf("a page got clause links: %s", docs[0].HTML)
	}
}

func TestCJKLineBreaks(t *testing.T) {
	docs, probs := load(t, Options{}, map[string]string{
		"content/pages/a.md": "---\ntitle: 甲\n---\n第一行\n第二行，入住率达到 50%\n的小区\nplain English\nwords\n",
	})
	if len(probs) != 0 {
		t.Fatalf("problems %q", probs)
	}
	if got, want := string(docs[0].HTML), "<p>第一行第二行，入住率达到 50%的小区plain English\nwords</p>\n"; got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
	if got, want := docs[0].Text, "第一行第二行，入住率达到 50%的小区plain English words"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestRawHTML(t *testing.T) {
	files := map[string]string{
		"content/pages/a.md": "---\ntitle: 甲\n---\n正文 <b onclick=\"x()\">加粗</b>\n\n<script>alert(1)</script>\n",
	}
	docs, probs := load(t, Options{}, files)
	html := string(docs[0].HTML)
	if strings.Contains(html, "<script") || strings.Contains(html, "<b") || strings.Contains(html, "raw HTML omitted") {
		t.Errorf("raw HTML rendered: %s", html)
	}
	if want := `content/pages/a.md:4:4: 警告：Markdown 中的原始 HTML 不会输出（site.yaml 的 markdown.unsafe_html 为 false），请改用 Markdown 写法`; strings.Join(probs, "\n") != want {
		t.Errorf("problems %q", probs)
	}
	if docs[0].Text != "正文 加粗" {
		t.Errorf("Text = %q", docs[0].Text)
	}

	docs, probs = load(t, Options{UnsafeHTML: true}, files)
	if !strings.Contains(string(docs[0].HTML), "<script>alert(1)</script>") || len(probs) != 0 {
		t.Errorf("unsafe_html: %s %q", docs[0].HTML, probs)
	}
}

func TestLinks(t *testing.T) {
	body := "---\ntitle: 甲\n---\n" +
		"[网站](https://example.gov.cn/) [信箱](mailto:a@example.gov.cn) [本站](/cases/) [相对](../a/) [锚点](#s2-3)\n\n" +
		"第二段 [坏](javascript:alert(1)) 和 <javascript:alert(2)> 以及 [大写](JavaScript:x)\n\n" +
		"![外部图片](https://example.com/a.png) ![本站图片](/assets/a.png)\n"
	for _, unsafe := range []bool{false, true} {
		docs, probs := load(t, Options{UnsafeHTML: unsafe}, map[string]string{"content/pages/a.md": body})
		html := string(docs[0].HTML)
		if lower := strings.ToLower(html); strings.Contains(lower, `href="javascript`) || strings.Contains(lower, "<a href=\"javascript") || strings.Contains(html, `src="https://example.com`) {
			t.Errorf("unsafe=%v: dangerous URL rendered: %s", unsafe, html)
		}
		// Site paths become relative to the page (/a/), so that they work under a sub-path.
		for _, ok := range []string{`href="https://example.gov.cn/"`, `href="mailto:a@example.gov.cn"`, `href="../cases/"`, `href="../a/"`, `href="#s2-3"`, `src="../assets/a.png"`, "坏", "大写"} {
			if !strings.Contains(html, ok) {
				t.Errorf("unsafe=%v: missing %s in %s", unsafe, ok, html)
			}
		}
		want := []string{
			`content/pages/a.md:6:5: 链接地址只能是 http(s)、mailto、站内相对地址或 # 锚点，实为 "javascript:alert(1)"`,
			`content/pages/a.md:6:32: 链接地址只能是 http(s)、mailto、站内相对地址或 # 锚点，实为 "javascript:alert(2)"`,
			`content/pages/a.md:6:57: 链接地址只能是 http(s)、mailto、站内相对地址或 # 锚点，实为 "JavaScript:x"`,
			`content/pages/a.md:8:1: 图片只能引用本站的相对地址，不能引用外部网站的图片，实为 "https://example.com/a.png"`,
		}
		if strings.Join(probs, "\n") != strings.Join(want, "\n") {
			t.Errorf("unsafe=%v problems:\n got %q\nwant %q", unsafe, probs, want)
		}
	}
}

func TestFailedBoldWarning(t *testing.T) {
	_, probs := load(t, Options{}, map[string]string{
		"content/pages/a.md": "---\ntitle: 甲\n---\n**一是加强领导。**各地要落实。\n",
	})
	want := `content/pages/a.md:4:1: 警告：加粗标记 ** 没有生效：中文标点紧挨结束的 ** 且其后还有文字时不会加粗，请把标点移到 ** 之外，例如 **一是……**。`
	if strings.Join(probs, "\n") != want {
		t.Errorf("problems %q", probs)
	}
}

func TestCategorySlugs(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Categories {
		s := CategorySlug(c)
		if !validSlug(s) || seen[s] {
			t.Errorf("category %s: slug %q invalid or repeated", c, s)
		}
		seen[s] = true
	}
	if len(Categories) != 9 || CategorySlug("智慧物业") != "smart-property" || CategorySlug("不存在") != "" {
		t.Errorf("categories %q", Categories)
	}
}
