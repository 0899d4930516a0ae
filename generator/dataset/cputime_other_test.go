//go:build !unix

package dataset_test

// processCPU cannot be read here.
func processCPU() int64 { return -1 }
