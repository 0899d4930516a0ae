package sample

import (
	"os"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
)

// TestValidates runs the site's own validators on generated sites: no
// errors; no warning at all in the shipped sample, and at province scale
// none but the intended ones (an evaluation naming the company that served
// the community before the current one).
func TestValidates(t *testing.T) {
	for _, s := range []Scale{ScaleSample, ScaleProvince} {
		t.Run(string(s), func(t *testing.T) {
			site := os.DirFS(generate(t, s))
			cfg, err := config.Load(site, nil)
			if err != nil {
				t.Fatal(err)
			}
			rep := &diag.Report{}
			set := dataset.Load(site, dataset.Options{Config: cfg}, rep)
			levels := map[string]string{}
			for _, r := range set.Regions {
				levels[r.Code] = r.Level
			}
			docs := content.Load(site, content.Options{RegionLevel: func(c string) string { return levels[c] }}, rep)
			warnings := 0
			for _, p := range rep.Problems() {
				if s == ScaleProvince && p.Severity == diag.Warning && p.File == "data/evaluations.csv" && strings.HasPrefix(p.Field, "enterprise_id") {
					warnings++
					continue
				}
				t.Errorf("%s", p)
			}
			if s == ScaleProvince && warnings == 0 {
				t.Error("no evaluation names an earlier company: the warning is not exercised")
			}
			if s == ScaleProvince && len(docs) < 250 {
				t.Errorf("%d documents, want the 200 cases and 50 policies at least", len(docs))
			}
		})
	}
}
