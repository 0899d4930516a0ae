// Package golden compares a test's output with a file kept in the
// repository, and rewrites that file when the test runs with -update.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output (review the diff before committing)")

// Updating reports whether the test runs with -update.
func Updating() bool { return *update }

// Check compares got with the file at path. With -update it writes got
// there instead. On a difference it fails t, naming the first differing
// line and the command that regenerates the file.
func Check(t testing.TB, path string, got []byte, regenerate string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: %s)", err, regenerate)
	}
	if bytes.Equal(got, want) {
		return
	}
	line := 1 + bytes.Count(got[:commonPrefix(got, want)], []byte("\n"))
	t.Errorf("%s differs from the output from line %d on:\n got: %s\nwant: %s\nreview the change, then run: %s",
		path, line, lineAt(got, line), lineAt(want, line), regenerate)
}

func commonPrefix(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// lineAt returns line n (from 1) of b, or "(end)".
func lineAt(b []byte, n int) string {
	lines := bytes.Split(b, []byte("\n"))
	if n > len(lines) {
		return "(end)"
	}
	return string(lines[n-1])
}
