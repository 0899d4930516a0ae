package build

import (
	"testing"
)

// The shipped sample is the first thing a newcomer builds: it must validate
// with no warning at all, staleness included (site.yaml pins its data version
// date to the day the sample describes, so the answer does not depend on
// when the repository was last committed to).
func TestShippedSampleHasNoWarnings(t *testing.T) {
	site, err := Load(Options{Root: "../.."})
	if err != nil {
		t.Fatal(err)
	}
	if site.Model == nil {
		t.Fatalf("the shipped site has errors: %v", site.Report.Problems())
	}
	if got := site.Model.Version.Date.Format("2006-01-02"); got != site.Config.VersionDate.Format("2006-01-02") {
		t.Errorf("data version date %s, want site.yaml's version_date %s", got, site.Config.VersionDate.Format("2006-01-02"))
	}
	for _, p := range site.Report.Problems() {
		t.Errorf("%s", p)
	}
}
