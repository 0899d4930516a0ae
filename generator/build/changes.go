package build

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/sxwuye/portal/generator/changes"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/publish"
)

// ChangesPath is the change summary of the output folder out, as JSON for
// review tools: beside it, never inside it, so it is not published.
func ChangesPath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), filepath.Base(out)+".changes.json")
}

// machineCSV is the output path of a dataset's machine CSV
// (opendata.DatasetPath of the "csv" format), which holds every public row.
func machineCSV(name string) string { return "data/" + name + "/" + name + ".csv" }

// startReview asks the publication for what the change summary needs: page
// digests that skip the data version date every page shows, and the bytes
// of the datasets' machine CSVs.
func startReview(tx *publish.Tx, site *Site) {
	tx.PageDigests(site.Model.Version.Date.Format("2006-01-02"))
	var keep []string
	for _, s := range dataset.Schemas {
		keep = append(keep, machineCSV(s.Name))
	}
	tx.Keep(keep...)
}

// review compares the build in tx with the live site. Call it after the
// last Write and before Commit.
func review(tx *publish.Tx, dry bool) (*changes.Summary, error) {
	s := &changes.Summary{DryRun: dry, Live: tx.HasLive()}
	d := tx.Pages()
	s.AddPages(d.Added, d.Removed, d.Changed)
	for _, sc := range dataset.Schemas {
		rel := machineCSV(sc.Name)
		old, err := tx.LiveFile(rel)
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if err := s.AddRows(sc, old, tx.Kept(rel)); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// writeChanges writes the summary beside out through a temporary file.
func writeChanges(out string, s *changes.Summary) error {
	p := ChangesPath(out)
	if err := os.WriteFile(p+".tmp", s.JSON(), 0o644); err != nil {
		return fmt.Errorf("变更摘要 %s：%w", p, err)
	}
	return os.Rename(p+".tmp", p)
}
