package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// siteOnDisk writes the shipped site into a temporary folder.
func siteOnDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for p, f := range siteFS(t) {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSymlinksOutsideTheSiteAreRefused: a Markdown file linked to a file
// outside the site, a linked folder and a dangling link are errors naming
// the link, in Chinese, before anything is read through them; a link to a
// file inside the site is read.
func TestSymlinksOutsideTheSiteAreRefused(t *testing.T) {
	root := siteOnDisk(t)
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("---\ntitle: 机密\n---\n站外文件的内容\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"content/pages/outside.md": secret,
		"content/pages/root":       filepath.Join(root, "content", "news"),
		"content/news/gone.md":     filepath.Join(root, "nowhere.md"),
		"templates/static/x.css":   "/etc/hostname",
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	inside := filepath.Join(root, "content", "pages", "about-link.md")
	if err := os.Symlink(filepath.Join(root, "content", "pages", "about.md"), inside); err != nil {
		t.Fatal(err)
	}
	site, err := Load(Options{Root: root, Env: fixedEnv})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]string{}
	for _, p := range site.Report.Problems() {
		byFile[p.File] += p.String() + "\n"
		if strings.Contains(p.String(), "is a directory") || strings.Contains(p.String(), "no such file") {
			t.Errorf("message in English: %s", p)
		}
	}
	for link := range links {
		if !strings.Contains(byFile[link], "符号链接") {
			t.Errorf("%s not refused: %q", link, byFile[link])
		}
	}
	if byFile["content/pages/about-link.md"] != "" && strings.Contains(byFile["content/pages/about-link.md"], "符号链接") {
		t.Errorf("a link inside the site was refused: %s", byFile["content/pages/about-link.md"])
	}
	if _, err := Build(Options{Root: root, Env: fixedEnv, Generator: "g"}); err != ErrInvalid {
		t.Errorf("build with outside links: %v, want ErrInvalid", err)
	}
}
