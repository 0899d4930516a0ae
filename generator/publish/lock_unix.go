//go:build unix

package publish

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on f. The kernel drops it when the
// process ends in any way, kill -9 included, so a lock is never left stale.
func lockFile(f *os.File, waiting func()) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == nil {
		return nil
	}
	if !errors.Is(err, syscall.EWOULDBLOCK) {
		return err
	}
	if waiting != nil {
		waiting()
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// unlockFile: closing the file releases the flock.
func unlockFile(*os.File) {}
