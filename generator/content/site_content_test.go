package content

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/diag"
)

// regionsFromRepo reads data/regions.csv of the repository, or returns nil
// (region checks skipped) when it is not there.
func regionsFromRepo(t *testing.T) func(string) string {
	f, err := os.Open("../../data/regions.csv")
	if err != nil {
		t.Logf("data/regions.csv not readable, region codes unchecked: %v", err)
		return nil
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("data/regions.csv: %v", err)
	}
	levels := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) >= 3 {
			levels[r[0]] = r[2]
		}
	}
	return func(code string) string { return levels[code] }
}

// TestSiteContent guards the shipped content/: it loads without problems and
// keeps the coverage the site promises (every case category, most cities,
// policies in each validity status, the notice as real, not sample, content).
func TestSiteContent(t *testing.T) {
	rep := &diag.Report{}
	docs := Load(os.DirFS("../.."), Options{RegionLevel: regionsFromRepo(t)}, rep)
	for _, p := range rep.Problems() {
		t.Errorf("%v", p)
	}
	count := map[Kind]int{}
	categories := map[string]bool{}
	cities := map[string]bool{}
	statuses := map[string]bool{}
	pages := map[string]bool{}
	aliases := 0
	for _, d := range docs {
		count[d.Kind]++
		aliases += len(d.Aliases)
		isNotice := d.Source == "content/policies/sx-wuye-2022-gzap.md"
		if d.Kind != KindPage && d.Sample == isNotice {
			t.Errorf("%s: sample = %v", d.Source, d.Sample)
		}
		switch d.Kind {
		case KindCase:
			categories[d.Category] = true
			cities[d.RegionCode[:4]] = true
			if n := len([]rune(d.Text)); n < 300 || n > 800 {
				t.Errorf("%s: body has %d characters, want about 300–800", d.Source, n)
			}
			if !strings.Contains(d.Text, "示例") {
				t.Errorf("%s: a sample case must say it is fictional", d.Source)
			}
		case KindPolicy:
			statuses[d.Status] = true
			if len(d.TOC) == 0 {
				t.Errorf("%s: policy without numbered clauses", d.Source)
			}
		case KindPage:
			pages[d.Slug] = true
		}
	}
	if count[KindCase] < 12 || count[KindPolicy] < 4 || count[KindNews] < 4 {
		t.Errorf("counts: %v", count)
	}
	if len(categories) != len(Categories) {
		t.Errorf("cases cover %d of %d categories", len(categories), len(Categories))
	}
	if len(cities) < 8 {
		t.Errorf("cases cover %d cities, want at least 8", len(cities))
	}
	for _, s := range Statuses {
		if !statuses[s] {
			t.Errorf("no policy with status %s", s)
		}
	}
	for _, p := range []string{"about", "privacy", "copyright", "help", "accessibility"} {
		if !pages[p] {
			t.Errorf("page %s missing", p)
		}
	}
	if aliases == 0 {
		t.Errorf("no alias to exercise redirects")
	}
}
