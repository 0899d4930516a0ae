package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func publishAll(t *testing.T, out string, files map[string]string) Stats {
	t.Helper()
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
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

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPublishSwapsAndKeepsUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	publishAll(t, out, map[string]string{"index.html": "home v1", "a/index.html": "a v1", "gone.txt": "old"})
	if got := read(t, filepath.Join(out, "index.html")); got != "home v1" {
		t.Fatalf("index = %q", got)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	// Age the live files so a rewrite would be visible in their mtime.
	for _, p := range []string{"index.html", "a/index.html"} {
		if err := os.Chtimes(filepath.Join(out, p), old, old); err != nil {
			t.Fatal(err)
		}
	}

	st := publishAll(t, out, map[string]string{"index.html": "home v2", "a/index.html": "a v1"})
	if st.Written != 1 || st.Linked != 1 || st.Deleted != 0 {
		t.Errorf("second build stats = %+v, want 1 written, 1 linked", st)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "home v2" {
		t.Errorf("index = %q, want v2", got)
	}
	fi, err := os.Stat(filepath.Join(out, "a/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("unchanged file got a new mtime %v, want %v", fi.ModTime(), old)
	}
	if _, err := os.Stat(filepath.Join(out, "gone.txt")); !os.IsNotExist(err) {
		t.Errorf("a file the build no longer makes is still published: %v", err)
	}

	// A third identical build writes nothing at all.
	st = publishAll(t, out, map[string]string{"index.html": "home v2", "a/index.html": "a v1"})
	if st.Written != 0 {
		t.Errorf("identical rebuild wrote %d files, want 0 (%+v)", st.Written, st)
	}
	fi, _ = os.Stat(filepath.Join(out, "a/index.html"))
	if !fi.ModTime().Equal(old) {
		t.Errorf("unchanged file got a new mtime after the third build")
	}
}

func TestAbortLeavesPublicUntouched(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	publishAll(t, out, map[string]string{"index.html": "good"})
	before, _ := os.Readlink(out)

	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("index.html", []byte("half-built")); err != nil {
		t.Fatal(err)
	}
	tx.Abort()
	after, _ := os.Readlink(out)
	if before != after {
		t.Errorf("public moved from %q to %q on abort", before, after)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "good" {
		t.Errorf("public changed on abort: %q", got)
	}
	// The next successful build still publishes correctly from the aborted tree.
	publishAll(t, out, map[string]string{"index.html": "next"})
	if got := read(t, filepath.Join(out, "index.html")); got != "next" {
		t.Errorf("after abort and rebuild index = %q", got)
	}
}

func TestRejectsPathsOutsideTheOutput(t *testing.T) {
	tx, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", "a//b", ""} {
		if err := tx.Write(p, []byte("x")); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
	if err := tx.Write("dup.txt", nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("dup.txt", nil); err == nil {
		t.Errorf("writing the same path twice succeeded")
	}
}

func TestReplacesAPlainFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "stale.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	publishAll(t, out, map[string]string{"index.html": "new"})
	if got := read(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("index = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); !os.IsNotExist(err) {
		t.Errorf("stale file of the plain folder is still served")
	}
}

// TestRecoversFromAKilledBuild: a build killed half-way leaves its tree with
// no manifest; the next build must still publish exactly its own files.
func TestRecoversFromAKilledBuild(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	publishAll(t, out, map[string]string{"index.html": "v1", "old.html": "old"})
	publishAll(t, out, map[string]string{"index.html": "v2", "old.html": "old"})

	killed, err := Begin(out) // updates the tree that holds v1; then "dies"
	if err != nil {
		t.Fatal(err)
	}
	if err := killed.Write("half.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "v2" {
		t.Fatalf("a killed build changed public: %q", got)
	}

	publishAll(t, out, map[string]string{"index.html": "v3"})
	if got := read(t, filepath.Join(out, "index.html")); got != "v3" {
		t.Errorf("index = %q", got)
	}
	for _, p := range []string{"half.html", "old.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); !os.IsNotExist(err) {
			t.Errorf("%s is published after recovery: %v", p, err)
		}
	}
}

func TestAFileCanBecomeAFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publishAll(t, out, map[string]string{"a": "file"})
	publishAll(t, out, map[string]string{"x": "1"})
	publishAll(t, out, map[string]string{"a/b/index.html": "nested"})
	if got := read(t, filepath.Join(out, "a", "b", "index.html")); got != "nested" {
		t.Errorf("got %q", got)
	}
}

func TestAFolderCanBecomeAFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publishAll(t, out, map[string]string{"a/b/index.html": "nested"})
	publishAll(t, out, map[string]string{"x": "1"})
	publishAll(t, out, map[string]string{"a": "file"})
	if got := read(t, filepath.Join(out, "a")); got != "file" {
		t.Errorf("got %q", got)
	}
}
