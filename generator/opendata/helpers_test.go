package opendata

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/sample"
)

// projectRoot is the repository root, two levels up from this package.
func projectRoot(t testing.TB) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// fixture is a loaded sample site.
type fixture struct {
	dir  string
	cfg  *config.Config
	set  *dataset.Set
	m    *model.Model
	meta *Meta
}

var (
	sampleOnce sync.Once
	sampleFix  *fixture
	sampleErr  error
	sampleDir  string // removed by TestMain
)

// TestMain removes the generated sample, which lives as long as the test binary.
func TestMain(m *testing.M) {
	code := m.Run()
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}

// loadSample generates the shipped sample once per test binary (≈50 ms)
// into a temporary folder and loads it like the build does.
func loadSample(t testing.TB) *fixture {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "opendata-sample-")
		if err != nil {
			sampleErr = err
			return
		}
		sampleDir = dir
		root := projectRoot(t)
		if err := sample.WriteData(dir, sample.ScaleSample, sample.DefaultSeed, os.DirFS(root)); err != nil {
			sampleErr = err
			return
		}
		sampleFix, sampleErr = loadSite(dir, os.DirFS(root))
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleFix
}

// loadSite loads a site folder like the build does, with site.yaml and
// data/datasets.yaml copied from project when the folder lacks them.
func loadSite(dir string, project fs.FS) (*fixture, error) {
	for _, name := range []string{config.FileName, MetaFile} {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		b, err := fs.ReadFile(project, name)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return nil, err
		}
	}
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys, nil)
	if err != nil {
		return nil, err
	}
	rep := &diag.Report{}
	set := dataset.Load(fsys, dataset.Options{Config: cfg}, rep)
	meta := LoadMeta(fsys, rep)
	if rep.HasErrors() {
		return nil, fmt.Errorf("sample has errors: %v", rep.Problems())
	}
	v := model.Version{Date: time.Date(2023, 10, 20, 8, 0, 0, 0, time.UTC)}
	return &fixture{dir: dir, cfg: cfg, set: set, m: model.Assemble(cfg, set, nil, v), meta: meta}, nil
}

// setTables returns the public tables of every dataset, in dataset.Schemas order.
func setTables(set *dataset.Set) ([]*table, error) {
	sources, err := setSources(set)
	if err != nil {
		return nil, err
	}
	var out []*table
	for _, s := range sources {
		t, err := s.table()
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
