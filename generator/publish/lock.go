package publish

import (
	"os"
	"path/filepath"
)

// LockPath is the lock file beside out that one build holds for as long as
// it reads or changes the trees: two builds at once would write into the
// same inactive tree and swap a mix of both live.
func LockPath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

// Lock takes the build lock of out, waiting while another build holds it;
// waiting, when not nil, is called once before the wait so that the caller
// can say why nothing happens. The returned function releases the lock.
func Lock(out string, waiting func()) (unlock func(), err error) {
	p := LockPath(out)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, waiting); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}
