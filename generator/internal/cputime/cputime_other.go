//go:build !unix

package cputime

import "time"

// Process cannot read the CPU time on this system.
func Process() (d time.Duration, ok bool) { return 0, false }
