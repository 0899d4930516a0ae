package opendata

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sxwuye/portal/generator/sample"
)

// BenchmarkReadHistory reads MaxVersions commits of the two largest data
// files at province scale (BenchmarkOpendataProvince times the downloads):
// go test ./generator/opendata -run '^$' -bench ReadHistory
func BenchmarkReadHistory(b *testing.B) {
	dir := b.TempDir()
	if err := sample.WriteData(dir, sample.ScaleProvince, sample.DefaultSeed, os.DirFS(projectRoot(b))); err != nil {
		b.Fatal(err)
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.invalid"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git("init", "-q")
	for i := 0; i <= MaxVersions; i++ {
		for _, name := range []string{"communities", "evaluations"} {
			p := filepath.Join(dir, "data", name+".csv")
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprint(i))
	}
	for b.Loop() {
		h, err := ReadHistory(dir, MaxVersions)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(h["communities"])), "versions")
	}
}
