package build

import (
	"io/fs"
	"os"
	"path/filepath"
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
		b.Run(kind, func(b *testing.B) {
			var bytes int64
			for i := 0; b.Loop(); i++ {
				out, err := r.RenderOne(ps[i%len(ps)])
				if err != nil {
					b.Fatal(err)
				}
				bytes += int64(len(out))
			}
			b.ReportMetric(float64(bytes)/float64(b.N), "B/page")
		})
	}
	if fb := r.Fallbacks(); len(fb) > 0 {
		b.Errorf("pages left to html/template: %v", fb)
	}
}
