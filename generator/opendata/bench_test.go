package opendata

import (
	"github.com/sxwuye/portal/generator/internal/cputime"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sxwuye/portal/generator/sample"
)

var (
	provinceOnce sync.Once
	provinceFix  *fixture
	provinceErr  error
)

// loadProvince generates the province-scale sample once per test binary
// (a few seconds) and loads it like the build does; the files are removed
// once loaded.
func loadProvince(b testing.TB) *fixture {
	b.Helper()
	provinceOnce.Do(func() {
		dir, err := os.MkdirTemp("", "opendata-province-")
		if err != nil {
			provinceErr = err
			return
		}
		defer os.RemoveAll(dir)
		root := projectRoot(b)
		if err := sample.WriteData(dir, sample.ScaleProvince, sample.DefaultSeed, os.DirFS(root)); err != nil {
			provinceErr = err
			return
		}
		provinceFix, provinceErr = loadSite(dir, os.DirFS(root))
	})
	if provinceErr != nil {
		b.Fatal(provinceErr)
	}
	return provinceFix
}

// BenchmarkOpendataProvince is the whole open-data phase at province scale
// into a sink that only counts bytes, as the build streams it:
//
//	go test ./generator/opendata -run '^$' -bench OpendataProvince -benchmem -cpuprofile cpu.out
func BenchmarkOpendataProvince(b *testing.B) {
	f := loadProvince(b)
	var total atomic.Int64
	sink := func(path string, data []byte) error {
		total.Add(int64(len(data)))
		return nil
	}
	runtime.GC()
	cpu0, _ := cputime.Process()
	for b.Loop() {
		total.Store(0)
		if _, err := BuildTo(f.m, f.set, f.meta, nil, sink); err != nil {
			b.Fatal(err)
		}
	}
	// CPU of every thread, the garbage collector's included: on a shared
	// two-core machine the wall time (ns/op) says little.
	if cpu1, ok := cputime.Process(); ok {
		b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	b.ReportMetric(float64(total.Load()), "bytes")
}
