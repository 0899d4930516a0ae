// Package gitlog reads the committed versions of a file from a git checkout
// by running the git command: the commits that touched it (git log) and the
// file's content at each of them (one git cat-file --batch process for all).
//
// Nothing is cached on disk; callers bound the work with a maximum number of
// versions. Outside a checkout, or without git, every function reports
// ErrNotRepo so the caller can fall back to the current file only.
package gitlog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ErrNotRepo means the folder is not (inside) a git work tree, or git is missing.
var ErrNotRepo = errors.New("gitlog: not a git checkout")

// Commit is one commit that changed a file.
type Commit struct {
	Hash    string    // full hash
	Short   string    // abbreviated hash
	Date    time.Time // committer date, UTC
	Subject string
}

// Log returns up to max commits that changed path (relative to root), newest
// first. Renames are not followed: a dataset's file name is part of the contract.
func Log(root, path string, max int) ([]Commit, error) {
	if max <= 0 {
		return nil, nil
	}
	cmd := exec.Command("git", "-C", root, "log", "-n", strconv.Itoa(max),
		"--format=%H%x00%h%x00%ct%x00%s", "--", path)
	out, err := cmd.Output()
	if err != nil {
		return nil, ErrNotRepo
	}
	var cs []Commit
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.SplitN(line, "\x00", 4)
		if len(f) != 4 {
			return nil, fmt.Errorf("gitlog: unexpected git log line %q", line)
		}
		n, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("gitlog: bad commit time %q", f[2])
		}
		cs = append(cs, Commit{Hash: f[0], Short: f[1], Date: time.Unix(n, 0).UTC(), Subject: f[3]})
	}
	return cs, nil
}

// Dirty reports whether path differs from HEAD in the work tree or index.
func Dirty(root, path string) (bool, error) {
	out, err := exec.Command("git", "-C", root, "status", "--porcelain", "--", path).Output()
	if err != nil {
		return false, ErrNotRepo
	}
	return len(bytes.TrimSpace(out)) > 0, nil
}

// Blobs returns the content of each "commit:path" spec, in order, from a
// single git cat-file --batch process. A spec that names no file yields nil.
func Blobs(root string, specs []string) ([][]byte, error) {
	if len(specs) == 0 {
		return nil, nil
	}
	cmd := exec.Command("git", "-C", root, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, ErrNotRepo
	}
	// Feed all requests from a goroutine: git answers while we read, and
	// writing everything first could fill both pipes and deadlock.
	go func() {
		for _, s := range specs {
			fmt.Fprintln(in, s)
		}
		in.Close()
	}()
	r := bufio.NewReaderSize(stdout, 1<<16)
	out := make([][]byte, len(specs))
	var readErr error
	for i := range specs {
		header, err := r.ReadString('\n')
		if err != nil {
			readErr = fmt.Errorf("gitlog: cat-file: %w", err)
			break
		}
		f := strings.Fields(header)
		if len(f) == 2 && f[1] == "missing" {
			continue
		}
		if len(f) != 3 {
			readErr = fmt.Errorf("gitlog: cat-file header %q", header)
			break
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			readErr = fmt.Errorf("gitlog: cat-file size %q", f[2])
			break
		}
		b := make([]byte, size+1) // content and a trailing LF
		if _, err := io.ReadFull(r, b); err != nil {
			readErr = fmt.Errorf("gitlog: cat-file body: %w", err)
			break
		}
		out[i] = b[:size]
	}
	_, _ = io.Copy(io.Discard, r)
	waitErr := cmd.Wait()
	if readErr != nil {
		return nil, readErr
	}
	if waitErr != nil {
		return nil, ErrNotRepo
	}
	return out, nil
}
