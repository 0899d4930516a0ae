package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/internal/htmlcheck"
)

// publishedText returns every published text file of the shared sample
// build by site path.
func publishedText(t *testing.T) map[string]string {
	t.Helper()
	servedSample(t)
	root, err := filepath.EvalSymlinks(filepath.Join(siteDir, "public")) // public is a symlink to the live tree
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".html", ".json", ".xml", ".txt", ".csv", ".js":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out["/"+filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReconciliationIsNotPublished: the ledger-versus-report check sits
// beside the output for administrators; nothing published carries it or
// links it.
func TestReconciliationIsNotPublished(t *testing.T) {
	files := publishedText(t)
	report := build.LedgerReportPath(filepath.Join(siteDir, "public"))
	if b, err := os.ReadFile(report); err != nil || !strings.Contains(string(b), "不发布") {
		t.Errorf("no reconciliation report beside the output: %v", err)
	}
	if len(files) < 500 {
		t.Fatalf("only %d published files", len(files))
	}
	for path, text := range files {
		for _, note := range htmlcheck.ReconciliationNotes {
			if strings.Contains(text, note) {
				t.Errorf("%s carries %q", path, note)
			}
		}
	}
}
