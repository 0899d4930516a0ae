package dataset

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/gocarina/gocsv"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/diag"
)

// Options tune Load.
type Options struct {
	// Encodings forces a dataset's encoding ("utf-8" or "gb18030"; "gbk" is
	// read as GB18030), keyed by dataset name. Absent: detected. When nil,
	// Config.Encodings is used.
	Encodings map[string]string
	// Config supplies the evaluation maxima, grades and periods. When nil, the
	// rules that need it (score maxima, total grade, known period) are skipped,
	// which only unit tests of pure reading should want.
	Config *config.Config
}

// Load reads data/<name>.csv for every dataset of Schemas from fsys (rooted at
// the site root), validates everything, reports every problem into rep
// (errors and warnings, never stopping at the first) and returns the public
// rows. Private fields are validated and then dropped: no row type has them.
//
// The Set always holds every data row that could be read, with invalid cells
// left at their zero value; when rep has errors it must not be published.
func Load(fsys fs.FS, opt Options, rep *diag.Report) *Set {
	return load(fsys, Schemas, opt, rep)
}

// load is Load over any list of schemas, so a test can prove that a new
// private field needs nothing but its line in the dictionary.
func load(fsys fs.FS, schemas []*Schema, opt Options, rep *diag.Report) *Set {
	encodings := opt.Encodings
	if encodings == nil && opt.Config != nil {
		encodings = opt.Config.Encodings
	}
	tables := make(map[string]*table, len(schemas))
	for _, s := range schemas {
		t := newTable(s, rep)
		tables[s.Name] = t
		b, err := fs.ReadFile(fsys, s.File)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				rep.Errorf(s.File, 0, 0, "", nil, "缺少数据文件（%s）", s.Title)
			} else {
				rep.Errorf(s.File, 0, 0, "", nil, "无法读取数据文件：%v", err)
			}
			continue
		}
		t.parse(b, canonicalEncoding(encodings[s.Name]))
	}
	v := &validator{tables: tables, cfg: opt.Config}
	v.run()

	set := &Set{Rows: make(map[string]int, len(schemas))}
	for _, s := range schemas {
		t := tables[s.Name]
		set.Rows[s.Name] = len(t.records)
		t.mapRows(set)
	}
	return set
}

// parse decodes and reads a file's bytes.
func (t *table) parse(b []byte, forced string) {
	text, derr := decode(b, forced)
	if derr != nil {
		t.rep.Errorf(t.file, derr.line, 0, "", nil, "%s", derr.message())
		return
	}
	t.read(text)
}

// mapRows hands the normalised public cells to gocsv, which fills the typed
// rows through their csv tags and UnmarshalCSV methods. Cells that failed
// their own check have no value and are passed empty, so the mapping itself
// cannot fail on user input.
func (t *table) mapRows(set *Set) {
	if len(t.records) == 0 {
		return
	}
	public := make([]int, 0, len(t.schema.Fields))
	header := make([]string, 0, len(t.schema.Fields))
	for i, f := range t.schema.Fields {
		if !f.Private {
			public = append(public, i)
			header = append(header, f.Key)
		}
	}
	recs := make([][]string, 0, len(t.records)+1)
	recs = append(recs, header)
	for _, r := range t.records {
		rec := make([]string, len(public))
		for k, i := range public {
			rec[k] = r.cells[i].val
		}
		recs = append(recs, rec)
	}
	in := &records{rows: recs}
	var err error
	switch t.schema.Name {
	case Regions:
		err = gocsv.UnmarshalCSV(in, &set.Regions)
		for i := range set.Regions {
			set.Regions[i].Line = t.records[i].line
		}
	case Enterprises:
		err = gocsv.UnmarshalCSV(in, &set.Enterprises)
		for i := range set.Enterprises {
			set.Enterprises[i].Line = t.records[i].line
		}
	case Communities:
		err = gocsv.UnmarshalCSV(in, &set.Communities)
		for i := range set.Communities {
			set.Communities[i].Line = t.records[i].line
		}
	case Evaluations:
		err = gocsv.UnmarshalCSV(in, &set.Evaluations)
		for i := range set.Evaluations {
			set.Evaluations[i].Line = t.records[i].line
		}
	case Progress:
		err = gocsv.UnmarshalCSV(in, &set.Progress)
		for i := range set.Progress {
			set.Progress[i].Line = t.records[i].line
		}
	}
	if err != nil {
		// Every value was normalised first, so this is a bug, not bad input.
		t.rep.Errorf(t.file, 0, 0, "", nil, "内部错误：无法映射数据行：%v", err)
	}
}

// records is a gocsv.CSVReader over already-cleaned records. Using our own
// reader keeps gocsv's package-level reader settings untouched; gocsv's other
// globals (FailIfUnmatchedStructTags, header normaliser) stay at their
// defaults, which suit canonical headers.
type records struct {
	rows [][]string
	next int
}

func (r *records) Read() ([]string, error) {
	if r.next >= len(r.rows) {
		return nil, io.EOF
	}
	r.next++
	return r.rows[r.next-1], nil
}

func (r *records) ReadAll() ([][]string, error) {
	rest := r.rows[r.next:]
	r.next = len(r.rows)
	return rest, nil
}

// Summary is one line for the CLI: rows per dataset, in publication order.
func (s *Set) Summary() string {
	parts := make([]string, 0, len(Schemas))
	for _, sc := range Schemas {
		parts = append(parts, fmt.Sprintf("%s %d 行", sc.Title, s.Rows[sc.Name]))
	}
	return strings.Join(parts, "，")
}
