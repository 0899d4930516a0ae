//go:build !unix

package publish

import (
	"os"
	"time"
)

// lockFile, where flock is missing, holds the lock by creating a second file
// exclusively (removed by unlockFile); a process killed while holding it
// leaves that file behind, and the waiting message names the lock so an
// operator can find it.
func lockFile(f *os.File, waiting func()) error {
	told := false
	for {
		g, err := os.OpenFile(f.Name()+".held", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			return g.Close()
		}
		if !os.IsExist(err) {
			return err
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func unlockFile(f *os.File) { _ = os.Remove(f.Name() + ".held") }
