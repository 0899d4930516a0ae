// Package changes summarises what a build changes on the live site, for the
// reviewer of a data commit: pages added, removed and changed per section,
// rows added, removed and changed per dataset, and the evaluation release
// pages affected. build prints it as its last lines and writes it as JSON
// beside the output; build --dry-run does the same without publishing.
package changes

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sxwuye/portal/generator/dataset"
)

// Summary is the whole comparison. Lists are sorted; paths are site paths
// (/communities/C001/), row keys are the dataset's key cells joined by "/".
type Summary struct {
	DryRun   bool     `json:"dry_run"`
	Live     bool     `json:"live"` // false when nothing was published yet: everything is new
	Sections []Change `json:"pages"`
	Releases []Change `json:"releases"`
	Datasets []Change `json:"datasets"`
	Totals   Counts   `json:"totals"`
}

// Change is what changed in one section, release or dataset.
type Change struct {
	Name    string   `json:"name"`  // section folder, period or dataset name
	Title   string   `json:"title"` // Chinese
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []string `json:"changed"`
}

// Counts totals the pages and rows.
type Counts struct {
	PagesAdded   int `json:"pages_added"`
	PagesRemoved int `json:"pages_removed"`
	PagesChanged int `json:"pages_changed"`
	RowsAdded    int `json:"rows_added"`
	RowsRemoved  int `json:"rows_removed"`
	RowsChanged  int `json:"rows_changed"`
}

// sectionTitles names the site's sections; others show their folder name.
var sectionTitles = map[string]string{
	"":              "首页",
	"communities":   "小区",
	"enterprises":   "企业",
	"regions":       "区划",
	"evaluations":   "评价结果",
	"progress":      "工作进展",
	"policies":      "政策法规",
	"cases":         "典型案例",
	"news":          "工作动态",
	"data":          "开放数据",
	"search":        "搜索",
	"sitemap":       "网站地图",
	"about":         "关于本站",
	"help":          "使用帮助",
	"privacy":       "隐私政策",
	"copyright":     "版权声明",
	"accessibility": "无障碍声明",
	"indicators":    "指标口径说明",
}

// sitePath turns an output path into the address a reader types:
// communities/C001/index.html → /communities/C001/.
func sitePath(rel string) string {
	if rel == "index.html" {
		return "/"
	}
	if strings.HasSuffix(rel, "/index.html") {
		return "/" + strings.TrimSuffix(rel, "index.html")
	}
	return "/" + rel
}

// section is the first folder of an output path ("" for pages at the top).
func section(rel string) string {
	if i := strings.IndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}

// release is the evaluation period of a release page
// (evaluations/2022/…/index.html), or "".
func release(rel string) string {
	rest, ok := strings.CutPrefix(rel, "evaluations/")
	if !ok {
		return ""
	}
	if i := strings.IndexByte(rest, '/'); i > 0 {
		return rest[:i]
	}
	return ""
}

// AddPages adds the page comparison, as output paths.
func (s *Summary) AddPages(added, removed, changed []string) {
	bySection := map[string]*Change{}
	byRelease := map[string]*Change{}
	get := func(m map[string]*Change, name, title string) *Change {
		c := m[name]
		if c == nil {
			c = &Change{Name: name, Title: title, Added: []string{}, Removed: []string{}, Changed: []string{}}
			m[name] = c
		}
		return c
	}
	add := func(rels []string, pick func(*Change) *[]string) {
		for _, rel := range rels {
			sec := section(rel)
			title := sectionTitles[sec]
			if title == "" {
				title = sec
			}
			c := get(bySection, sec, title)
			*pick(c) = append(*pick(c), sitePath(rel))
			if p := release(rel); p != "" {
				r := get(byRelease, p, p+" 期评价结果公示")
				*pick(r) = append(*pick(r), sitePath(rel))
			}
		}
	}
	add(added, func(c *Change) *[]string { return &c.Added })
	add(removed, func(c *Change) *[]string { return &c.Removed })
	add(changed, func(c *Change) *[]string { return &c.Changed })
	s.Sections = sorted(bySection)
	s.Releases = sorted(byRelease)
	s.Totals.PagesAdded, s.Totals.PagesRemoved, s.Totals.PagesChanged = len(added), len(removed), len(changed)
}

func sorted(m map[string]*Change) []Change {
	out := make([]Change, 0, len(m))
	for _, c := range m {
		sort.Strings(c.Added)
		sort.Strings(c.Removed)
		sort.Strings(c.Changed)
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// AddRows compares a dataset's published machine CSV (old: the live site's,
// nil when it has none) with the build's, row by row, by the dataset's key.
func (s *Summary) AddRows(sc *dataset.Schema, old, new []byte) error {
	before, err := rowsByKey(sc, old)
	if err != nil {
		return fmt.Errorf("线上的 %s：%w", sc.Name, err)
	}
	after, err := rowsByKey(sc, new)
	if err != nil {
		return fmt.Errorf("本次生成的 %s：%w", sc.Name, err)
	}
	c := Change{Name: sc.Name, Title: sc.Title, Added: []string{}, Removed: []string{}, Changed: []string{}}
	for k, row := range after {
		prev, ok := before[k]
		switch {
		case !ok:
			c.Added = append(c.Added, k)
		case prev != row:
			c.Changed = append(c.Changed, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			c.Removed = append(c.Removed, k)
		}
	}
	sort.Strings(c.Added)
	sort.Strings(c.Removed)
	sort.Strings(c.Changed)
	s.Datasets = append(s.Datasets, c)
	s.Totals.RowsAdded += len(c.Added)
	s.Totals.RowsRemoved += len(c.Removed)
	s.Totals.RowsChanged += len(c.Changed)
	return nil
}

// keyColumns are the cells that identify a row: the first unique field, or
// else the first field unique within another (period and community).
func keyColumns(sc *dataset.Schema) []string {
	for _, f := range sc.Fields {
		if f.Unique {
			return []string{f.Key}
		}
	}
	for _, f := range sc.Fields {
		if f.UniqueWithin != "" {
			return []string{f.UniqueWithin, f.Key}
		}
	}
	return nil
}

// rowsByKey reads a machine CSV (header of field keys) into key → row.
// Without a key column the whole row is its own key.
func rowsByKey(sc *dataset.Schema, b []byte) (map[string]string, error) {
	m := map[string]string{}
	if len(b) == 0 {
		return m, nil
	}
	r := csv.NewReader(bytes.NewReader(b))
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	var key []int
	for _, k := range keyColumns(sc) {
		for j, h := range header {
			if h == k {
				key = append(key, j)
			}
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, err
		}
		row := strings.Join(rec, "\x1f")
		k := row
		if len(key) > 0 {
			parts := make([]string, len(key))
			for i, j := range key {
				if j < len(rec) {
					parts[i] = rec[j]
				}
			}
			k = strings.Join(parts, "/")
		}
		m[k] = row
	}
}

// JSON is the summary for review tools.
func (s *Summary) JSON() []byte {
	b, _ := json.MarshalIndent(s, "", "  ")
	return append(b, '\n')
}

// shown is how many paths or keys a line names before "等".
const shown = 3

// Lines is the summary as a reviewer reads it at the end of a build.
func (s *Summary) Lines() []string {
	var out []string
	head := "与线上网站相比"
	if !s.Live {
		head = "线上还没有网站，以下全部为新增"
	}
	if s.DryRun {
		head = "试运行（--dry-run，未发布任何内容）：" + head
	}
	t := s.Totals
	out = append(out, fmt.Sprintf("%s：页面新增 %d、删除 %d、内容有变 %d；数据行新增 %d、删除 %d、修改 %d。",
		head, t.PagesAdded, t.PagesRemoved, t.PagesChanged, t.RowsAdded, t.RowsRemoved, t.RowsChanged))
	for _, c := range s.Sections {
		out = append(out, "  页面 "+describe(c, "新增", "删除", "内容有变"))
	}
	for _, c := range s.Releases {
		out = append(out, "  受影响的公示 "+describe(c, "新增", "删除", "内容有变"))
	}
	for _, c := range s.Datasets {
		if len(c.Added)+len(c.Removed)+len(c.Changed) > 0 {
			out = append(out, "  数据 "+describe(c, "新增", "删除", "修改"))
		}
	}
	return out
}

func describe(c Change, add, del, chg string) string {
	var parts []string
	for _, p := range []struct {
		verb  string
		items []string
	}{{add, c.Added}, {del, c.Removed}, {chg, c.Changed}} {
		if len(p.items) == 0 {
			continue
		}
		ex := p.items
		more := ""
		if len(ex) > shown {
			ex, more = ex[:shown], " 等"
		}
		parts = append(parts, fmt.Sprintf("%s %d（%s%s）", p.verb, len(p.items), strings.Join(ex, "、"), more))
	}
	return c.Title + "：" + strings.Join(parts, "，")
}
