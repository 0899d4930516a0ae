package build

import (
	"testing"

	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/freshness"
)

// TestShippedSampleHasNoWarnings: the shipped site validates without a
// warning, but for the columns' staleness, which depends on the data
// version date (when it is built), not on the data.
func TestShippedSampleHasNoWarnings(t *testing.T) {
	site, err := Load(Options{Root: "../.."})
	if err != nil {
		t.Fatal(err)
	}
	if site.Model == nil {
		t.Fatalf("the shipped site has errors: %v", site.Report.Problems())
	}
	stale := &diag.Report{}
	freshness.Check(freshness.Columns(site.Model), site.Model.Version.Date, stale)
	expected := map[string]bool{}
	for _, p := range stale.Problems() {
		expected[p.String()] = true
	}
	for _, p := range site.Report.Problems() {
		if !expected[p.String()] {
			t.Errorf("%s", p)
		}
	}
}
