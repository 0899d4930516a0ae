package diag

import (
	"fmt"
	"strings"
	"testing"
)

// TestFoldRules: many warnings of one rule fold into one line with the count and
// the first places; other rules, few warnings and errors print as they are.
func TestFoldRules(t *testing.T) {
	var r Report
	for i := 1; i <= 211; i++ {
		r.Warnf("data/evaluations.csv", i+1, 14, "enterprise_id 企业编号", V(fmt.Sprintf("E%05d", i)),
			"与小区 C%06d 当前的物业服务企业 E%05d 不一致（若评价后更换了企业，可忽略）", i, i+7)
	}
	for i := 1; i <= 5; i++ {
		r.Warnf("data/evaluations.csv", 300+i, 14, "enterprise_id 企业编号", V("E1"), "小区 C%d 目前的管理方式是“%s”，台账中没有物业服务企业", i, []string{"社区托管", "单位管理"}[i%2])
	}
	r.Warnf("data/communities.csv", 9, 3, "name 小区名称", nil, "名称 12 过长")
	r.Warnf("data/communities.csv", 10, 3, "name 小区名称", nil, "名称 13 过长")
	for i := 1; i <= 5; i++ {
		r.Errorf("data/communities.csv", 20+i, 7, "occupancy_rate 入住率（%）", V("120"), "应在 0 到 100 之间")
	}
	groups := FoldRules(r.Problems())
	var b strings.Builder
	WriteFolded(&b, r.Problems(), false)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 5+2+2 {
		t.Fatalf("%d lines, want 5 errors, 2 warnings of a rule with few, 2 folded rules:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	want := []string{
		`data/communities.csv:9:3: 警告：name 小区名称 名称 12 过长`,
		`data/communities.csv:10:3: 警告：name 小区名称 名称 13 过长`,
		`data/communities.csv:21:7: occupancy_rate 入住率（%） 应在 0 到 100 之间，实为 "120"`,
		`data/evaluations.csv:2:14: 警告：enterprise_id 企业编号 与小区 C000001 当前的物业服务企业 E00008 不一致（若评价后更换了企业，可忽略），实为 "E00001"（同类警告共 211 处，前 3 处在 2:14、3:14、4:14；加 --all 逐条列出）`,
		`data/evaluations.csv:301:14: 警告：enterprise_id 企业编号 小区 C1 目前的管理方式是“单位管理”，台账中没有物业服务企业，实为 "E1"（同类警告共 5 处，前 3 处在 301:14、302:14、303:14；加 --all 逐条列出）`,
	}
	for _, w := range want {
		found := false
		for _, l := range lines {
			found = found || l == w
		}
		if !found {
			t.Errorf("no line\n%s\nin\n%s", w, strings.Join(lines, "\n"))
		}
	}
	if groups[0].Folded() || len(groups[0].Problems) != 2 {
		t.Errorf("two warnings of one rule should print one by one: %+v", groups[0])
	}
}

// TestFoldRulesSheet: in the spreadsheet form a folded line names rows.
func TestFoldRulesSheet(t *testing.T) {
	var probs []Problem
	for i := 1; i <= 4; i++ {
		probs = append(probs, Problem{Severity: Warning, File: "data/evaluations.csv", Line: i + 1, Column: 14,
			Field: "enterprise_id 企业编号", Message: fmt.Sprintf("与小区 C%d 当前的企业不一致", i),
			Sheet: &Cell{Row: i + 1, Column: 3, Label: "企业编号"}})
	}
	var b strings.Builder
	WriteFolded(&b, probs, true)
	want := "警告：data/evaluations.csv 第 2 行 C 列「企业编号」与小区 C1 当前的企业不一致（同类警告共 4 处，前 3 处在第 2、3、4 行；加 --all 逐条列出）\n"
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}
