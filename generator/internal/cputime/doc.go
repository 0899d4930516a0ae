// Package cputime reads the CPU time of the process, for benchmarks that
// report CPU alongside wall time: on a shared 2-core machine the wall time
// of a parallel phase says little, its CPU time much more.
package cputime
