package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func publishGzip(t *testing.T, out string, files map[string]string) Stats {
	t.Helper()
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.Precompress(100)
	for p, s := range files {
		if err := tx.Write(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func gunzip(t *testing.T, p string) (string, *gzip.Header) {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), &r.Header
}

func TestPrecompressedCopies(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	page := strings.Repeat("<p>示例小区</p>\n", 20)
	files := map[string]string{
		"index.html":      page,
		"small.html":      "<p>短</p>",                // below the threshold
		"data/x.xlsx":     strings.Repeat("PK", 200), // not text
		"data/x.csv":      strings.Repeat("a,b\n", 50),
		"static/site.css": strings.Repeat("a{b:c}\n", 30),
	}
	st := publishGzip(t, out, files)
	if st.Files != 8 {
		t.Errorf("files = %d, want 5 and 3 copies", st.Files)
	}
	got, h := gunzip(t, filepath.Join(out, "index.html.gz"))
	if got != page {
		t.Errorf("index.html.gz does not hold index.html")
	}
	if !h.ModTime.IsZero() || h.Name != "" || h.Comment != "" {
		t.Errorf("gzip header carries %+v: copies must not depend on when or where they were made", h)
	}
	for _, p := range []string{"small.html.gz", "data/x.xlsx.gz"} {
		if _, err := os.Stat(filepath.Join(out, p)); !os.IsNotExist(err) {
			t.Errorf("%s exists: %v", p, err)
		}
	}
	for _, p := range []string{"data/x.csv.gz", "static/site.css.gz"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if !bytes.Equal(Gzip([]byte(page)), []byte(read(t, filepath.Join(out, "index.html.gz")))) {
		t.Errorf("two compressions of the same bytes differ")
	}

	// Unchanged files keep their copies without compressing again (they are
	// linked from the live tree); a changed file's copy follows it; a copy
	// goes with its file.
	files["index.html"] = page + "<p>新</p>"
	delete(files, "data/x.csv")
	st = publishGzip(t, out, files)
	if st.Written != 2 || st.Files != 6 {
		t.Errorf("second build = %+v, want index.html and its copy written, x.csv and its copy gone", st)
	}
	if got, _ := gunzip(t, filepath.Join(out, "index.html.gz")); got != files["index.html"] {
		t.Errorf("index.html.gz is stale")
	}
	if _, err := os.Stat(filepath.Join(out, "data/x.csv.gz")); !os.IsNotExist(err) {
		t.Errorf("x.csv.gz outlived x.csv: %v", err)
	}
	st = publishGzip(t, out, files)
	if st.Written != 0 || st.Deleted != 2 {
		t.Errorf("third build = %+v, want nothing written, x.csv and its copy deleted from the older tree", st)
	}
}
