package dataset

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime/debug"
	"strings"
	"sync"

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
// The Set holds the rows of every file whose cells all passed their own
// checks (a file with a refused cell has no rows in the Set, only its count
// in Rows); when rep has errors it must not be published.
//
// The files are read one at a time but checked and mapped concurrently; the
// problems reach rep when Load returns.
func Load(fsys fs.FS, opt Options, rep *diag.Report) *Set {
	return load(fsys, Schemas, opt, rep)
}

// load is Load over any list of schemas, so a test can prove that a new
// private field needs nothing but its line in the dictionary.
//
// The files are independent until the cross-file rules, so each is read,
// checked cell by cell and mapped to rows in its own goroutine; the
// validator follows the datasets in its fixed order, waiting for each to be
// read, while the others are still being read and mapped. Each table
// collects its problems in a report of its own, merged into rep at the end
// in dictionary order, so what rep holds does not depend on scheduling.
func load(fsys fs.FS, schemas []*Schema, opt Options, rep *diag.Report) *Set {
	encodings := opt.Encodings
	if encodings == nil && opt.Config != nil {
		encodings = opt.Config.Encodings
	}
	set := &Set{Rows: make(map[string]int, len(schemas))}
	tables := make(map[string]*table, len(schemas))
	var (
		mapped sync.WaitGroup
		files  sync.Mutex // one file read at a time: fsys need not be safe for concurrent use
		panics = make([]any, len(schemas))
		stacks = make([][]byte, len(schemas))
	)
	for i, s := range schemas {
		t := newTable(s, &diag.Report{})
		t.ready = make(chan struct{})
		tables[s.Name] = t
		mapped.Add(1)
		go func(enc string) {
			defer mapped.Done()
			defer func() {
				// A bug must not kill the process from a goroutine the
				// caller cannot recover: it is raised again below.
				if p := recover(); p != nil {
					panics[i], stacks[i] = p, debug.Stack()
				}
			}()
			func() {
				defer close(t.ready) // even on panic, or the validator would wait forever
				t.load(fsys, enc, &files)
			}()
			// Mapping needs only the normalised values, which the
			// validator never changes (it only clears cell.ok). A file
			// with refused cells will not be published, so its rows are
			// not mapped: at a million rows that is most of the memory a
			// refusing run would otherwise hold on top of the cells.
			if !t.rep.HasErrors() {
				t.mapRows(set)
			}
		}(canonicalEncoding(encodings[s.Name]))
	}
	v := &validator{tables: tables, cfg: opt.Config}
	v.run()
	mapped.Wait()
	for i, p := range panics {
		if p != nil {
			panic(fmt.Sprintf("dataset: reading %s: %v\n\n%s", schemas[i].File, p, stacks[i]))
		}
	}

	for _, s := range schemas {
		t := tables[s.Name]
		set.Rows[s.Name] = len(t.records)
		rep.Merge(t.rep)
	}
	return set
}

// load reads, decodes and checks t's file, reading it under files.
func (t *table) load(fsys fs.FS, enc string, files *sync.Mutex) {
	s := t.schema
	b, err := func() ([]byte, error) {
		files.Lock()
		defer files.Unlock()
		return fs.ReadFile(fsys, s.File)
	}()
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			t.add(diag.Error, 0, 0, -1, "", "", nil, "缺少数据文件（%s）", s.Title)
		} else {
			t.add(diag.Error, 0, 0, -1, "", "", nil, "无法读取数据文件：%v", err)
		}
		return
	}
	t.parse(b, enc)
}

// parse decodes and reads a file's bytes.
func (t *table) parse(b []byte, forced string) {
	if enc := utf16Encoding(b); enc != "" {
		t.add(diag.Error, 0, 0, -1, "", "", nil,
			"文件是 %s 编码（Excel 的“Unicode 文本”格式），不能读取：请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”格式", enc)
		return
	}
	b = crOnlyToLF(b)
	text, derr := decode(b, forced)
	if derr != nil {
		t.add(diag.Error, derr.line, 0, -1, "", "", nil, "%s", derr.message())
		return
	}
	t.read(text)
}

// mapRows hands the normalised public cells to gocsv, which fills the typed
// rows through their csv tags and UnmarshalCSV methods, into the field of set
// that holds t's dataset (and only that field, so tables can be mapped
// concurrently). Cells that failed their own check have no value and are
// passed empty, so the mapping itself cannot fail on user input.
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
	recs := make([][]string, len(t.records))
	values := make([]string, len(t.records)*len(public))
	for k, r := range t.records {
		rec := values[k*len(public) : (k+1)*len(public) : (k+1)*len(public)]
		for n, i := range public {
			rec[n] = t.val(&r.cells[i])
		}
		recs[k] = rec
	}
	var err error
	switch t.schema.Name {
	case Regions:
		set.Regions, err = mapTable[Region](t, header, recs)
	case Enterprises:
		set.Enterprises, err = mapTable[Enterprise](t, header, recs)
	case Communities:
		set.Communities, err = mapTable[Community](t, header, recs)
	case Evaluations:
		set.Evaluations, err = mapTable[Evaluation](t, header, recs)
	case Progress:
		set.Progress, err = mapTable[ProgressReport](t, header, recs)
	}
	if err != nil {
		// Every value was normalised first, so this is a bug, not bad input.
		t.add(diag.Error, 0, 0, -1, "", "", nil, "内部错误：无法映射数据行：%v", err)
	}
}

// mapChunkRows is how many rows one gocsv call maps. gocsv works row by row
// through reflection, which makes it the costliest step after reading; the
// chunks of a large file are mapped concurrently.
const mapChunkRows = 4096

// unmarshalRows maps records (under one header) to rows of type T with
// gocsv. Each chunk is mapped by its own gocsv call, concurrently, straight
// into its part of the result. Should any call fail (a bug), the whole file
// is mapped again by a single call, so the rows and the error are exactly
// those of mapping it in one go.
func unmarshalRows[T any](header []string, recs [][]string) ([]T, error) {
	out := make([]T, len(recs))
	chunks := (len(recs) + mapChunkRows - 1) / mapChunkRows
	if chunks <= 1 {
		err := gocsv.UnmarshalCSV(&records{rows: append([][]string{header}, recs...)}, &out)
		return out, err
	}
	errs := make([]error, chunks)
	var wg sync.WaitGroup
	for c := range chunks {
		lo, hi := c*mapChunkRows, min((c+1)*mapChunkRows, len(recs))
		in := make([][]string, 0, hi-lo+1)
		in = append(append(in, header), recs[lo:hi]...)
		wg.Add(1)
		go func() {
			defer wg.Done()
			// gocsv fills a slice that is long enough in place.
			part := out[lo:hi:hi]
			errs[c] = gocsv.UnmarshalCSV(&records{rows: in}, &part)
		}()
	}
	wg.Wait()
	if errors.Join(errs...) == nil {
		return out, nil
	}
	out = make([]T, len(recs))
	err := gocsv.UnmarshalCSV(&records{rows: append([][]string{header}, recs...)}, &out)
	return out, err
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

// mapTable maps a table's records onto rows of type T with gocsv and gives
// each row the line it came from.
func mapTable[T any, PT interface {
	*T
	setLine(int)
}](t *table, header []string, recs [][]string) ([]T, error) {
	rows, err := unmarshalRows[T](header, recs)
	for i := range rows {
		PT(&rows[i]).setLine(t.records[i].line)
	}
	return rows, err
}
