package dataset

import (
	"hash/maphash"
	"testing"
)

// A keyIndex answers as a map of its keys would, also when different keys
// share a hash: here every key has the same one.
func TestKeyIndexCollisions(t *testing.T) {
	keys := []string{"C001", "C002", "C001", "c001", "C003", "C002"}
	sameHash := func(maphash.Seed, string) uint64 { return 7 }
	for name, hash := range map[string]func(maphash.Seed, string) uint64{"colliding": sameHash, "maphash": hashString} {
		x := newKeyIndex(len(keys), hash, func(row int) string { return keys[row] })
		want := map[string]int{}
		for row, k := range keys {
			first, dup := x.add(k, row)
			w, seen := want[k]
			if !seen {
				want[k], w = row, row
			}
			if first != w || dup != seen {
				t.Errorf("%s: add(%q, %d) = %d, %v; want %d, %v", name, k, row, first, dup, w, seen)
			}
		}
		for _, k := range []string{"C001", "C002", "c001", "C003", "C004"} {
			row, ok := x.find(k)
			w, seen := want[k]
			if row != w || ok != seen {
				t.Errorf("%s: find(%q) = %d, %v; want %d, %v", name, k, row, ok, w, seen)
			}
		}
	}
}
