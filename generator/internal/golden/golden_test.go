package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failure instead of failing.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper()                        {}
func (r *recorder) Errorf(format string, a ...any) { r.msg = fmt.Sprintf(format, a...) }
func (r *recorder) Fatalf(format string, a ...any) { r.msg = fmt.Sprintf(format, a...) }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Check(r, path, []byte("a\nb\nc\n"), "go test -update")
	if r.msg != "" {
		t.Errorf("equal output failed: %s", r.msg)
	}
	Check(r, path, []byte("a\nB\nc\n"), "go test ./x -update")
	if !strings.Contains(r.msg, "line 2") || !strings.Contains(r.msg, "got: B") || !strings.Contains(r.msg, "go test ./x -update") {
		t.Errorf("difference reported as %q", r.msg)
	}
	r.msg = ""
	Check(r, path+".missing", []byte("a"), "go test ./x -update")
	if !strings.Contains(r.msg, "go test ./x -update") {
		t.Errorf("missing file reported as %q", r.msg)
	}
}
