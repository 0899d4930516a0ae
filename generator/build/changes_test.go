package build

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sxwuye/portal/generator/changes"
	"github.com/sxwuye/portal/generator/publish"
)

// TestDryRunSummarisesChangesWithoutPublishing: a dry run names the pages
// and rows a data change touches, writes the summary beside the output and
// leaves public/ exactly as it was; the real build then reports the same.
func TestDryRunSummarisesChangesWithoutPublishing(t *testing.T) {
	fsys := siteFS(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildInto(t, fsys, out); err != nil {
		t.Fatal(err)
	}
	liveBefore, _ := os.Readlink(out)

	// One cell of one community: its households.
	f := fsys["data/communities.csv"]
	lines := bytes.SplitN(f.Data, []byte("\n"), 3)
	cells := bytes.Split(lines[1], []byte(","))
	id := string(cells[0])
	cells[5] = append(cells[5], '0')
	lines[1] = bytes.Join(cells, []byte(","))
	f.Data = bytes.Join(lines, []byte("\n"))

	dry, err := Build(Options{FS: fsys, Out: out, Env: fixedEnv, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Readlink(out); after != liveBefore {
		t.Errorf("a dry run swapped public: %s → %s", liveBefore, after)
	}
	if _, err := os.Stat(filepath.Join(publish.TreesDir(out), "b")); !os.IsNotExist(err) {
		t.Errorf("a dry run wrote a tree: %v", err)
	}
	check := func(s *changes.Summary, dryRun bool) {
		t.Helper()
		if s == nil || s.DryRun != dryRun || !s.Live {
			t.Fatalf("summary = %+v", s)
		}
		var rows *changes.Change
		for i := range s.Datasets {
			if s.Datasets[i].Name == "communities" {
				rows = &s.Datasets[i]
			}
		}
		if rows == nil || !slices.Equal(rows.Changed, []string{id}) || len(rows.Added)+len(rows.Removed) != 0 {
			t.Errorf("communities rows = %+v, want %s changed", rows, id)
		}
		if s.Totals.PagesAdded+s.Totals.PagesRemoved != 0 || s.Totals.RowsChanged != 1 {
			t.Errorf("totals = %+v", s.Totals)
		}
		var pages []string
		for _, c := range s.Sections {
			pages = append(pages, c.Changed...)
		}
		if !slices.Contains(pages, "/communities/"+id+"/") || slices.Contains(pages, "/policies/") {
			t.Errorf("changed pages = %v: want the community's page, not unrelated ones", pages)
		}
		b, err := os.ReadFile(ChangesPath(out))
		if err != nil {
			t.Fatal(err)
		}
		var onDisk changes.Summary
		if err := json.Unmarshal(b, &onDisk); err != nil || onDisk.DryRun != dryRun || onDisk.Totals != s.Totals {
			t.Errorf("%s = %s (%v)", ChangesPath(out), b, err)
		}
	}
	check(dry.Changes, true)

	real, err := buildInto(t, fsys, out)
	if err != nil {
		t.Fatal(err)
	}
	check(real.Changes, false)
	if after, _ := os.Readlink(out); after == liveBefore {
		t.Errorf("the real build did not publish")
	}
}
