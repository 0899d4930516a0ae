package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sxwuye/portal/generator/publish"
)

// TestConcurrentBuildsNeverMix: two builds of one output with different
// inputs at once, many times; the live tree always holds exactly what its
// manifest says, every page carries one build's title, and the loser never
// fails or says nothing changed when it did.
func TestConcurrentBuildsNeverMix(t *testing.T) {
	fsys := siteFS(t)
	out := filepath.Join(t.TempDir(), "public")
	titled := func(title string) Options {
		return Options{FS: fsys, Out: out, Generator: "g", Env: func(k string) (string, bool) {
			if k == "PORTAL_TITLE" {
				return title, true
			}
			return fixedEnv(k)
		}}
	}
	titles := []string{"丙市物业公开平台", "丁市物业公开平台"}
	for round := 0; round < 4; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, title := range titles {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = Build(titled(title))
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: build %q: %v", round, titles[i], err)
			}
		}
		liveMatchesOneBuild(t, out, titles)
	}
}

// liveMatchesOneBuild checks the live tree against its manifest, byte for
// byte and file for file, and that no page names more than one title.
func liveMatchesOneBuild(t *testing.T, out string, titles []string) {
	t.Helper()
	dest, err := os.Readlink(out)
	if err != nil {
		t.Fatal(err)
	}
	trees := publish.TreesDir(out)
	raw, err := os.ReadFile(filepath.Join(trees, filepath.Base(dest)+".manifest"))
	if err != nil {
		t.Fatal(err)
	}
	var man map[string]publish.Entry
	if err := json.Unmarshal(raw, &man); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(trees, filepath.Base(dest))
	seen := map[string]bool{}
	found := map[string]bool{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		if e, ok := man[rel]; !ok || e.Hash != hex.EncodeToString(sum[:]) {
			t.Errorf("live file %s is not the one its manifest lists", rel)
		}
		seen[rel] = true
		if strings.HasSuffix(rel, ".html") {
			for _, title := range titles {
				if strings.Contains(string(b), title) {
					found[title] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(man) {
		t.Errorf("live tree holds %d files, its manifest %d", len(seen), len(man))
	}
	if len(found) != 1 {
		t.Errorf("live pages carry %d of the titles, want exactly one: %v", len(found), found)
	}
}
