package publish

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPagesIgnoreTheVersionDate: a page whose only difference is the data
// version date is not called changed; a dry run writes nothing.
func TestPagesIgnoreTheVersionDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.PageDigests("2022-12-18")
	for p, s := range map[string]string{"a/index.html": "甲 2022-12-18", "b/index.html": "乙 2022-12-18", "c/index.html": "丙", "x.csv": "1"} {
		if err := tx.Write(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	live, _ := os.Readlink(out)

	dry, err := BeginDry(out)
	if err != nil {
		t.Fatal(err)
	}
	dry.PageDigests("2022-12-19")
	for p, s := range map[string]string{"a/index.html": "甲 2022-12-19", "b/index.html": "乙改 2022-12-19", "d/index.html": "丁", "x.csv": "2"} {
		if err := dry.Write(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	d := dry.Pages()
	if !slices.Equal(d.Added, []string{"d/index.html"}) || !slices.Equal(d.Removed, []string{"c/index.html"}) || !slices.Equal(d.Changed, []string{"b/index.html"}) {
		t.Errorf("pages = %+v", d)
	}
	st, err := dry.Commit()
	if err != nil || st.Deleted != 1 || st.Written != 4 {
		t.Errorf("dry commit = %+v, %v", st, err)
	}
	if after, _ := os.Readlink(out); after != live {
		t.Errorf("dry run swapped public")
	}
	if got := read(t, filepath.Join(out, "b/index.html")); got != "乙 2022-12-18" {
		t.Errorf("dry run wrote b/index.html: %q", got)
	}
	if _, err := os.Stat(filepath.Join(TreesDir(out), "b")); !os.IsNotExist(err) {
		t.Errorf("dry run made the other tree: %v", err)
	}
}
