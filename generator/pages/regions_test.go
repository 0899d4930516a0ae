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
		{"/regions/140000/", []string{"<h1>山西省</h1>",
			// The figures are the ledger's, said so, and the reported ones are linked.
			"本页的小区、业主组织、党建和服务用房数字都按本平台住宅小区台账统计",
			`山西省台账收录小区数 <data class="fig" value="4" data-ind="ledger-communities" data-place="140000"`, "4 个</data>（非全省总数），共有住宅 1,080 户",
			`各市报送的全省数据见 <a href="../../progress/">工作进展</a>`,
			"目标 100%（2022-12-31 前）", "目标 100%</text>",
			`<caption id="ch-cap">各市主要指标</caption>`, `href="../../regions/140300/">阳泉市</a>`,
			// 4 communities: 3 eligible (C1, C2, C4), 2 of them formed.
			`台账中山西省应组建 3 个，已组建 <data data-part="formed" value="2">2</data> 个，台账小区业主组织组建率 <strong><data class="fig" value="66.7" data-ind="ledger-committee-rate"`,
			// E3 is withdrawn: 3 companies counted, E1 covered.
			"不含已清退）3 家，已实现党的组织或工作覆盖 1 家",
			`href="../../evaluations/2023/">2023年度全省住宅物业服务项目评价结果公示</a>`}},
		{"/regions/140500/", []string{`<span aria-current="page">晋城市</span>`, `href="../../regions/140502/">城区</a>`,
			// A city links its progress page (and it links back: progress_test.go).
			"2 个</data>（非全市总数）", `晋城市报送的全市数据见 <a href="../../progress/140500/">晋城市工作进展</a>`,
			`href="../../evaluations/2023/140500/"`}},
		{"/regions/140502/", []string{"<h1>晋城市城区</h1>", "乙街道（2 个）", `href="../../communities/C4/">示例·四号小区</a>`,
			`href="../../evaluations/2023/140500/?county=140502"`, `href="../../enterprises/E3/">示例·丙物业</a> <span class="status-out">已清退</span>`,
			`href="../140000/">山西省</a>`,
			"2 个</data>（未必是本区县全部小区）", `晋城市报送的全市数据见 <a href="../../progress/140500/">晋城市工作进展</a>`}},
	}
	for _, tc := range tests {
		p := s.page(t, tc.path)
		for _, w := range tc.want {
			if !strings.Contains(p, w) {
				t.Errorf("%s lacks %q", tc.path, w)
			}
		}
		// Whole targets are written without a decimal.
		if strings.Contains(p, "100.0%（") || strings.Contains(p, "目标 100.0%") {
			t.Errorf("%s writes a target as 100.0%%", tc.path)
		}
	}
}
