// Package publish writes a build into the output folder atomically and
// incrementally at once, the blue-green way:
//
//	public            -> symlink to .public-trees/a or .public-trees/b (the live tree)
//	.public-trees/a   one tree, with a.manifest beside it (path → size and SHA-256)
//	.public-trees/b   the other tree
//
// A build brings the inactive tree up to date: a file whose bytes it already
// holds is left alone; a file whose bytes the live tree holds is hard-linked
// from it (no bytes written, modification time kept); any other file is
// written to a temporary name and renamed. Files the build no longer produces
// are deleted. Only when every file is in place does one rename swap the
// public symlink to the updated tree. A build that fails or is killed before
// that leaves public untouched, and unchanged files keep their mtime, so an
// rsync or object-storage sync uploads only what changed.
//
// Only this package writes to the output folder.
package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
)

// Entry is what a manifest records of a file.
type Entry struct {
	Size int64  `json:"size"`
	Hash string `json:"sha256"`
}

// Stats tells what a publication did.
type Stats struct {
	Files     int // files in the build
	Written   int // files written with new bytes
	Linked    int // files taken from the live tree by hard link
	Unchanged int // files the updated tree already held
	Deleted   int // files removed
	Bytes     int64
}

// Tx is one publication in progress. Write is safe for concurrent use.
type Tx struct {
	out      string // the public path (a symlink once published)
	trees    string // folder holding both trees
	live     string // "a", "b" or "" when nothing is published yet
	target   string // the tree being updated
	liveMan  map[string]Entry
	mu       sync.Mutex
	man      map[string]Entry // target tree's state, updated as files are written
	produced map[string]bool
	folders  map[string]bool // folders of the files produced so far
	dirs     sync.Map        // directories already created in the target tree
	stats    Stats
	done     bool
	// fresh: the target tree was empty at the start, so no file needs
	// unlinking before it is written (saves a syscall per file).
	fresh bool
	// known: the target's manifest was read, so it lists every file of the
	// tree and stale files can be found without walking the tree.
	known bool
	held  []string // files of the target tree at the start, from its manifest
	// inputs fingerprints what the build was made from; recorded beside the
	// tree on Commit so that an identical rebuild can be skipped (see Current).
	inputs string
	// distrusted: live files found damaged (see Distrust).
	distrusted []string
	// gzipMin: text files of at least this many bytes get a gzip copy
	// beside them (precompress.go); 0 turns that off.
	gzipMin int
	// Review (review.go): a dry run writes nothing; page digests and kept
	// files feed the change summary.
	dry         bool
	digestMask  []byte
	digests     map[string]uint64
	liveDigests map[string]uint64
	keep        map[string][]byte
}

// SetInputs records the fingerprint of the build's inputs with the tree.
func (tx *Tx) SetInputs(fingerprint string) { tx.inputs = fingerprint }

func (tx *Tx) inputsPath(name string) string { return filepath.Join(tx.trees, name+".inputs") }

// Live is the live tree under out as found on disk.
type Live struct {
	// Found: there is a live tree with a readable manifest.
	Found bool
	// Inputs is the fingerprint of the inputs recorded with the tree, if any.
	Inputs string
	// Files is the number of files its manifest lists.
	Files int
	// Damaged lists the files (sorted) that are missing or whose bytes are
	// not the ones the manifest records: edited in place, even at the same
	// size, truncated or replaced.
	Damaged []string
}

// Intact reports whether the live tree holds exactly what its manifest says.
func (l Live) Intact() bool { return l.Found && len(l.Damaged) == 0 }

// Verify reads every file of the live tree under out and compares its
// SHA-256 with the manifest, on every core. It is what lets a build skip an
// identical rebuild without ever keeping an altered file, and what keeps a
// damaged live file from being hard-linked into the next tree.
func Verify(out string) Live {
	out = filepath.Clean(out)
	dest, err := os.Readlink(out)
	if err != nil {
		return Live{}
	}
	trees := TreesDir(out)
	name := filepath.Base(dest)
	man, ok := loadManifest(filepath.Join(trees, name+".manifest"))
	if !ok {
		return Live{}
	}
	fp, _ := os.ReadFile(filepath.Join(trees, name+".inputs"))
	live := Live{Found: true, Inputs: string(fp), Files: len(man)}
	rels := make([]string, 0, len(man))
	for rel := range man {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	root := filepath.Join(trees, name)
	bad := make([]bool, len(rels))
	workers := max(1, min(len(rels), runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(rels); i += workers {
				bad[i] = !holds(filepath.Join(root, filepath.FromSlash(rels[i])), man[rels[i]])
			}
		}()
	}
	wg.Wait()
	for i, b := range bad {
		if b {
			live.Damaged = append(live.Damaged, rels[i])
		}
	}
	return live
}

// holds reports whether p is a regular file with exactly the bytes of e.
func holds(p string, e Entry) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.Size {
		return false
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == e.Hash
}

// Distrust marks files of the live tree found damaged (see Verify): they are
// written afresh, never hard-linked from the live copy nor kept in the
// updated tree (which may share the damaged inode), and once public is
// swapped the old tree's manifest forgets them, so the next build rewrites
// them there too. Call it before the first Write.
func (tx *Tx) Distrust(damaged []string) {
	for _, rel := range damaged {
		delete(tx.liveMan, rel)
		delete(tx.man, rel)
	}
	tx.distrusted = append(tx.distrusted, damaged...)
}

// TreesDir is the folder beside out that holds the two trees.
func TreesDir(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+"-trees")
}

// Begin starts a publication into out (e.g. "public").
func Begin(out string) (*Tx, error) {
	out = filepath.Clean(out)
	tx := &Tx{out: out, trees: TreesDir(out), produced: map[string]bool{}, folders: map[string]bool{}}
	if err := os.MkdirAll(tx.trees, 0o755); err != nil {
		return nil, err
	}
	if dest, err := os.Readlink(out); err == nil {
		tx.live = filepath.Base(dest)
	}
	tx.target = "a"
	if tx.live == "a" {
		tx.target = "b"
	}
	if tx.live != "" {
		tx.liveMan = readManifest(tx.manifestPath(tx.live))
		tx.liveDigests = readDigests(tx.digestPath(tx.live))
	}
	tx.man, tx.known = loadManifest(tx.manifestPath(tx.target))
	for rel := range tx.man {
		tx.held = append(tx.held, rel)
	}
	// The target's manifest is removed while the tree is being changed, so a
	// build killed half-way never leaves a manifest that lies about the tree.
	if err := os.Remove(tx.manifestPath(tx.target)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.Remove(tx.inputsPath(tx.target)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if entries, err := os.ReadDir(tx.treePath(tx.target)); err == nil {
		tx.fresh = len(entries) == 0
	} else if errors.Is(err, fs.ErrNotExist) {
		tx.fresh = true
	}
	if err := os.MkdirAll(tx.treePath(tx.target), 0o755); err != nil {
		return nil, err
	}
	return tx, nil
}

func (tx *Tx) treePath(name string) string     { return filepath.Join(tx.trees, name) }
func (tx *Tx) manifestPath(name string) string { return filepath.Join(tx.trees, name+".manifest") }

func readManifest(p string) map[string]Entry {
	m, _ := loadManifest(p)
	return m
}

// loadManifest reads a manifest; ok is false when there is none or it is unreadable.
func loadManifest(p string) (map[string]Entry, bool) {
	m := map[string]Entry{}
	b, err := os.ReadFile(p)
	if err != nil {
		return m, false
	}
	if json.Unmarshal(b, &m) != nil {
		return map[string]Entry{}, false
	}
	return m, true
}

// Write puts one file of the build in place in the target tree.
func (tx *Tx) Write(rel string, data []byte) error {
	return tx.WriteSum(rel, data, sha256.Sum256(data))
}

// WriteSum is Write for a caller that has the SHA-256 of data already (open
// data does, for its catalogs), so that no file is hashed twice.
func (tx *Tx) WriteSum(rel string, data []byte, sum [sha256.Size]byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	e := Entry{Size: int64(len(data)), Hash: hex.EncodeToString(sum[:])}
	tx.review(rel, data)
	gz := tx.gzipFor(rel, e, data) // looked up before rel is recorded
	if err := tx.put(rel, e, func() []byte { return data }); err != nil {
		return err
	}
	return gz.write(tx)
}

// put places one file with entry e in the target tree; data gives its bytes
// when they have to be written.
func (tx *Tx) put(rel string, e Entry, data func() []byte) error {
	tx.mu.Lock()
	if err := tx.claim(rel); err != nil {
		tx.mu.Unlock()
		return err
	}
	have, haveOK := tx.man[rel]
	live, liveOK := tx.liveMan[rel]
	tx.stats.Files++
	tx.stats.Bytes += e.Size
	if tx.dry { // what a real build would do, without doing it
		tx.man[rel] = e
		if liveOK && live == e {
			tx.stats.Linked++
		} else {
			tx.stats.Written++
		}
		tx.mu.Unlock()
		return nil
	}
	tx.mu.Unlock()

	dst := filepath.Join(tx.treePath(tx.target), filepath.FromSlash(rel))
	if haveOK && have == e {
		if fi, err := os.Lstat(dst); err == nil && fi.Mode().IsRegular() && fi.Size() == e.Size {
			tx.count(func(s *Stats) { s.Unchanged++ })
			return nil
		}
	}
	if err := tx.mkdir(filepath.Dir(dst)); err != nil {
		return err
	}
	if liveOK && live == e {
		src := filepath.Join(tx.treePath(tx.live), filepath.FromSlash(rel))
		tmp := dst + ".tmp-link"
		_ = os.Remove(tmp)
		if err := os.Link(src, tmp); err == nil {
			if err := os.Rename(tmp, dst); err != nil {
				return err
			}
			tx.record(rel, e, func(s *Stats) { s.Linked++ })
			return nil
		}
	}
	// The target tree is not live, so files are written in place; but an
	// existing file may be a hard link shared with the live tree, so it is
	// unlinked first and the new bytes go to a fresh inode.
	if !tx.fresh {
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			// A folder now has to become a file.
			if fi, lerr := os.Lstat(dst); lerr != nil || !fi.IsDir() || os.RemoveAll(dst) != nil {
				return err
			}
		}
	}
	if err := writeNew(dst, data()); err != nil {
		return err
	}
	tx.record(rel, e, func(s *Stats) { s.Written++ })
	return nil
}

// claim records rel as produced by this build, refusing a path already
// produced, a file where a produced file needs a folder, and a folder where
// a file was produced: within one build no output replaces another. The
// caller holds tx.mu.
func (tx *Tx) claim(rel string) error {
	if tx.produced[rel] {
		return fmt.Errorf("输出文件 %s 被生成了两次", rel)
	}
	if tx.folders[rel] {
		return fmt.Errorf("输出路径 %s 已是本次生成的文件夹，不能再写成文件", rel)
	}
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if tx.produced[dir] {
			return fmt.Errorf("输出文件 %s 已由本次生成写出，不能再作为文件夹写入 %s", dir, rel)
		}
		if tx.folders[dir] {
			break // its parents were recorded with it
		}
	}
	for dir := path.Dir(rel); dir != "." && !tx.folders[dir]; dir = path.Dir(dir) {
		tx.folders[dir] = true
	}
	tx.produced[rel] = true
	return nil
}

// writeNew creates a file that must not exist yet and writes data to it.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil {
		return werr
	}
	return cerr
}

func (tx *Tx) count(f func(*Stats)) {
	tx.mu.Lock()
	f(&tx.stats)
	tx.mu.Unlock()
}

func (tx *Tx) record(rel string, e Entry, f func(*Stats)) {
	tx.mu.Lock()
	tx.man[rel] = e
	f(&tx.stats)
	tx.mu.Unlock()
}

func (tx *Tx) mkdir(dir string) error {
	if _, ok := tx.dirs.Load(dir); ok {
		return nil
	}
	// One mkdir is the common case (a new folder in a new tree); only when
	// it fails do we look at what is there.
	err := os.Mkdir(dir, 0o755)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrExist):
		if fi, lerr := os.Lstat(dir); lerr == nil && !fi.IsDir() {
			// A file now has to become a folder: replace it.
			if err := os.Remove(dir); err != nil {
				return err
			}
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
		}
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		// The parent is missing, or is a file that must become a folder.
		if err := tx.mkdir(filepath.Dir(dir)); err != nil {
			return err
		}
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	default:
		return err
	}
	tx.dirs.Store(dir, true)
	return nil
}

// checkRel refuses paths that could leave the output folder.
func checkRel(rel string) error {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || filepath.IsAbs(rel) {
		return fmt.Errorf("非法的输出路径 %q", rel)
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("非法的输出路径 %q", rel)
		}
	}
	return nil
}

// Commit deletes what the build no longer produces, records the manifest and
// swaps public to the updated tree.
func (tx *Tx) Commit() (Stats, error) {
	if tx.done {
		return tx.stats, errors.New("publication already finished")
	}
	tx.done = true
	if tx.dry {
		for rel := range tx.liveMan {
			if !tx.produced[rel] {
				tx.stats.Deleted++
			}
		}
		return tx.stats, nil
	}
	root := tx.treePath(tx.target)
	var stale []string
	switch {
	case tx.fresh:
		// Nothing was there before this build.
	case tx.known && tx.held != nil:
		for _, rel := range tx.held {
			if !tx.produced[rel] {
				stale = append(stale, filepath.Join(root, filepath.FromSlash(rel)))
			}
		}
		sort.Strings(stale)
	default:
		// No trustworthy manifest (a build was killed): look at the tree itself.
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			if !tx.produced[filepath.ToSlash(rel)] {
				stale = append(stale, p)
			}
			return nil
		})
		if err != nil {
			return tx.stats, err
		}
	}
	for _, p := range stale {
		// ENOTDIR: a folder on its path became a file of this build, so it is gone already.
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			if fi, lerr := os.Lstat(p); lerr == nil && fi.IsDir() {
				continue // the old file's name is now a folder of this build
			}
			return tx.stats, err
		}
		rel, _ := filepath.Rel(root, p)
		delete(tx.man, filepath.ToSlash(rel))
		tx.stats.Deleted++
	}
	if len(stale) > 0 {
		removeEmptyDirs(root)
	}
	for rel := range tx.man {
		if !tx.produced[rel] {
			delete(tx.man, rel)
		}
	}
	if err := writeManifest(tx.manifestPath(tx.target), tx.man); err != nil {
		return tx.stats, err
	}
	if err := os.Remove(tx.inputsPath(tx.target)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return tx.stats, err
	}
	if tx.inputs != "" {
		if err := os.WriteFile(tx.inputsPath(tx.target), []byte(tx.inputs), 0o644); err != nil {
			return tx.stats, err
		}
	}
	if err := tx.writeDigests(); err != nil {
		return tx.stats, err
	}
	if err := tx.swap(); err != nil {
		return tx.stats, err
	}
	if len(tx.distrusted) > 0 && tx.live != "" {
		// The old live tree is now the inactive one, still holding the
		// damaged files under entries that say they are sound.
		old := readManifest(tx.manifestPath(tx.live))
		for _, rel := range tx.distrusted {
			delete(old, rel)
		}
		if err := writeManifest(tx.manifestPath(tx.live), old); err != nil {
			return tx.stats, err
		}
	}
	return tx.stats, nil
}

// swap points out at the target tree with one rename of a fresh symlink.
func (tx *Tx) swap() error {
	rel, err := filepath.Rel(filepath.Dir(tx.out), tx.treePath(tx.target))
	if err != nil {
		return err
	}
	tmp := tx.out + ".swap"
	_ = os.Remove(tmp)
	if err := os.Symlink(rel, tmp); err != nil {
		return err
	}
	if fi, err := os.Lstat(tx.out); err == nil && fi.IsDir() {
		// A plain folder from elsewhere is in the way: keep it aside, then swap.
		aside := filepath.Join(tx.trees, "previous-plain-folder")
		_ = os.RemoveAll(aside)
		if err := os.Rename(tx.out, aside); err != nil {
			return err
		}
	}
	return os.Rename(tmp, tx.out)
}

// Abort leaves public as it was. The target tree keeps what was written and
// a manifest that says so, so the next build still saves work.
func (tx *Tx) Abort() {
	if tx.done {
		return
	}
	tx.done = true
	if tx.dry {
		return
	}
	tx.mu.Lock()
	defer tx.mu.Unlock()
	_ = writeManifest(tx.manifestPath(tx.target), tx.man)
}

func writeManifest(p string, m map[string]Entry) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ordered := make([]byte, 0, 64*len(keys))
	ordered = append(ordered, '{')
	for i, k := range keys {
		if i > 0 {
			ordered = append(ordered, ',')
		}
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(m[k])
		ordered = append(ordered, '\n')
		ordered = append(ordered, kb...)
		ordered = append(ordered, ':')
		ordered = append(ordered, vb...)
	}
	ordered = append(ordered, '\n', '}', '\n')
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, ordered, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

func removeEmptyDirs(root string) {
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != root {
			dirs = append(dirs, p)
		}
		return nil
	})
	// Deepest first, so parents empty out after their children.
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, d := range dirs {
		_ = os.Remove(d) // fails, harmlessly, when not empty
	}
}
