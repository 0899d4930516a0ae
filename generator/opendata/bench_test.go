package opendata

import (
	"crypto/sha256"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/internal/cputime"
	"github.com/sxwuye/portal/generator/sample"
)

// scaleFixture is a generated sample of one scale, loaded once per test binary.
type scaleFixture struct {
	once sync.Once
	fix  *fixture
	err  error
}

var scaleFixtures = map[sample.Scale]*scaleFixture{
	sample.ScaleProvince: {},
	sample.ScaleNational: {},
}

// loadScale generates a sample of a scale once per test binary (seconds)
// and loads it like the build does; the files are removed once loaded.
func loadScale(b testing.TB, scale sample.Scale) *fixture {
	b.Helper()
	s := scaleFixtures[scale]
	s.once.Do(func() {
		dir, err := os.MkdirTemp("", "opendata-"+string(scale)+"-")
		if err != nil {
			s.err = err
			return
		}
		defer os.RemoveAll(dir)
		root := projectRoot(b)
		if err := sample.WriteData(dir, scale, sample.DefaultSeed, os.DirFS(root)); err != nil {
			s.err = err
			return
		}
		s.fix, s.err = loadSite(dir, os.DirFS(root))
	})
	if s.err != nil {
		b.Fatal(s.err)
	}
	return s.fix
}

// loadProvince is loadScale at province scale.
func loadProvince(b testing.TB) *fixture { return loadScale(b, sample.ScaleProvince) }

// BenchmarkOpendataProvince is the whole open-data phase at province scale
// into a sink that only counts bytes, as the build streams it:
//
//	GOGC=50 GOMEMLIMIT=1700MiB go test ./generator/opendata -run '^$' -bench OpendataProvince -benchmem -cpuprofile cpu.out
func BenchmarkOpendataProvince(b *testing.B) {
	benchOpendata(b, loadProvince(b))
}

// BenchmarkOpendataNational is the same at national scale (ten times the
// province; loading it takes seconds and about a gigabyte), so it runs only
// when -bench names it:
//
//	GOGC=50 GOMEMLIMIT=1700MiB go test ./generator/opendata -run '^$' -bench OpendataNational -benchtime 3x
func BenchmarkOpendataNational(b *testing.B) {
	if !benchNamed("National") {
		b.Skip("run with -bench OpendataNational")
	}
	benchOpendata(b, loadScale(b, sample.ScaleNational))
}

// benchNamed reports whether the -bench pattern names word outright, not
// merely matches it (as "." does).
func benchNamed(word string) bool {
	for _, a := range os.Args {
		if strings.HasPrefix(a, "-test.bench=") && strings.Contains(a, word) {
			return true
		}
	}
	return false
}

func benchOpendata(b *testing.B, f *fixture) {
	var total atomic.Int64
	sink := func(path string, data []byte, _ [sha256.Size]byte) error {
		total.Add(int64(len(data)))
		return nil
	}
	runtime.GC()
	peak := startHeapPeak()
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
	base, max, live := peak()
	b.ReportMetric(float64(base)/(1<<20), "base-heap-MiB")
	b.ReportMetric(float64(max-base)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(live-base)/(1<<20), "peak-live-MiB")
	b.ReportMetric(float64(total.Load()), "bytes")
}

// startHeapPeak samples the bytes of heap objects (live and not yet swept)
// and the live heap of the last GC every millisecond; the function it
// returns stops the sampler and returns the first sample of the former (the
// fixture, after a GC) and the largest of each. The excess over the first
// is what the phase adds to the build's peak.
func startHeapPeak() func() (base, max, live uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	var max, live atomic.Uint64
	read := func() uint64 {
		metrics.Read(s)
		if v := s[1].Value.Uint64(); v > live.Load() {
			live.Store(v)
		}
		return s[0].Value.Uint64()
	}
	base := read()
	max.Store(base)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if v := read(); v > max.Load() {
					max.Store(v)
				}
			}
		}
	}()
	return func() (uint64, uint64, uint64) {
		close(done)
		<-stopped
		return base, max.Load(), live.Load()
	}
}
