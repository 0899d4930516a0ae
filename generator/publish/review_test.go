package publish

import (
	"bytes"
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

// TestDigestsOfAnotherFormatAreNotCompared: a digests file written by an
// older generator (CRC-64, no format line) must not be read as digests of
// the current kind, or every page would be reported as changed.
func TestDigestsOfAnotherFormatAreNotCompared(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tree.pages")
	if err := os.WriteFile(p, []byte("00000000deadbeef communities/C000001/index.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if m := readDigests(p); m != nil {
		t.Fatalf("old-format digests read as %v", m)
	}
	if err := os.WriteFile(p, []byte(digestFormat+"\n00000000deadbeef communities/C000001/index.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if m := readDigests(p); m["communities/C000001/index.html"] != 0xdeadbeef {
		t.Fatalf("current-format digests read as %v", m)
	}
}

// TestDigestSkipsTheMask: pages differing only in the masked date have one
// digest; any other difference changes it.
func TestDigestSkipsTheMask(t *testing.T) {
	mask := []byte("2023年10月24日")
	a := digest([]byte("<p>数据截至2023年10月24日</p><p>A 级</p>"), mask)
	b := digest([]byte("<p>数据截至</p><p>A 级</p>"), mask)
	c := digest([]byte("<p>数据截至2023年10月24日</p><p>B 级</p>"), mask)
	if a != b || a == c {
		t.Fatalf("digests %x %x %x", a, b, c)
	}
}

func BenchmarkDigest(b *testing.B) {
	page := bytes.Repeat([]byte("<tr><td>示例小区</td><td>A 级</td><td>92.5</td></tr>\n"), 240)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		digest(page, []byte("2023年10月24日"))
	}
}
