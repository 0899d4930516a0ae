package freshness

import (
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/model"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func doc(kind content.Kind, source, date string) *content.Document {
	return &content.Document{Kind: kind, Source: source, Date: day(date)}
}

func sampleModel() *model.Model {
	return &model.Model{
		News:     []*content.Document{doc(content.KindNews, "content/news/b.md", "2024-03-01"), doc(content.KindNews, "content/news/a.md", "2024-02-01")},
		Policies: []*content.Document{doc(content.KindPolicy, "content/policies/p.md", "2023-11-01")},
		Cases:    []*content.Document{doc(content.KindCase, "content/cases/2024-001.md", "2024-02-20")},
		Periods:  []*model.Period{{Period: config.Period{ID: "2023", Published: day("2023-10-20")}}},
		Progress: &model.Progress{Dates: []time.Time{day("2024-02-18"), day("2024-03-03")}},
	}
}

func warnings(m *model.Model, asOf string) []string {
	rep := &diag.Report{}
	Check(Columns(m), day(asOf), rep)
	var out []string
	for _, p := range rep.Problems() {
		if p.Severity != diag.Warning {
			panic("freshness must only warn: " + p.String())
		}
		out = append(out, p.String())
	}
	return out
}

// The inspection counts a news column stale after 2 weeks and a policy or
// notice column after 6 months; an administrator is warned a few days
// (news) or a month (policies) ahead, and told what to publish.
func TestColumnsAgainstInspectionLimits(t *testing.T) {
	m := sampleModel()
	for _, c := range []struct {
		asOf string
		want []string
	}{
		// Everything fresh and far from its limit.
		{"2024-03-05", nil},
		// News (03-01) nears its 14 days; the home page's newest item is the
		// 03-03 progress report, not yet near.
		{"2024-03-13", []string{
			`content/news/b.md: 警告：栏目“工作动态”最新一条发布于 2024-03-01，截至数据版本日期 2024-03-13 已 12 天未更新，2024-03-16 起将超过政府网站检查的 2 周时限；请于此前在 content/news/ 中发布新的工作动态`,
		}},
		// Home and news are stale; policies (2023-11-01) and the release
		// (2023-10-20) are within a month of 6 months; cases (02-20) are not.
		{"2024-04-05", []string{
			`content/news/b.md: 警告：栏目“工作动态”最新一条发布于 2024-03-01，截至数据版本日期 2024-04-05 已 35 天未更新，超过政府网站检查的 2 周时限（2024-03-16 起即算未更新）；请在 content/news/ 中发布新的工作动态`,
			`content/policies/p.md: 警告：栏目“政策法规”最新一条发布于 2023-11-01，截至数据版本日期 2024-04-05 已 156 天未更新，2024-05-02 起将超过政府网站检查的 6 个月时限；请于此前在 content/policies/ 中发布新的政策文件或政策解读`,
			`data/progress.csv: 警告：栏目“首页”最新一条发布于 2024-03-03，截至数据版本日期 2024-04-05 已 33 天未更新，超过政府网站检查的 2 周时限（2024-03-18 起即算未更新）；请发布一篇工作动态（content/news/）或报送新一期工作进展（data/progress.csv）`,
			`site.yaml: 警告：栏目“评价结果”最新一条发布于 2023-10-20，截至数据版本日期 2024-04-05 已 168 天未更新，2024-04-21 起将超过政府网站检查的 6 个月时限；请于此前在 site.yaml 的 evaluation.periods 中发布新一期评价结果公示`,
		}},
	} {
		got := warnings(m, c.asOf)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("as of %s got\n%s\nwant\n%s", c.asOf, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

func TestEmptyColumnAndNoVersion(t *testing.T) {
	m := sampleModel()
	m.News = nil
	got := strings.Join(warnings(m, "2024-03-05"), "\n")
	if want := `content/news/: 警告：栏目“工作动态”还没有任何内容；政府网站检查要求此类栏目至少每 2 周更新一次，请在 content/news/ 中发布新的工作动态`; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	rep := &diag.Report{}
	Check(Columns(m), time.Time{}, rep)
	if len(rep.Problems()) != 0 {
		t.Errorf("without a data version date nothing can be dated, got %v", rep.Problems())
	}
}
