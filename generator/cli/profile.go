package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
)

// lowerGCTarget makes the collector run at 50% heap growth instead of 100%
// unless GOGC says otherwise, and sets a soft memory limit of 1.7 GiB unless
// GOMEMLIMIT does. While the raw rows, the model and the open-data tables
// are all alive, the live heap is at its largest: at province scale the
// lower target cuts peak RSS by about a fifth, and at ten times that scale
// the limit keeps the peak under 2 GB (2.4 GB without it). It returns what
// to call once the rows are released (build.Options.RowsReleased).
func lowerGCTarget() (rowsReleased func()) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1700 << 20)
	}
	if os.Getenv("GOGC") != "" {
		return nil
	}
	debug.SetGCPercent(50)
	// Then the live heap is the model and the plan, about a third of the
	// peak, while rendering churns through page buffers: at 200% the
	// collector runs a quarter as often and the heap still stays below the
	// earlier peak. This saves about a fifth of a province build's CPU.
	return func() { debug.SetGCPercent(200) }
}

func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		fmt.Fprintln(stderr, err)
	}
}

// generatorID identifies this generator program by the hash of its
// executable, so that an unchanged rebuild is skipped only when the
// generator is the same too. "" (always render) when it cannot be read.
func generatorID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
