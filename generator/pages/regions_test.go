package pages_test

import (
	"strings"
	"testing"
)

func TestRegionPages(t *testing.T) {
	s := evBuild(t, evConfig(t), evData())
	for _, r := range s.m.Regions {
		s.page(t, "/regions/"+r.Code+"/") // every region has a page
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/regions/140000/", []string{"<h1>山西省</h1>", "共有住宅小区 <strong>4</strong> 个",
			`<caption id="ch-cap">各市主要指标</caption>`, `href="../../regions/140300/">阳泉市</a>`,
			// 4 communities: 3 eligible (C1, C2, C4), 2 of them formed.
			"应组建 3 个，已组建 2 个，组建率 <strong>66.7%</strong>",
			// E3 is withdrawn: 3 companies counted, E1 covered.
			"不含已清退）3 家，已实现党的组织或工作覆盖 1 家",
			`href="../../evaluations/2023/">2023年度全省住宅物业服务项目评价结果公示</a>`}},
		{"/regions/140500/", []string{`<span aria-current="page">晋城市</span>`, `href="../../regions/140502/">城区</a>`,
			`href="../../evaluations/2023/140500/"`}},
		{"/regions/140502/", []string{"<h1>晋城市城区</h1>", "乙街道（2 个）", `href="../../communities/C4/">示例·四号小区</a>`,
			`href="../../evaluations/2023/140500/?county=140502"`, `href="../../enterprises/E3/">示例·丙物业</a> <span class="status-out">已清退</span>`,
			`href="../140000/">山西省</a>`}},
	}
	for _, tc := range tests {
		p := s.page(t, tc.path)
		for _, w := range tc.want {
			if !strings.Contains(p, w) {
				t.Errorf("%s lacks %q", tc.path, w)
			}
		}
	}
}
