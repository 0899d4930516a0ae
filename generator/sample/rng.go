package sample

import "hash/fnv"

// rng is a small splitmix64 generator. The standard library's generators do
// not promise the same stream across Go releases; the shipped sample must be
// reproducible forever from its seed, so the algorithm lives here.
type rng struct{ s uint64 }

// newRNG derives an independent stream for one part of the dataset, so that
// drawing more numbers in one part never shifts the values of another.
func newRNG(seed int64, stream string) *rng {
	h := fnv.New64a()
	h.Write([]byte(stream))
	r := &rng{s: uint64(seed) ^ h.Sum64()}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n); n > 0. The modulo bias is irrelevant here.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a value in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a value in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// uniform returns a value in [lo, hi).
func (r *rng) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// normal returns a standard normal value (sum of uniforms: cheap, bounded, good enough).
func (r *rng) normal() float64 {
	s := 0.0
	for i := 0; i < 12; i++ {
		s += r.float()
	}
	return s - 6
}

// weighted returns an index drawn with the given non-negative weights.
func (r *rng) weighted(w []float64) int {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	t := r.float() * sum
	for i, x := range w {
		if t < x {
			return i
		}
		t -= x
	}
	return len(w) - 1
}

// pick returns a random element.
func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// shuffle permutes n elements with swap (Fisher–Yates).
func (r *rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.intn(i+1))
	}
}
