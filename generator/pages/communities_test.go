package pages_test

import (
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/dataset"
)

func TestCommunityPages(t *testing.T) {
	s := evBuild(t, evConfig(t), evData())
	tests := []struct {
		name, path string
		want       []string
		not        []string
	}{
		{
			name: "served by a company, committee formed, two releases",
			path: "/communities/C1/",
			want: []string{
				"<h1>示例·一号小区</h1>",
				`href="../../regions/140100/">太原市</a> › <a href="../../regions/140105/">小店区</a>`,
				`href="../../enterprises/E1/">示例·甲物业</a>`,
				"已组建业委会", "党员 3 人，占 42.9%", "<strong>未达到</strong>", // 3/7 < 50%
				"<strong>达标</strong>", "小区总建筑面积 10,000 m²，应配物业服务用房不少于 200 m²，实有 250 m²",
				"已接入智慧物业管理服务平台",
				// The result card: grade, total out of 100, sub-scores against
				// their maxima, change, and ranks only among several projects.
				`<a href="../../evaluations/2023/">2023年度评价</a> <strong class="status notice-closed">公示已结束</strong>`,
				`<span class="result-grade grade grade-a">优秀</span>`,
				`总分 <strong>90.0</strong> 分<span class="meta">（满分 100 分）</span>`,
				`<rect width="36" height="1"/></svg> <span>36.0 / 40 分</span>`, "<span>27.0 / 30 分</span>",
				"全省第 <strong>1</strong> 名（共 3 个）",
				`与上一期（2022年度）相比<strong class="trend-up">上升 20.0 分</strong>`,
				// The history table gives the maxima too.
				`<td data-l="总分">90.0 / 100</td>`, `<td data-l="基础管理服务">36.0 / 40</td>`,
				"名词解释", "物管会",
				`"@type":"Residence"`,
			},
			not: []string{"本区县第"}, // a rank among one is no rank
		},
		{
			name: "without a company: who manages it is said in plain words",
			path: "/communities/C4/",
			want: []string{
				"晋城市城区", "<strong>无物业</strong>：目前没有任何物业管理", "无（无物业）",
				"本小区暂无评价结果", "已组建物管会", "<strong>未填报</strong>：未填报小区总建筑面积",
			},
			not: []string{"enterprises/"},
		},
		{
			name: "service room short, not eligible for a committee",
			path: "/communities/C3/",
			want: []string{"入住率未达 50%，暂不要求组建", "已清退"},
		},
		{
			name: "ambiguous county shown with its city",
			path: "/communities/C2/",
			want: []string{`<p class="meta">阳泉市城区`, "入住率已达 50%，应当组建", `<strong class="status-out">不达标</strong>`,
				"应配物业服务用房不少于 200 m²，实有 40 m²", `<strong class="trend-down">下降 5.0 分</strong>`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := s.page(t, tc.path)
			main := p[strings.Index(p, "<main"):]
			for _, w := range tc.want {
				if !strings.Contains(p, w) {
					t.Errorf("%s lacks %q", tc.path, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(main, w) {
					t.Errorf("%s must not contain %q", tc.path, w)
				}
			}
			if len(p) > 30*1024 {
				t.Errorf("%s is %d bytes, over 30 KB", tc.path, len(p))
			}
		})
	}
}

// TestCommunityAreas: areas have thousands separators and at most one
// decimal, except that a service room short of the rule never reads as
// large as required.
func TestCommunityAreas(t *testing.T) {
	set := evData()
	area := func(v float64) dataset.Opt[float64] { return dataset.Some(v) }
	for _, c := range []struct {
		id          string
		floor, room float64
	}{
		{"C5", 77294, 1545.88},       // required 1,545.88: met
		{"C6", 77294.4, 1545.88},     // required 1,545.888: short by 0.008
		{"C7", 1234567.25, 30000.04}, // millions, trailing zeros dropped
	} {
		set.Communities = append(set.Communities, dataset.Community{ID: c.id, Name: "示例·面积" + c.id + "小区", RegionCode: "140105",
			Households: 10, OccupancyRate: 10, ManagementMode: "社区托管", Committee: "未组建", FloorArea: area(c.floor), ServiceRoomArea: area(c.room)})
	}
	s := evBuild(t, evConfig(t), set)
	for _, tc := range []struct{ path, want string }{
		{"/communities/C5/", "<strong>达标</strong>：小区总建筑面积 77,294 m²，应配物业服务用房不少于 1,545.9 m²，实有 1,545.9 m²。"},
		{"/communities/C6/", "<strong class=\"status-out\">不达标</strong>：小区总建筑面积 77,294.4 m²，应配物业服务用房不少于 1,545.89 m²，实有 1,545.88 m²。"},
		{"/communities/C7/", "小区总建筑面积 1,234,567.3 m²，应配物业服务用房不少于 24,691.3 m²，实有 30,000 m²。"},
	} {
		if p := s.page(t, tc.path); !strings.Contains(p, tc.want) {
			t.Errorf("%s lacks %q", tc.path, tc.want)
		}
	}
}
