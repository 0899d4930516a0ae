package diag

import "testing"

func TestProblemStringAndOrder(t *testing.T) {
	var r Report
	r.Warnf("data/evaluations.csv", 7, 14, "enterprise_id 企业编号", V("E00003"), "与小区当前的企业不一致")
	r.Errorf("data/communities.csv", 12, 7, "occupancy_rate 入住率（%）", V("120"), "应在 0 到 100 之间")
	r.Errorf("data/communities.csv", 3, 2, "name 小区名称", V("a\"b\nc"), "不能为空")
	r.Errorf("data/communities.csv", 0, 0, "", nil, "缺少数据文件")

	got := r.Problems()
	want := []string{
		`data/communities.csv: 缺少数据文件`,
		`data/communities.csv:3:2: name 小区名称 不能为空，实为 "a\"b\nc"`,
		`data/communities.csv:12:7: occupancy_rate 入住率（%） 应在 0 到 100 之间，实为 "120"`,
		`data/evaluations.csv:7:14: 警告：enterprise_id 企业编号 与小区当前的企业不一致，实为 "E00003"`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems", len(got))
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("problem %d = %s\nwant          %s", i, got[i].String(), want[i])
		}
	}
	if e, w := r.Counts(); e != 3 || w != 1 || !r.HasErrors() {
		t.Errorf("counts = %d errors, %d warnings", e, w)
	}
}
