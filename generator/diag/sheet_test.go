package diag

import (
	"bytes"
	"testing"
)

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 7: "G", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := ColumnName(n); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSheetString(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "data/progress.csv", Message: "缺少数据文件", Sheet: &Cell{}}, "data/progress.csv：缺少数据文件"},
		{Problem{File: "data/regions.csv", Line: 4, Message: "本行未读入", Sheet: &Cell{Row: 4}}, "data/regions.csv 第 4 行：本行未读入"},
		{Problem{File: "data/c.csv", Line: 9, Column: 44, Value: V("120"), Message: "应在 0 到 100 之间", Sheet: &Cell{Row: 6, Column: 7, Label: "入住率（%）"}},
			"data/c.csv 第 6 行 G 列「入住率（%）」填的是 120，应在 0 到 100 之间"},
		{Problem{File: "data/c.csv", Line: 3, Column: 1, Value: V("小区 2"), Message: "只能由字母组成", Sheet: &Cell{Row: 3, Column: 1, Label: "小区编号"}},
			"data/c.csv 第 3 行 A 列「小区编号」填的是“小区 2”，只能由字母组成"},
		{Problem{Severity: Warning, File: "data/e.csv", Line: 2, Column: 11, Value: V("E2"), Message: "与小区当前的企业不一致", Sheet: &Cell{Row: 2, Column: 3, Label: "企业编号"}},
			"警告：data/e.csv 第 2 行 C 列「企业编号」填的是 E2，与小区当前的企业不一致"},
		{Problem{File: "content/news/a.md", Line: 3, Column: 1, Message: "未知字段"}, "content/news/a.md:3:1: 未知字段"},
	} {
		if got := c.p.SheetString(); got != c.want {
			t.Errorf("SheetString() = %s\nwant           %s", got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	cause := Problem{File: "data/c.csv", Line: 6, Column: 1, Message: "重复", Sheet: &Cell{Row: 6, Column: 1}}
	knock := Problem{File: "data/e.csv", Line: 4, Column: 6, Message: "不存在", Sheet: &Cell{Row: 4, Column: 2}, Cause: &Place{"data/c.csv", 6, 1}}
	orphan := Problem{File: "data/e.csv", Line: 5, Column: 6, Message: "不存在", Sheet: &Cell{Row: 5, Column: 2}, Cause: &Place{"data/c.csv", 9, 1}}
	groups := Fold([]Problem{cause, knock, orphan})
	if len(groups) != 2 || len(groups[0].Knock) != 1 || groups[0].Knock[0].Line != 4 || groups[1].Line != 5 {
		t.Fatalf("Fold = %+v", groups)
	}
	var b bytes.Buffer
	WriteSheet(&b, []Problem{cause, knock, orphan})
	want := "data/c.csv 第 6 行 A 列：重复\n    以下 1 个问题可能由这一处引起，改正这一处后通常随之消失：\n    data/e.csv 第 4 行 B 列：不存在\ndata/e.csv 第 5 行 B 列：不存在\n"
	if b.String() != want {
		t.Errorf("WriteSheet:\n%s\nwant:\n%s", b.String(), want)
	}
}
