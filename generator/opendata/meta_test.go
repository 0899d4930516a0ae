package opendata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sxwuye/portal/generator/diag"
)

func TestShippedMetaIsValid(t *testing.T) {
	rep := &diag.Report{}
	m := LoadMeta(os.DirFS(projectRoot(t)), rep)
	for _, p := range rep.Problems() {
		t.Errorf("%s", p)
	}
	if m.Missing || len(m.Datasets) != 5 {
		t.Fatalf("shipped datasets.yaml: missing=%v, %d datasets", m.Missing, len(m.Datasets))
	}
}

func TestLoadMetaReportsProblemsWithLines(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(projectRoot(t), MetaFile))
	if err != nil {
		t.Fatal(err)
	}
	good := string(b)
	cases := []struct {
		name, from, to, want string
	}{
		{"unknown key", "    theme: 行政区划\n", "    theme: 行政区划\n    colour: red\n", "datasets[0].colour 未知的键"},
		{"missing dataset", "  - name: progress\n", "  - name: progress_x\n", "未知的数据集"},
		{"bad frequency", "update_frequency: 每月", "update_frequency: 常常", "应为每日、每周"},
		{"bad theme", "theme: 服务评价\n    update", "theme: 天气\n    update", "须为 themes 中列出的数据领域"},
		{"bad email", "email: wuye@example.gov.cn", "email: not-an-email", "应为电子邮件地址"},
		{"no keywords", "keywords: [行政区划, 区划代码, 山西省]", "keywords: []", "须写至少一个关键词"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(good, c.from) {
				t.Fatalf("fixture text %q not in datasets.yaml", c.from)
			}
			src := strings.Replace(good, c.from, c.to, 1)
			rep := &diag.Report{}
			LoadMeta(fstest.MapFS{MetaFile: {Data: []byte(src)}}, rep)
			var all []string
			found := false
			for _, p := range rep.Problems() {
				all = append(all, p.String())
				if strings.Contains(p.String(), c.want) && p.File == MetaFile && (p.Line > 0 || c.name == "missing dataset") {
					found = true
				}
			}
			if !found || !rep.HasErrors() {
				t.Errorf("want an error containing %q with a line, got %q", c.want, all)
			}
		})
	}
	// A missing dataset is named.
	src := strings.Replace(good, "  - name: progress\n", "  - name: regions\n", 1)
	rep := &diag.Report{}
	LoadMeta(fstest.MapFS{MetaFile: {Data: []byte(src)}}, rep)
	s := ""
	for _, p := range rep.Problems() {
		s += p.String() + "\n"
	}
	if !strings.Contains(s, "缺少数据集“工作进展调度”的说明") || !strings.Contains(s, "数据集重复") {
		t.Errorf("duplicate/missing dataset not reported:\n%s", s)
	}
}

func TestLoadMetaMissingFileWarns(t *testing.T) {
	rep := &diag.Report{}
	m := LoadMeta(fstest.MapFS{}, rep)
	if rep.HasErrors() || len(rep.Problems()) != 1 || !m.Missing || len(m.Datasets) != 5 {
		t.Errorf("missing file: errors=%v problems=%v", rep.HasErrors(), rep.Problems())
	}
}

func TestTemporalRange(t *testing.T) {
	tests := []struct{ iso, want string }{
		{"2018-03-11/2022-11-30", "2018-03-11 至 2022-11-30"},
		{"", ""},
		{"2022-07-03", "2022-07-03"}, // not an interval: shown as is
	}
	for _, tt := range tests {
		d := &DatasetInfo{Temporal: tt.iso}
		if got := d.TemporalRange(); got != tt.want {
			t.Errorf("TemporalRange(%q) = %q, want %q", tt.iso, got, tt.want)
		}
	}
}
