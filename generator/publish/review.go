package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Review support: what a build changes against the live site, for the
// summary a reviewer reads before a data commit goes live.
//
// Every page shows the data version date, so after a data commit every
// page's bytes change although most say the same. Pages are therefore also
// compared by a digest that skips the date (Tx.PageDigests): the digests of
// each tree's pages are kept beside it (<tree>.pages) for the next build.

// BeginDry starts a publication that writes nothing: files are claimed and
// compared with the live tree, and Commit only counts what a real build
// would delete. No precompressed copies are made.
func BeginDry(out string) (*Tx, error) {
	out = filepath.Clean(out)
	tx := &Tx{out: out, trees: TreesDir(out), produced: map[string]bool{}, folders: map[string]bool{},
		man: map[string]Entry{}, dry: true}
	if dest, err := os.Readlink(out); err == nil {
		tx.live = filepath.Base(dest)
		tx.liveMan = readManifest(tx.manifestPath(tx.live))
		tx.liveDigests = readDigests(tx.digestPath(tx.live))
	}
	return tx, nil
}

// PageDigests asks for a digest of every page that skips each occurrence of
// mask (the data version date as pages show it).
func (tx *Tx) PageDigests(mask string) {
	tx.digestMask = []byte(mask)
	tx.digests = map[string]uint64{}
}

// Keep asks for the bytes of the named files of the build (Kept).
func (tx *Tx) Keep(rels ...string) {
	tx.keep = map[string][]byte{}
	for _, r := range rels {
		tx.keep[r] = nil
	}
}

// Kept returns the bytes written to rel, if Keep asked for them.
func (tx *Tx) Kept(rel string) []byte {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	return tx.keep[rel]
}

// LiveFile reads a file of the live site; fs.ErrNotExist when there is none.
func (tx *Tx) LiveFile(rel string) ([]byte, error) {
	if tx.live == "" {
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(filepath.Join(tx.treePath(tx.live), filepath.FromSlash(rel)))
}

// HasLive reports whether a live site was found to compare with.
func (tx *Tx) HasLive() bool { return tx.live != "" && tx.liveMan != nil }

// review notes what the summary needs of a file of the build.
func (tx *Tx) review(rel string, data []byte) {
	page := tx.digests != nil && isPage(rel)
	_, keep := tx.keep[rel]
	if !page && !keep {
		return
	}
	var d uint64
	if page {
		d = digest(data, tx.digestMask)
	}
	tx.mu.Lock()
	if page {
		tx.digests[rel] = d
	}
	if keep {
		tx.keep[rel] = bytes.Clone(data) // callers reuse their buffers
	}
	tx.mu.Unlock()
}

func isPage(rel string) bool { return strings.HasSuffix(rel, ".html") }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// digestFormat heads a digests file; a file without it (older generators
// kept CRC-64 digests) is not compared, as if the tree had none.
const digestFormat = "# page digests: crc32-ieee crc32-castagnoli"

// digest is two CRC-32s of data (IEEE and Castagnoli, as one 64-bit number)
// without the occurrences of mask. Both run on CPU instructions (carry-less
// multiplication, SSE 4.2), about ten times the speed of a table-driven
// CRC-64 (BenchmarkDigest): every page of a build goes through here. Two
// versions of one page colliding in both is out of reach in practice; this
// only decides how a change is summarised, never what is published.
func digest(data, mask []byte) uint64 {
	var a, b uint32
	for len(mask) > 0 {
		i := bytes.Index(data, mask)
		if i < 0 {
			break
		}
		a = crc32.Update(a, crc32.IEEETable, data[:i])
		b = crc32.Update(b, castagnoli, data[:i])
		data = data[i+len(mask):]
	}
	a = crc32.Update(a, crc32.IEEETable, data)
	b = crc32.Update(b, castagnoli, data)
	return uint64(a)<<32 | uint64(b)
}

// PageDiff is how the pages of a build differ from the live site's, as
// sorted output paths (communities/C001/index.html).
type PageDiff struct {
	Added, Removed, Changed []string
}

// Pages compares the pages of the build with the live site's. Call it after
// the last Write. A page counts as changed when its content differs; when
// the live tree has no digests, when its bytes differ.
func (tx *Tx) Pages() PageDiff {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	var d PageDiff
	for rel := range tx.produced {
		if !isPage(rel) {
			continue
		}
		live, ok := tx.liveMan[rel]
		switch {
		case !ok:
			d.Added = append(d.Added, rel)
		case tx.liveDigests != nil && tx.digests != nil:
			ld, lok := tx.liveDigests[rel]
			nd, nok := tx.digests[rel]
			if !lok || !nok || ld != nd {
				d.Changed = append(d.Changed, rel)
			}
		case live != tx.man[rel]:
			d.Changed = append(d.Changed, rel)
		}
	}
	for rel := range tx.liveMan {
		if isPage(rel) && !tx.produced[rel] {
			d.Removed = append(d.Removed, rel)
		}
	}
	sort.Strings(d.Added)
	sort.Strings(d.Removed)
	sort.Strings(d.Changed)
	return d
}

func (tx *Tx) digestPath(name string) string { return filepath.Join(tx.trees, name+".pages") }

// readDigests reads a tree's page digests; nil when there are none.
func readDigests(p string) map[string]uint64 {
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	m := map[string]uint64{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() || sc.Text() != digestFormat {
		return nil
	}
	for sc.Scan() {
		hex, rel, ok := strings.Cut(sc.Text(), " ")
		v, err := strconv.ParseUint(hex, 16, 64)
		if !ok || err != nil {
			return nil // damaged: compare bytes instead
		}
		m[rel] = v
	}
	if sc.Err() != nil {
		return nil
	}
	return m
}

// writeDigests records the target tree's page digests beside it, or removes
// a stale record when none were asked for.
func (tx *Tx) writeDigests() error {
	p := tx.digestPath(tx.target)
	if tx.digests == nil {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	rels := make([]string, 0, len(tx.digests))
	for rel := range tx.digests {
		if tx.produced[rel] {
			rels = append(rels, rel)
		}
	}
	sort.Strings(rels)
	var b bytes.Buffer
	b.WriteString(digestFormat + "\n")
	for _, rel := range rels {
		fmt.Fprintf(&b, "%016x %s\n", tx.digests[rel], rel)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
