package dataset

import "hash/maphash"

// keyIndex finds the first row of each key, for the uniqueness rules and the
// lookups of one file's rows by another. A map of the keys themselves costs
// some 60 bytes a row, two strings and the map's own room, which at 1.5
// million communities is most of what validation holds beyond the cells.
// This one keeps a 64-bit hash of each key and the row's number, and reads
// the key back from the row when the hash is found; a different key with the
// same hash (which the 64-bit hash makes a rarity, but not impossible) goes
// to a map of its own, so the answers are those of a map of the keys.
type keyIndex[K comparable] struct {
	seed  maphash.Seed
	hash  func(maphash.Seed, K) uint64
	keyOf func(row int) K // the key of a row already added
	first map[uint64]int32
	other map[K]int32 // keys whose hash an earlier, different key has
}

func newKeyIndex[K comparable](rows int, hash func(maphash.Seed, K) uint64, keyOf func(int) K) *keyIndex[K] {
	return &keyIndex[K]{seed: maphash.MakeSeed(), hash: hash, keyOf: keyOf, first: make(map[uint64]int32, rows)}
}

// add records row under key, unless an earlier row has that key: then it
// returns that row and true.
func (x *keyIndex[K]) add(key K, row int) (int, bool) {
	h := x.hash(x.seed, key)
	first, ok := x.first[h]
	if !ok {
		x.first[h] = int32(row)
		return row, false
	}
	if x.keyOf(int(first)) == key {
		return int(first), true
	}
	if r, ok := x.other[key]; ok {
		return int(r), true
	}
	if x.other == nil {
		x.other = make(map[K]int32)
	}
	x.other[key] = int32(row)
	return row, false
}

// find returns the first row with key.
func (x *keyIndex[K]) find(key K) (int, bool) {
	first, ok := x.first[x.hash(x.seed, key)]
	if !ok {
		return 0, false
	}
	if x.keyOf(int(first)) == key {
		return int(first), true
	}
	r, ok := x.other[key]
	return int(r), ok
}

// hashString is the hash of a key that is one string.
func hashString(seed maphash.Seed, s string) uint64 { return maphash.String(seed, s) }

// hashPair is the hash of a key of two strings.
func hashPair(seed maphash.Seed, k [2]string) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(k[0])
	h.WriteByte(0) // ("ab", "c") and ("a", "bc") are different keys
	h.WriteString(k[1])
	return h.Sum64()
}
