package pages_test

import (
	"strings"
	"testing"
)

func TestEnterprisePages(t *testing.T) {
	s := evBuild(t, evConfig(t), evData())
	tests := []struct {
		name, path string
		want, not  []string
	}{
		{
			name: "evaluated in two releases",
			path: "/enterprises/E1/",
			want: []string{"91140105000000001B", "已覆盖（单独组建，<time datetime=\"2022-08-01\">2022-08-01</time> 起）",
				`href="tel:0351-00000001"`, "在全省 3 家参评企业中排第 <strong>1</strong> 名",
				`最近一次参评（<a href="../../evaluations/2023/">2023年度</a>）：参评项目 1 个`, "在太原市 1 家参评企业中排第 <strong>1</strong> 名",
				"历次评价共 2 个项目次：平均 80.0 分，最高 90.0 分，最低 70.0 分", `role="img"`,
				`href="../../communities/C1/">示例·一号小区</a>`, "业委会", `"@type":"Organization"`, "统一社会信用代码"},
			not: []string{"已清退", "未参评"},
		},
		{
			name: "withdrawn: clearly marked and explained",
			path: "/enterprises/E3/",
			want: []string{`<strong class="status-out">已清退</strong>：该企业已因服务质量差等原因被清理退出物业服务市场`, "已覆盖（党建指导员"},
		},
		{
			name: "no evaluations",
			path: "/enterprises/E4/",
			want: []string{"该企业暂无评价结果。", "目前没有登记由本企业服务的小区。", "未覆盖"},
			not:  []string{`role="img"`, "各期评价汇总"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := s.page(t, tc.path)
			for _, w := range tc.want {
				if !strings.Contains(p, w) {
					t.Errorf("%s lacks %q", tc.path, w)
				}
			}
			main := p[strings.Index(p, "<main"):]
			for _, w := range tc.not {
				if strings.Contains(main, w) {
					t.Errorf("%s must not contain %q", tc.path, w)
				}
			}
		})
	}
}

// TestEnterpriseNotInLatestRelease: a company whose last result is in an
// older release names that release and says it was not evaluated in the
// later ones (here the withdrawn E3, evaluated in 2022 only); so does the
// community it served.
func TestEnterpriseNotInLatestRelease(t *testing.T) {
	set := evData()
	for i, ev := range set.Evaluations {
		if ev.EnterpriseID == "E3" {
			set.Evaluations[i].Period = "2022"
		}
	}
	s := evBuild(t, evConfig(t), set)
	for _, tc := range []struct{ path, want string }{
		{"/enterprises/E3/", `最近一次参评（<a href="../../evaluations/2022/">2022年度</a>）；<strong>2023年度未参评</strong>。2022年度参评项目 1 个`},
		{"/communities/C3/", `<a href="../../evaluations/2022/">2022年度评价</a> <strong class="status notice-closed">公示已结束</strong><br><strong>2023年度未参评</strong>，以下是最近一次结果。`},
	} {
		p := s.page(t, tc.path)
		if !strings.Contains(p, tc.want) {
			t.Errorf("%s lacks %q", tc.path, tc.want)
		}
		if strings.Contains(p, "最近一期") {
			t.Errorf("%s calls an older release the latest", tc.path)
		}
	}
	// Each project's result gives total and sub-scores against their maxima,
	// every cell named for a phone's block layout.
	if p := s.page(t, "/enterprises/E1/"); !strings.Contains(p, `<td data-l="总分">90.0 / 100</td><td class="t" data-l="等级"><span class="grade grade-a">优秀</span></td><td data-l="基础管理服务">36.0 / 40</td>`) {
		t.Error("/enterprises/E1/ does not give its project's total, grade and sub-scores against their maxima")
	}
	// A company evaluated in the latest release is not said to have missed one.
	if p := s.page(t, "/enterprises/E1/"); strings.Contains(p, "未参评") {
		t.Error("/enterprises/E1/ says it was not evaluated")
	}
}
