package build

import (
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/diag"
)

// validate and build both report stale columns, dated by the data version.
func TestLoadReportsStaleColumns(t *testing.T) {
	fsys := siteFS(t)
	stale := func(epoch string) []string {
		site, err := Load(Options{FS: fsys, Env: func(k string) (string, bool) {
			if k == "SOURCE_DATE_EPOCH" {
				return epoch, true
			}
			return "", false
		}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range site.Report.Problems() {
			if strings.Contains(p.Message, "栏目“") {
				if p.Severity != diag.Warning {
					t.Errorf("a stale column must not stop the build: %s", p)
				}
				out = append(out, p.String())
			}
		}
		return out
	}
	// As of its own data version (2022-12-18) the sample's newest news item
	// (2022-12-05) is two days from its limit; nothing else is near.
	want := "content/news/2022-12-year-end-review.md: 警告：栏目“工作动态”最新一条发布于 2022-12-05，截至数据版本日期 2022-12-18 已 13 天未更新，2022-12-20 起将超过政府网站检查的 2 周时限；请于此前在 content/news/ 中发布新的工作动态"
	if got := strings.Join(stale(fixedEnvEpoch), "\n"); got != want {
		t.Errorf("as of the sample's data version got\n%s\nwant\n%s", got, want)
	}
	got := strings.Join(stale("1735689600"), "\n") // 2025-01-01
	for _, column := range []string{"首页", "工作动态", "政策法规", "典型案例", "评价结果"} {
		if !strings.Contains(got, "栏目“"+column+"”") || !strings.Contains(got, "截至数据版本日期 2025-01-01") {
			t.Errorf("no staleness warning for %s as of 2025-01-01:\n%s", column, got)
		}
	}
}
