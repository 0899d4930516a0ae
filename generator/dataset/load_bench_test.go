package dataset_test

import (
	"github.com/sxwuye/portal/generator/internal/cputime"
	"os"
	"path/filepath"
	"testing"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/sample"
)

// BenchmarkLoadProvince measures Load over the province-scale sample
// (23,494 communities), the first phase of every build, which runs alone.
// The data is generated once per benchmark run, outside the timed loop; it
// lives in this external test package because sample imports dataset.
//
//	GOMAXPROCS=2 go test ./generator/dataset -run '^$' -bench LoadProvince -benchtime 20x
func BenchmarkLoadProvince(b *testing.B) {
	project := os.DirFS(filepath.Join("..", ".."))
	dir := b.TempDir()
	if err := sample.WriteData(dir, sample.ScaleProvince, sample.DefaultSeed, project); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(project, nil)
	if err != nil {
		b.Fatal(err)
	}
	site := os.DirFS(dir)
	b.ReportAllocs()
	cpu0, _ := cputime.Process()
	for b.Loop() {
		rep := &diag.Report{}
		set := dataset.Load(site, dataset.Options{Config: cfg}, rep)
		if n := len(set.Communities); n != 23494 {
			b.Fatalf("%d communities, want 23494", n)
		}
		if errs, _ := rep.Counts(); errs != 0 {
			b.Fatalf("%d errors in the generated sample", errs)
		}
	}
	// Load runs alone before anything else in a build, so wall time (ns/op)
	// is what counts; CPU time shows how much of it is parallel work.
	if cpu1, ok := cputime.Process(); ok {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}
