package opendata

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadHistoryOutsideGit(t *testing.T) {
	h, err := ReadHistory(t.TempDir(), MaxVersions)
	if err != nil || h != nil {
		t.Errorf("outside git: %v %v", h, err)
	}
}

func TestReadHistoryCountsChanges(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	file := filepath.Join(dir, "data", "regions.csv")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(date, msg string) {
		git(nil, "add", "-A")
		git([]string{"GIT_COMMITTER_DATE=" + date, "GIT_AUTHOR_DATE=" + date}, "commit", "-q", "-m", msg)
	}
	git(nil, "init", "-q")
	os.MkdirAll(filepath.Dir(file), 0o755)
	write("code,name,level,parent_code\n140000,山西省,province,\n140100,太原市,city,140000\n140200,大同市,city,140000\n")
	commit("2022-07-01T10:00:00Z", "first")
	// Rename one row, remove one, add two.
	write("code,name,level,parent_code\n140000,山西省,province,\n140100,太原市（改）,city,140000\n140300,阳泉市,city,140000\n140400,长治市,city,140000\n")
	commit("2022-08-01T10:00:00Z", "second")
	// Same content in GB18030 with Chinese labels, reordered columns and a
	// private-free rewrite: not a change.
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("名称,区划代码,级别,上级区划代码\r\n山西省,140000,province,\r\n太原市（改）,140100,city,140000\r\n阳泉市,140300,city,140000\r\n长治市,140400,city,140000\r\n")
	write(gb)
	commit("2022-09-01T10:00:00Z", "third")
	// An uncommitted edit.
	write("code,name,level,parent_code\n140000,山西省,province,\n")

	h, err := ReadHistory(dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	vs := h["regions"]
	if len(vs) != 3 {
		t.Fatalf("versions = %+v, want uncommitted + 2 shown", vs)
	}
	type counts struct{ rows, add, rem, chg int }
	want := []counts{{1, 0, 3, 0}, {4, 0, 0, 0}, {4, 2, 1, 1}}
	for i, w := range want {
		v := vs[i]
		got := counts{v.Rows, v.Added, v.Removed, v.Changed}
		if got != w || v.Initial || v.Unknown {
			t.Errorf("version %d (%s): %+v initial=%v unknown=%v, want %+v", i, v.Label(), got, v.Initial, v.Unknown, w)
		}
	}
	if !vs[0].Uncommitted || vs[1].Date.Format("2006-01-02") != "2022-09-01" || vs[1].Short == "" || vs[2].Date.Format("2006-01-02") != "2022-08-01" || vs[2].Short == "" {
		t.Errorf("version metadata: %+v", vs)
	}
	// Without a cap, the first commit is the initial version.
	h, _ = ReadHistory(dir, 10)
	if vs := h["regions"]; len(vs) != 4 || !vs[3].Initial || vs[3].Added != 3 {
		t.Errorf("uncapped: %+v", vs)
	}
}
