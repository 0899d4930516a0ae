package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/render"
	"github.com/sxwuye/portal/generator/sample"
)

// BenchmarkRenderProvince renders the community and company pages of the
// province-scale sample without writing them: the CPU the build spends on
// templates, apart from the disk.
func BenchmarkRenderProvince(b *testing.B) {
	dir := b.TempDir()
	if err := sample.Write(dir, sample.ScaleProvince, sample.DefaultSeed, os.DirFS(filepath.Join("..", ".."))); err != nil {
		b.Fatal(err)
	}
	site, err := Load(Options{Root: dir})
	if err != nil || site.Report.HasErrors() {
		b.Fatal(err, site.Report)
	}
	tmpl, _ := fs.Sub(os.DirFS(dir), "templates")
	r, err := render.New(tmpl, &render.Site{Config: site.Config, Updated: site.Model.Version.Date})
	if err != nil {
		b.Fatal(err)
	}
	early, err := pages.NewPlanner(site.Model).Early()
	if err != nil {
		b.Fatal(err)
	}
	byKind := map[string][]*render.Page{}
	for _, p := range early {
		byKind[p.Template] = append(byKind[p.Template], p)
	}
	for _, kind := range []string{"community", "enterprise", "region"} {
		ps := byKind[kind]
		// Batches through Render, as the build does: one reused buffer
		// per worker, so the figures are the build's, not a fresh
		// buffer's growth.
		batch := min(len(ps), 256)
		b.Run(kind, func(b *testing.B) {
			var bytes, pagesDone atomic.Int64
			for i := 0; b.Loop(); i++ {
				start := (i * batch) % (len(ps) - batch + 1)
				err := r.Render(ps[start:start+batch], func(f render.File) error {
					bytes.Add(int64(len(f.Data)))
					pagesDone.Add(1)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			n := float64(pagesDone.Load())
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/page")
			b.ReportMetric(float64(bytes.Load())/n, "B/page")
		})
	}
	if fb := r.Fallbacks(); len(fb) > 0 {
		b.Errorf("pages left to html/template: %v", fb)
	}
}
