package opendata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/gitlog"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/width"
)

// MaxVersions bounds the versions read per dataset, so the history of a
// long-lived checkout never dominates the build.
const MaxVersions = 10

// History is each dataset's versions, newest first, by dataset name.
type History map[string][]Version

// ReadHistory reads the git history of every data/<name>.csv under root
// (at most max versions each, plus one to compare the oldest with). Outside
// a git checkout it returns nil and no error: pages then show the current
// version only.
func ReadHistory(root string, max int) (History, error) {
	if root == "" || max <= 0 {
		return nil, nil
	}
	h := History{}
	type want struct {
		schema  *dataset.Schema
		commits []gitlog.Commit
		dirty   bool
		current []byte
	}
	var wants []*want
	var specs []string
	for _, s := range dataset.Schemas {
		cs, err := gitlog.Log(root, s.File, max+1)
		if errors.Is(err, gitlog.ErrNotRepo) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		w := &want{schema: s, commits: cs}
		cur, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(s.File)))
		if err == nil {
			w.current = cur
		}
		if len(cs) == 0 {
			w.dirty = w.current != nil
		} else if d, err := gitlog.Dirty(root, s.File); err == nil {
			w.dirty = d && w.current != nil
		}
		for _, c := range cs {
			specs = append(specs, c.Hash+":./"+s.File)
		}
		wants = append(wants, w)
	}
	blobs, err := gitlog.Blobs(root, specs)
	if errors.Is(err, gitlog.ErrNotRepo) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	k := 0
	for _, w := range wants {
		contents := blobs[k : k+len(w.commits)]
		k += len(w.commits)
		var vs []Version
		var raw [][]byte
		if w.dirty {
			vs = append(vs, Version{Uncommitted: true})
			raw = append(raw, w.current)
		}
		for i, c := range w.commits {
			vs = append(vs, Version{Short: c.Short, Commit: c.Hash, Date: c.Date})
			raw = append(raw, contents[i])
		}
		snaps := readSnapshots(w.schema, raw)
		// The extra (max+1-th) commit only serves as the base of the oldest shown.
		shown := len(vs)
		if len(w.commits) > max {
			shown--
		}
		for i := 0; i < shown; i++ {
			v := &vs[i]
			cur := snaps[i]
			if cur == nil {
				v.Unknown = true
				continue
			}
			v.Rows = len(cur.rows)
			if i+1 >= len(snaps) {
				v.Initial = true
				v.Added = len(cur.rows)
				continue
			}
			prev := snaps[i+1]
			if prev == nil {
				v.Unknown = true
				continue
			}
			v.Added, v.Removed, v.Changed = diff(prev, cur)
		}
		if shown > 0 {
			h[w.schema.Name] = vs[:shown]
		}
	}
	return h, nil
}

// snapshot is one version of a file: each row's public content by primary
// key. Keys are normalised; the other cells are kept as typed (trimmed) and
// normalised only when two versions differ, which keeps reading fast.
type snapshot struct {
	rows   map[string]string
	fields []dataset.Field // the columns of the joined content, in key order
}

// readSnapshots parses versions on two workers; identical bytes are parsed once.
func readSnapshots(s *dataset.Schema, raw [][]byte) []*snapshot {
	out := make([]*snapshot, len(raw))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range raw {
		if i > 0 && bytes.Equal(raw[i], raw[i-1]) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = readSnapshot(s, raw[i])
		}()
	}
	wg.Wait()
	for i := range raw {
		if out[i] == nil && i > 0 && raw[i] != nil && bytes.Equal(raw[i], raw[i-1]) {
			out[i] = out[i-1]
		}
	}
	return out
}

// readSnapshot parses a version of a dataset's CSV leniently (any encoding
// and header form the loader accepts: keys or Chinese labels); nil when it
// cannot be read or lacks a primary-key column. Values are normalised per
// type, so re-typing 2022/7/3 as 2022-07-03 is not a change; private
// columns are ignored, so their edits are not even counted.
func readSnapshot(s *dataset.Schema, b []byte) *snapshot {
	b, ok := snapshotUTF8(b)
	if !ok {
		return nil
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil
	}
	cols, pk, ok := snapshotColumns(s, header)
	if !ok {
		return nil
	}
	snap := &snapshot{rows: make(map[string]string, bytes.Count(b, []byte{'\n'}))}
	for _, c := range cols {
		snap.fields = append(snap.fields, c.field)
	}
	isKey := make([]bool, len(cols))
	for _, p := range pk {
		isKey[p] = true
	}
	vals := make([]string, len(cols))
	var key strings.Builder
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil
		}
		blank := true
		for i, c := range cols {
			v := ""
			if c.idx < len(rec) {
				v = strings.TrimSpace(rec[c.idx])
				if isKey[i] {
					v = normaliseCell(c.field, v)
				}
			}
			vals[i] = v
			blank = blank && v == ""
		}
		if blank {
			continue
		}
		key.Reset()
		for _, p := range pk {
			key.WriteString(vals[p])
			key.WriteByte(0x1f)
		}
		snap.rows[key.String()] = strings.Join(vals, "\x1f")
	}
	return snap
}

// snapshotUTF8 is a version's bytes as UTF-8 without a BOM (GB18030 is
// decoded); false when there are none or they decode as neither.
func snapshotUTF8(b []byte) ([]byte, bool) {
	if b == nil {
		return nil, false
	}
	b = bytes.TrimPrefix(b, bom)
	if utf8.Valid(b) {
		return b, true
	}
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	return d, err == nil
}

// snapshotColumn is a public column of a version's header.
type snapshotColumn struct {
	idx   int // column in the file
	field dataset.Field
}

// snapshotColumns finds the public columns of a header (by key or label)
// in dictionary order, so reordering columns is not a change, and where
// the primary key's columns are among them; false when one is missing.
func snapshotColumns(s *dataset.Schema, header []string) (cols []snapshotColumn, pk []int, ok bool) {
	byHeader := map[string]int{}
	for i, f := range s.Fields {
		if f.Private {
			continue
		}
		byHeader[foldHeader(f.Key)] = i
		byHeader[foldHeader(f.Label)] = i
	}
	for i, h := range header {
		if fi, found := byHeader[foldHeader(h)]; found {
			cols = append(cols, snapshotColumn{idx: i, field: s.Fields[fi]})
		}
	}
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].field.Key < cols[j].field.Key })
	pk = make([]int, len(s.PrimaryKey)) // index into cols
	for k, key := range s.PrimaryKey {
		pk[k] = -1
		for i, c := range cols {
			if c.field.Key == key {
				pk[k] = i
			}
		}
		if pk[k] < 0 {
			return nil, nil, false
		}
	}
	return cols, pk, true
}

func foldHeader(s string) string {
	s = strings.ToLower(width.Fold.String(strings.TrimSpace(s)))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\uFEFF' || r == '\u200B' {
			return -1
		}
		return r
	}, s)
}

// normaliseCell puts a cell in canonical form for comparison.
func normaliseCell(f dataset.Field, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return f.Default
	}
	switch f.Type {
	case dataset.TypeDate:
		if t, ok := dataset.ParseDate(s); ok {
			return t.Format(dataset.DateLayout)
		}
	case dataset.TypeInteger, dataset.TypeNumber, dataset.TypeYear:
		if n, ok := dataset.NormaliseNumber(s); ok {
			return n
		}
	case dataset.TypeBool:
		if b, ok := dataset.ParseBool(s); ok {
			if b {
				return "true"
			}
			return "false"
		}
	case dataset.TypeCreditCode:
		return strings.ToUpper(width.Fold.String(s))
	case dataset.TypeCode:
		return width.Fold.String(s)
	}
	return s
}

// sameContent compares two rows' cells after normalisation, by key.
func sameContent(fa []dataset.Field, a string, fb []dataset.Field, b string) bool {
	va, vb := strings.Split(a, "\x1f"), strings.Split(b, "\x1f")
	norm := func(fs []dataset.Field, vs []string) map[string]string {
		m := make(map[string]string, len(fs))
		for i, f := range fs {
			if v := normaliseCell(f, vs[i]); v != "" {
				m[f.Key] = v
			}
		}
		return m
	}
	ma, mb := norm(fa, va), norm(fb, vb)
	if len(ma) != len(mb) {
		return false
	}
	for k, v := range ma {
		if mb[k] != v {
			return false
		}
	}
	return true
}

// diff counts rows added, removed and changed from prev to cur by primary key.
func diff(prev, cur *snapshot) (added, removed, changed int) {
	for k, v := range cur.rows {
		pv, ok := prev.rows[k]
		switch {
		case !ok:
			added++
		case pv != v && !sameContent(prev.fields, pv, cur.fields, v):
			changed++
		}
	}
	for k := range prev.rows {
		if _, ok := cur.rows[k]; !ok {
			removed++
		}
	}
	return
}
