package build

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// The tests that only read a build of the shipped site share one, built on
// first use with more workers than cores (TestBuildIsDeterministicAcrossCores
// compares it with a one-core build); tests that change inputs or output
// build their own.
var (
	sharedOnce     sync.Once
	sharedDir      string
	sharedOut      string
	sharedRes      *Result
	sharedErr      error
	sharedReleased int // calls of Options.RowsReleased during the shared build
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// sharedBuild returns the output folder and result of the shared build.
// Callers must not change the folder.
func sharedBuild(t *testing.T) (string, *Result) {
	t.Helper()
	sharedOnce.Do(func() {
		if sharedDir, sharedErr = os.MkdirTemp("", "build-test-"); sharedErr != nil {
			return
		}
		sharedOut = filepath.Join(sharedDir, "public")
		prev := runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
		sharedRes, sharedErr = Build(Options{FS: siteFS(t), Out: sharedOut, Env: fixedEnv,
			RowsReleased: func() { sharedReleased++ }})
		runtime.GOMAXPROCS(prev)
	})
	if sharedErr != nil {
		t.Fatalf("shared build: %v", sharedErr)
	}
	return sharedOut, sharedRes
}
