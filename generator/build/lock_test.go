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

// TestSameSizeEditIsRepaired: a live file overwritten in place with bytes of
// the same length (dd conv=notrunc) is noticed by the no-change shortcut and
// rewritten; the copy hard-linked into the other tree is not reused either.
func TestSameSizeEditIsRepaired(t *testing.T) {
	fsys := siteFS(t)
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{FS: fsys, Out: out, Env: fixedEnv, Generator: "g"}
	for i := 0; i < 2; i++ { // two builds: both trees hold site.css, hard-linked
		if _, err := Build(opts); err != nil {
			t.Fatal(err)
		}
	}
	css := filepath.Join(out, "static", "site.css")
	want, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(css, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("XXXXXXXX"), 16); err != nil {
		t.Fatal(err)
	}
	f.Close()

	res, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged {
		t.Fatal("a build after a same-size edit said the site is up to date")
	}
	if got, _ := os.ReadFile(css); string(got) != string(want) {
		t.Fatal("the altered site.css was not repaired")
	}
	// The next build with changed inputs fills the tree that held the
	// damaged copy; it must not keep it.
	changed := siteFS(t)
	changed["content/pages/about.md"].Data = append(changed["content/pages/about.md"].Data, []byte("\n补充一句。\n")...)
	opts.FS = changed
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(css); string(got) != string(want) {
		t.Fatal("the damaged copy of site.css came back live")
	}
	if res, _ := Build(opts); !res.Unchanged {
		t.Error("an intact site was rebuilt")
	}
}
