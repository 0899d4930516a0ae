package config

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func shipped(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func load(t *testing.T, yaml string, env map[string]string) (*Config, error) {
	t.Helper()
	fsys := fstest.MapFS{FileName: {Data: []byte(yaml)}}
	return Load(fsys, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
}

func TestShippedConfig(t *testing.T) {
	c, err := load(t, string(shipped(t)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Evaluation.Maxima.Total(); got != 100 {
		t.Errorf("maxima total = %v", got)
	}
	if len(c.Evaluation.Periods) != 2 || c.Evaluation.Periods[0].Published.Format("2006-01-02") != "2022-10-25" {
		t.Errorf("periods = %+v", c.Evaluation.Periods)
	}
	b := c.Baseline
	if b.Total != 23494 || b.Enterprise+b.Community+b.Owner+b.Unit+b.None != 23494 {
		t.Errorf("baseline = %+v", b)
	}
	for total, want := range map[float64]string{100: "优秀", 90: "优秀", 89.99: "良好", 80: "良好", 60: "合格", 59.9: "不合格", 0: "不合格"} {
		if got := c.GradeOf(total); got != want {
			t.Errorf("GradeOf(%v) = %s, want %s", total, got, want)
		}
	}
	if got := c.AbsURL("/cases/2022-001/"); got != "https://wuye.example.gov.cn/cases/2022-001/" {
		t.Errorf("AbsURL = %q", got)
	}
}

func TestUnknownKeysAreNamed(t *testing.T) {
	y := strings.Replace(string(shipped(t)), "sample_data: true", "sample_data: true\nsampel_data: false\n", 1)
	y = strings.Replace(y, "  basic_service: 40", "  basic_service: 40\n    basik: 1", 1)
	_, err := load(t, y, nil)
	if err == nil {
		t.Fatal("unknown keys accepted")
	}
	msg := err.Error()
	for _, key := range []string{"sampel_data", "evaluation.maxima.basik"} {
		if !strings.Contains(msg, "site.yaml: "+key+": 未知的配置项") {
			t.Errorf("error does not name %s: %s", key, msg)
		}
	}
}

func TestEnvironmentOverrides(t *testing.T) {
	c, err := load(t, string(shipped(t)), map[string]string{
		"PORTAL_BASE_URL":                        "https://staging.example.org/portal",
		"PORTAL_SAMPLE_DATA":                     "false",
		"PORTAL_PUBLISHER_PHONE":                 "0351-1234567",
		"PORTAL_EVALUATION_MAXIMA_BASIC_SERVICE": "50",
		"PORTAL_NOT_A_KEY":                       "ignored",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://staging.example.org/portal/" || c.SampleData || c.Publisher.Phone != "0351-1234567" || c.Evaluation.Maxima.BasicService != 50 {
		t.Errorf("overrides not applied: %q %v %q %v", c.BaseURL, c.SampleData, c.Publisher.Phone, c.Evaluation.Maxima.BasicService)
	}
}

func TestInvalidValues(t *testing.T) {
	base := string(shipped(t))
	cases := []struct {
		name, from, to, want string
	}{
		{"relative base url", "base_url: https://wuye.example.gov.cn/", "base_url: /portal/", "base_url: 应为以 http:// 或 https:// 开头的完整网址"},
		{"javascript licence url", "url: https://creativecommons.org/licenses/by/4.0/deed.zh-hans", "url: javascript:alert(1)", "license.url: 只允许 http(s) 网址"},
		{"grades out of order", "- {name: 良好, min: 80}", "- {name: 良好, min: 95}", "evaluation.grades[1].min: 等级须按分数线从高到低排列"},
		{"period id not a slug", `- id: "2022"`, `- id: "2022/上"`, "evaluation.periods[0].id: 期次编号只能由字母、数字、- 和 _ 组成"},
		{"notice period reversed", "notice_end: 2022-10-31", "notice_end: 2022-10-01", "evaluation.periods[0].notice_end: 公示期结束日期早于开始日期"},
		{"bad date", "published: 2022-10-25", "published: 2022-13-45", "日期 \"2022-13-45\" 无法识别"},
		{"baseline does not add up", "none: 4226", "none: 4000", "baseline: 五种管理方式之和 23268 与总数 23494 不一致"},
		{"unknown encoding", "encodings: {}", "encodings: {communities: big5}", "encodings.communities: 编码只能是 utf-8 或 gb18030"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.from) {
				t.Fatalf("fixture text %q not in site.yaml", tc.from)
			}
			_, err := load(t, strings.Replace(base, tc.from, tc.to, 1), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// The government identity fields are optional: unset, nothing is required;
// set, their images must be in templates/static/ and their links http(s).
func TestIdentity(t *testing.T) {
	base := string(shipped(t))
	set := func(y string, kv ...string) string {
		for i := 0; i+1 < len(kv); i += 2 {
			from := "  " + kv[i] + ": \"\""
			if !strings.Contains(y, from) {
				t.Fatalf("fixture text %q not in site.yaml", from)
			}
			y = strings.Replace(y, from, "  "+kv[i]+": "+kv[i+1], 1)
		}
		return y
	}
	fsys := func(y string, files ...string) fstest.MapFS {
		m := fstest.MapFS{FileName: {Data: []byte(y)}}
		for _, f := range files {
			m["templates/static/"+f] = &fstest.MapFile{Data: []byte("<svg/>")}
		}
		return m
	}
	c, err := Load(fsys(base), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Identity != (Identity{}) {
		t.Errorf("shipped identity should be empty, got %+v", c.Identity)
	}

	full := set(base, "emblem", "emblem.svg", "emblem_alt", "山西省住房和城乡建设厅标志（示例）",
		"conac_image", "conac.png", "conac_url", "https://bszs.conac.cn/sitename?method=show&id=EXAMPLE",
		"jiucuo_url", "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1400000000",
		"interaction_url", "https://zjt.shanxi.gov.cn/hdjl/")
	c, err = Load(fsys(full, "emblem.svg", "conac.png"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Identity.InteractionTitle != "互动交流" || c.Identity.ConacImage != "conac.png" {
		t.Errorf("identity = %+v", c.Identity)
	}
	c, err = Load(fsys(full, "emblem.svg", "conac.png"), func(k string) (string, bool) {
		if k == "PORTAL_IDENTITY_JIUCUO_URL" {
			return "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1400000001", true
		}
		return "", false
	})
	if err != nil || !strings.HasSuffix(c.Identity.JiucuoURL, "1400000001") {
		t.Errorf("PORTAL_IDENTITY_JIUCUO_URL not applied: %v %+v", err, c)
	}

	for _, tc := range []struct {
		name  string
		yaml  string
		files []string
		want  string
	}{
		{"image missing", full, []string{"emblem.svg"}, "identity.conac_image: 找不到图片 templates/static/conac.png"},
		{"image with a path", set(base, "emblem", "../secret.svg", "emblem_alt", "x"), nil, "identity.emblem: 应为 templates/static/ 中的图片文件名"},
		{"emblem without alt", set(base, "emblem", "emblem.svg"), []string{"emblem.svg"}, "identity.emblem_alt: 填写了徽标图片 emblem 时须写明其文字说明"},
		{"conac image without url", set(base, "conac_image", "conac.png"), []string{"conac.png"}, "identity: 党政机关网站标识须同时填写图片 conac_image 和验证网址 conac_url"},
		{"javascript url", set(base, "interaction_url", "javascript:alert(1)"), nil, "identity.interaction_url: 只允许 http(s) 网址"},
	} {
		if _, err := Load(fsys(tc.yaml, tc.files...), nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestProblemsCarryLines: every problem names the line of its key in
// site.yaml, and a syntax error its line; type errors are in Chinese.
func TestProblemsCarryLines(t *testing.T) {
	base := string(shipped(t))
	lineOf := func(y, text string) int { return strings.Count(strings.SplitN(y, text, 2)[0], "\n") + 1 }
	y := strings.Replace(base, "notice_end: 2022-10-31", "notice_end: 2022-10-01", 1)
	_, err := load(t, y, nil)
	es, ok := err.(Errors)
	if !ok || len(es) != 1 || es[0].Line != lineOf(y, "notice_end: 2022-10-01") {
		t.Errorf("notice_end problem not at its line: %#v", err)
	}
	y = strings.Replace(base, "  basic_service: 40", "  basic_service: 很多", 1)
	_, err = load(t, y, nil)
	es, ok = err.(Errors)
	if !ok || len(es) != 1 || es[0].Line != lineOf(y, "basic_service: 很多") || es[0].Msg != "应为数字" {
		t.Errorf("type problem: %#v", err)
	}
	_, err = load(t, "title: 甲\nmenu: [\n", nil)
	es, ok = err.(Errors)
	if !ok || len(es) != 1 || es[0].Line == 0 {
		t.Errorf("syntax problem without a line: %#v", err)
	}
}
