// Package csvrows reads a CSV file into rows keyed by its header, with
// encoding/csv alone: tests use it to check pages against the shipped data
// without going through the dataset package they are checking.
package csvrows

import (
	"encoding/csv"
	"os"
	"testing"
)

// Read returns the rows of the CSV file at path, each a map from column
// key to value; it fails the test when the file cannot be read.
func Read(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: no header", path)
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(rec))
		for i, k := range recs[0] {
			row[k] = rec[i]
		}
		out = append(out, row)
	}
	return out
}
