package opendata

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/sample"
)

// TestProvinceTiming measures Build at province scale; run with
// OPENDATA_PROVINCE=1 (it takes seconds, so it is off by default).
func TestProvinceTiming(t *testing.T) {
	if os.Getenv("OPENDATA_PROVINCE") == "" {
		t.Skip("set OPENDATA_PROVINCE=1")
	}
	dir := t.TempDir()
	if err := sample.WriteData(dir, sample.ScaleProvince, sample.DefaultSeed, os.DirFS(projectRoot(t))); err != nil {
		t.Fatal(err)
	}
	f, err := loadSite(dir, os.DirFS(projectRoot(t)))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := Build(f.m, f.set, f.meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, file := range res.Files {
		total += len(file.Data)
	}
	t.Logf("province: %d files, %d bytes, Build %v", len(res.Files), total, time.Since(start))
	for _, file := range res.Files {
		t.Logf("%-45s %9d", file.Path, len(file.Data))
	}
	// History: MaxVersions commits of every data file, each changing it.
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.invalid"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git("init", "-q")
	for i := 0; i <= MaxVersions; i++ {
		for _, name := range []string{"communities", "evaluations"} {
			p := filepath.Join(dir, "data", name+".csv")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, append(b, []byte(fmt.Sprintf("\n"))...), 0o644)
		}
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprint(i))
	}
	start = time.Now()
	h, err := ReadHistory(dir, MaxVersions)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ReadHistory: %d versions of communities in %v", len(h["communities"]), time.Since(start))
}
