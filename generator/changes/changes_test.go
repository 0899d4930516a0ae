package changes

import (
	"slices"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/dataset"
)

func TestPagesBySectionAndRelease(t *testing.T) {
	var s Summary
	s.Live = true
	s.AddPages(
		[]string{"evaluations/2024/index.html", "evaluations/2024/140400/index.html", "news/n1/index.html"},
		[]string{"communities/C9/index.html"},
		[]string{"index.html", "evaluations/index.html", "evaluations/2023/140100/index.html"},
	)
	var names []string
	for _, c := range s.Sections {
		names = append(names, c.Name+":"+c.Title)
	}
	if want := []string{":首页", "communities:小区", "evaluations:评价结果", "news:工作动态"}; !slices.Equal(names, want) {
		t.Errorf("sections = %v, want %v", names, want)
	}
	if len(s.Releases) != 2 || s.Releases[0].Name != "2023" || !slices.Equal(s.Releases[1].Added, []string{"/evaluations/2024/", "/evaluations/2024/140400/"}) {
		t.Errorf("releases = %+v: the list page /evaluations/ is no release page", s.Releases)
	}
	if s.Totals.PagesAdded != 3 || s.Totals.PagesRemoved != 1 || s.Totals.PagesChanged != 3 {
		t.Errorf("totals = %+v", s.Totals)
	}
	lines := strings.Join(s.Lines(), "\n")
	for _, want := range []string{"与线上网站相比：页面新增 3、删除 1、内容有变 3", "页面 小区：删除 1（/communities/C9/）", "受影响的公示 2024 期评价结果公示：新增 2（/evaluations/2024/、/evaluations/2024/140400/）"} {
		if !strings.Contains(lines, want) {
			t.Errorf("lines lack %q:\n%s", want, lines)
		}
	}
}

func TestRowsByKey(t *testing.T) {
	var s Summary
	old := "period,community_id,total\n2022,C1,80\n2022,C2,70\n2023,C1,90\n"
	new := "period,community_id,total\n2022,C1,80\n2022,C2,75\n2023,C3,60\n"
	if err := s.AddRows(dataset.SchemaByName(dataset.Evaluations), []byte(old), []byte(new)); err != nil {
		t.Fatal(err)
	}
	c := s.Datasets[0]
	if !slices.Equal(c.Added, []string{"2023/C3"}) || !slices.Equal(c.Removed, []string{"2023/C1"}) || !slices.Equal(c.Changed, []string{"2022/C2"}) {
		t.Errorf("evaluations = %+v", c)
	}
	// Nothing live yet: every row is new.
	if err := s.AddRows(dataset.SchemaByName(dataset.Communities), nil, []byte("id,name\nC1,甲\nC2,乙\n")); err != nil {
		t.Fatal(err)
	}
	if c := s.Datasets[1]; !slices.Equal(c.Added, []string{"C1", "C2"}) || s.Totals.RowsAdded != 3 {
		t.Errorf("communities = %+v, totals %+v", c, s.Totals)
	}
}
