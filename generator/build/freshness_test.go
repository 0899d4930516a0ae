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
	// Eight days after its own data version (2023-10-24) the sample's newest
	// news item (2023-10-20), which is also the home page's newest, is three
	// days from its limit; the 6-month columns are not near theirs.
	near := stale("1698796800") // 2023-11-01
	if len(near) != 2 {
		t.Errorf("as of 2023-11-01 want warnings for 工作动态 and 首页 only, got\n%s", strings.Join(near, "\n"))
	}
	for i, column := range []string{"工作动态", "首页"} {
		if i < len(near) && !(strings.HasPrefix(near[i], "content/news/2023-10-evaluation-2023-release.md: 警告：栏目“"+column+"”最新一条发布于 2023-10-20，截至数据版本日期 2023-11-01 已 12 天未更新，2023-11-04 起将超过")) {
			t.Errorf("warning %d for %s: %s", i, column, near[i])
		}
	}
	got := strings.Join(stale("1735689600"), "\n") // 2025-01-01
	for _, column := range []string{"首页", "工作动态", "政策法规", "典型案例", "评价结果"} {
		if !strings.Contains(got, "栏目“"+column+"”") || !strings.Contains(got, "截至数据版本日期 2025-01-01") {
			t.Errorf("no staleness warning for %s as of 2025-01-01:\n%s", column, got)
		}
	}
}
