package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/model"
)

// TestReadOriginals: a release's signed original is read from content/;
// a missing file, a path outside content/ or a name unfit for a URL is an
// error naming its site.yaml key, and the others are still read.
func TestReadOriginals(t *testing.T) {
	cfg := &config.Config{}
	for _, o := range []string{"evaluations/2023-notice.pdf", "evaluations/missing.pdf", "../secret.pdf", "evaluations/公示.pdf", ""} {
		cfg.Evaluation.Periods = append(cfg.Evaluation.Periods, config.Period{ID: "p" + string(rune('0'+len(cfg.Evaluation.Periods))), Original: o})
	}
	m := &model.Model{Config: cfg, PeriodByID: map[string]*model.Period{}}
	for _, cp := range cfg.Evaluation.Periods {
		m.PeriodByID[cp.ID] = &model.Period{Period: cp}
	}
	fsys := fstest.MapFS{
		"content/evaluations/2023-notice.pdf": {Data: []byte("%PDF-1.4 sample")},
		"content/evaluations/公示.pdf":          {Data: []byte("%PDF-1.4 sample")},
	}
	rep := &diag.Report{}
	readOriginals(m, fsys, rep)
	if a := m.PeriodByID["p0"].OriginalFile; a == nil || a.Name != "2023-notice.pdf" || string(a.Data) != "%PDF-1.4 sample" {
		t.Errorf("p0 original: %+v", a)
	}
	var keys []string
	for _, p := range rep.Problems() {
		keys = append(keys, p.Field)
		if p.File != config.FileName || p.Severity != diag.Error {
			t.Errorf("problem not an error in site.yaml: %+v", p)
		}
	}
	want := "evaluation.periods[1].original evaluation.periods[2].original evaluation.periods[3].original"
	if strings.Join(keys, " ") != want {
		t.Errorf("problems at %v, want %s", keys, want)
	}
	for _, id := range []string{"p1", "p2", "p3", "p4"} {
		if m.PeriodByID[id].OriginalFile != nil {
			t.Errorf("%s has an original", id)
		}
	}
}
