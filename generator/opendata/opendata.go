// Package opendata publishes the datasets for re-use: for every dataset a
// CSV for machines (UTF-8, canonical keys), a CSV for people (BOM, Chinese
// labels, formula injection neutralised), JSON with typed values and an
// XLSX workbook; the same for each evaluation release; and the catalogs a
// harvester reads: DCAT-AP (catalog.json), Project Open Data v1.1
// (data.json), a Frictionless Data Package (datapackage.json) and an Atom
// feed of data versions.
//
// Everything is derived from three sources: the validated public rows
// (dataset.Set, which has no private field), the data dictionary
// (dataset.Schemas) and the admin-edited data/datasets.yaml (Meta). Output
// depends only on them and the data version, never on the clock.
package opendata

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// PreviewRows is how many rows a dataset page previews.
const PreviewRows = 10

// Format is a download format.
type Format struct {
	Kind      string // csv, excel-csv, json, xlsx: also the file-name scheme
	Name      string // 数据格式 as shown
	Note      string // what it is for
	MediaType string
	Ext       string // file suffix after the dataset name
}

// The download formats, in the order pages list them.
var Formats = []Format{
	{Kind: "excel-csv", Name: "CSV（Excel/WPS）", Note: "带 BOM 的 UTF-8、中文表头，双击即可用 Excel 或 WPS 打开", MediaType: "text/csv", Ext: "-excel.csv"},
	{Kind: "xlsx", Name: "XLSX", Note: "Excel 工作簿，表头冻结，编号和代码以文本保存", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Ext: ".xlsx"},
	{Kind: "csv", Name: "CSV（程序用）", Note: "无 BOM 的 UTF-8、英文字段名，由 datapackage.json 描述", MediaType: "text/csv", Ext: ".csv"},
	{Kind: "json", Name: "JSON", Note: "对象数组，字段名同程序用 CSV，数值为数字，缺失为 null", MediaType: "application/json", Ext: ".json"},
}

// Download is one published file.
type Download struct {
	Format
	Path   string // site path, e.g. /data/communities/communities.csv
	Bytes  int
	SHA256 string // lower-case hex
}

// Column is one line of a data dictionary.
type Column struct {
	Key, Label string
	Type       string // declared type (dataset.Type)
	TypeName   string // the type in Chinese
	Required   bool
	Rules      string
	Desc       string
	Pattern    string
}

// Version is one version of a dataset's file, newest first in a list.
type Version struct {
	Short, Commit string // empty outside git or for uncommitted changes
	// No commit subject: commit messages are English by project rule and
	// versions are shown to people (pages, feed) only by date and hash.
	Date time.Time
	Rows int
	// Added, Removed and Changed count rows by primary key against the
	// previous version; Initial marks a version with no previous one to
	// compare with; Unknown a version that could not be read.
	Added, Removed, Changed int
	Initial, Unknown        bool
	Uncommitted             bool
}

// Label is the version as shown: the short commit, or the date.
func (v Version) Label() string {
	switch {
	case v.Short != "":
		return v.Short
	case v.Uncommitted:
		return "未提交的修改"
	}
	return v.Date.Format(dataset.DateLayout)
}

// Release is the download set of one evaluation release.
type Release struct {
	Period, Title string
	URL           string // the release page
	Rows          int
	Downloads     []Download
}

// DatasetInfo is everything pages and catalogs show of a dataset.
type DatasetInfo struct {
	DatasetMeta         // resolved: licence and contact filled from site.yaml
	URL          string // /data/<name>/
	ThemeInfo    Theme  // the dataset's theme with its slug
	FrequencyISO string // R/P1M, irregular
	Rows         int
	Columns      []Column
	PrimaryKey   []string
	Preview      [][]string // first PreviewRows rows, as people read them
	Downloads    []Download // in Formats order
	Versions     []Version  // newest first
	Modified     time.Time  // date of the last change
	Temporal     string     // "2022-07-03/2023-12-18", "" when unknown
	Releases     []*Release // evaluations only, newest first
}

// TemporalRange is the temporal coverage as people read it, "2018-03-11 至
// 2022-11-30"; the machine catalogs keep the ISO 8601 interval (Temporal).
func (d *DatasetInfo) TemporalRange() string {
	if a, b, ok := strings.Cut(d.Temporal, "/"); ok {
		return a + " 至 " + b
	}
	return d.Temporal
}

// Version returns the current version label.
func (d *DatasetInfo) Version() string {
	if len(d.Versions) == 0 {
		return ""
	}
	return d.Versions[0].Label()
}

// Download returns the download of a format kind.
func (d *DatasetInfo) Download(kind string) *Download {
	for i := range d.Downloads {
		if d.Downloads[i].Kind == kind {
			return &d.Downloads[i]
		}
	}
	return nil
}

// Result is the output of Build.
type Result struct {
	Files    []render.File // downloads and catalogs, sorted by path
	Datasets []*DatasetInfo
	Themes   []Theme // themes that have datasets, in datasets.yaml order
}

// ReleaseDownloads returns the downloads of an evaluation release, for the
// release page; nil when the period has none.
func ReleaseDownloads(infos []*DatasetInfo, periodID string) []Download {
	for _, d := range infos {
		for _, r := range d.Releases {
			if r.Period == periodID {
				return r.Downloads
			}
		}
	}
	return nil
}

// Paths of the catalogs and the feed.
const (
	CatalogPath     = "/data/catalog.json"
	PODPath         = "/data.json"
	DataPackagePath = "/data/datapackage.json"
	FeedPath        = "/data/feed.xml"
)

// DatasetPath is the site path of a dataset's download of a format.
func DatasetPath(name string, f Format) string { return "/data/" + name + "/" + name + f.Ext }

// ReleasePath is the site path of a release download; the people's CSV is the plain .csv.
func ReleasePath(period string, f Format) string {
	ext := f.Ext
	if f.Kind == "excel-csv" {
		ext = ".csv"
	}
	return "/evaluations/" + period + "/" + period + ext
}

// releaseFormats are the formats of a release: the people's CSV, XLSX and JSON.
func releaseFormats() []Format {
	var out []Format
	for _, f := range Formats {
		if f.Kind != "csv" {
			out = append(out, f)
		}
	}
	return out
}

// typeNames are the Chinese names of the column types.
var typeNames = map[dataset.Type]string{
	dataset.TypeID: "编号（文本）", dataset.TypeCode: "区划代码（文本）", dataset.TypeText: "文本",
	dataset.TypeEnum: "枚举（文本）", dataset.TypeInteger: "整数", dataset.TypeNumber: "数值",
	dataset.TypeDate: "日期", dataset.TypeBool: "是/否", dataset.TypeYear: "年份",
	dataset.TypeCreditCode: "统一社会信用代码（文本）", dataset.TypeMobile: "手机号码（文本）",
}

func columns(fs []dataset.Field) []Column {
	out := make([]Column, len(fs))
	for i, f := range fs {
		rules := f.Rules
		if f.Type == dataset.TypeEnum && rules == "" {
			rules = strings.Join(f.Enum, "、")
		}
		out[i] = Column{Key: f.Key, Label: f.Label, Type: string(f.Type), TypeName: typeNames[f.Type],
			Required: f.Required, Rules: rules, Desc: f.Desc, Pattern: f.Pattern}
	}
	return out
}

// output collects files; safe for concurrent use.
type output struct {
	mu    sync.Mutex
	files map[string][]byte
	// sink, when set, receives each file as soon as it is made (from several
	// goroutines) and the file is not kept: large sites never hold every
	// download in memory at once.
	sink Sink
}

// Sink receives a download as soon as it is made, with the SHA-256 of its
// bytes (computed for the catalogs anyway, and handed on so that the
// publisher need not compute it again).
type Sink func(path string, data []byte, sum [sha256.Size]byte) error

// put hands a file to the sink or keeps it. b may be a worker's scratch
// buffer (scratch is true): the sink does not keep it (BuildTo's
// contract), but a kept file must be copied out of it.
func (o *output) put(sitePath string, b []byte, scratch bool) (Download, error) {
	sum := sha256.Sum256(b)
	d := Download{Path: sitePath, Bytes: len(b), SHA256: hex.EncodeToString(sum[:])}
	rel := strings.TrimPrefix(sitePath, "/")
	if o.sink != nil {
		return d, o.sink(rel, b, sum)
	}
	if scratch {
		b = bytes.Clone(b)
	}
	o.mu.Lock()
	o.files[rel] = b
	o.mu.Unlock()
	return d, nil
}

// writeOrder is the order a worker makes a table's files in: the largest
// text first (the workbook's sheet XML, then JSON), so that it sizes the
// worker's buffer once for the rest.
var writeOrder = map[string]int{"xlsx": 0, "json": 1, "csv": 2, "excel-csv": 3}

// writeTable writes a table in the given formats at the paths of pathOf;
// the downloads are in the order of fs.
func (o *output) writeTable(sc *scratch, t *table, fs []Format, pathOf func(Format) string, props XLSXProps) ([]Download, error) {
	out := make([]Download, len(fs))
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return writeOrder[fs[a].Kind] - writeOrder[fs[b].Kind] })
	for _, i := range order {
		f := fs[i]
		b, err := sc.file(t, f.Kind, props)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pathOf(f), err)
		}
		d, err := o.put(pathOf(f), b, true)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pathOf(f), err)
		}
		d.Format = f
		out[i] = d
	}
	return out, nil
}

// Build writes every download and catalog. meta may be nil (defaults);
// hist may be nil (no git history: each dataset has its current version,
// dated with the data version). The files are in Result.Files.
func Build(m *model.Model, set *dataset.Set, meta *Meta, hist History) (*Result, error) {
	return build(m, set, meta, hist, nil)
}

// BuildTo is Build handing each file to sink as soon as it is made instead
// of returning it (Result.Files is empty). sink is called concurrently,
// from two goroutines, and must not keep data after it returns: data is a
// reused buffer that the next file overwrites (so a 100 MB download is not
// copied once more). A sink that needs the bytes later copies them.
func BuildTo(m *model.Model, set *dataset.Set, meta *Meta, hist History, sink Sink) (*Result, error) {
	return build(m, set, meta, hist, sink)
}

// writeJob is the files of one table. The table is made by the worker
// that writes it and let go after: at national scale a table of cells is
// over 100 MB, and holding every table for the whole phase kept the
// collector busy near the memory limit.
type writeJob struct {
	table  func() (*table, error)
	weight int // cells, to start the largest tables first
	info   *DatasetInfo
	fs     []Format
	path   func(Format) string
	props  XLSXProps
	dst    *[]Download
}

func build(m *model.Model, set *dataset.Set, meta *Meta, hist History, sink Sink) (*Result, error) {
	if meta == nil {
		meta = DefaultMeta()
	}
	sources, err := setSources(set)
	if err != nil {
		return nil, err
	}
	cfg := m.Config
	o := &output{files: map[string][]byte{}, sink: sink}
	res := &Result{}
	infos := make([]*DatasetInfo, len(sources))
	var jobs []writeJob
	for i, src := range sources {
		s := src.schema
		dm := meta.dataset(s.Name).resolve(cfg)
		info := &DatasetInfo{
			DatasetMeta: dm, URL: "/data/" + s.Name + "/", ThemeInfo: meta.theme(dm.Theme),
			FrequencyISO: frequencies[dm.Frequency].iso, Rows: src.len(), Columns: columns(s.PublicFields()),
			PrimaryKey: s.PrimaryKey,
		}
		info.Versions = versionsOf(hist[s.Name], info.Rows, m.Version.Date)
		info.Modified = info.Versions[0].Date
		infos[i] = info
		name := s.Name
		jobs = append(jobs, writeJob{table: src.table, weight: info.Rows * len(info.Columns), info: info,
			fs: Formats, path: func(f Format) string { return DatasetPath(name, f) },
			props: XLSXProps{Title: info.Title, Creator: info.Publisher, Date: info.Modified}, dst: &info.Downloads})
	}
	evInfo := infos[indexOf(sources, dataset.Evaluations)]
	for _, p := range m.Periods {
		if len(p.Evaluations) == 0 {
			continue
		}
		rel := &Release{Period: p.ID, Title: p.Title, URL: "/evaluations/" + p.ID + "/", Rows: len(p.Evaluations)}
		evInfo.Releases = append(evInfo.Releases, rel)
		id := p.ID
		date := p.Published
		if date.IsZero() {
			date = evInfo.Modified
		}
		jobs = append(jobs, writeJob{table: func() (*table, error) { return releaseTable(p), nil },
			weight: len(p.Evaluations) * len(releaseFields),
			fs:     releaseFormats(), path: func(f Format) string { return ReleasePath(id, f) },
			props: XLSXProps{Title: p.Title, Creator: evInfo.Publisher, Date: date}, dst: &rel.Downloads})
	}

	// The files of each table are independent: two workers (they suit the
	// target machine) write them, each with its own buffers, the largest
	// tables first so that the small ones fill the end.
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return jobs[b].weight - jobs[a].weight })
	next := make(chan int, len(order))
	for _, i := range order {
		next <- i
	}
	close(next)
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &scratch{}
			for i := range next {
				errs[i] = o.runJob(sc, &jobs[i])
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	res.Datasets = infos
	seen := map[string]bool{}
	for _, th := range meta.Themes {
		for _, d := range infos {
			if d.Theme == th.Name && !seen[th.Slug] {
				seen[th.Slug] = true
				res.Themes = append(res.Themes, th)
			}
		}
	}
	for _, d := range infos {
		if !seen[d.ThemeInfo.Slug] {
			seen[d.ThemeInfo.Slug] = true
			res.Themes = append(res.Themes, d.ThemeInfo)
		}
	}

	catalogs := []struct {
		path string
		make func(*model.Model, []*DatasetInfo) ([]byte, error)
	}{
		{DataPackagePath, dataPackage},
		{CatalogPath, dcatCatalog},
		{PODPath, podCatalog},
		{FeedPath, atomFeed},
	}
	for _, c := range catalogs {
		b, err := c.make(m, infos)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.path, err)
		}
		if _, err := o.put(c.path, b, false); err != nil {
			return nil, fmt.Errorf("%s: %w", c.path, err)
		}
	}
	res.Files = sortedFiles(o.files)
	return res, nil
}

// runJob makes a job's table, fills what its dataset shows of it and
// writes its files.
func (o *output) runJob(sc *scratch, j *writeJob) error {
	t, err := j.table()
	if err != nil {
		return err
	}
	if info := j.info; info != nil {
		info.Temporal = temporal(info.DatasetMeta, t)
		for r := 0; r < len(t.rows) && r < PreviewRows; r++ {
			row := make([]string, len(t.cols))
			for c, v := range t.rows[r] {
				row[c] = displayText(v)
			}
			info.Preview = append(info.Preview, row)
		}
	}
	*j.dst, err = o.writeTable(sc, t, j.fs, j.path, j.props)
	return err
}

func indexOf(ss []source, name string) int {
	for i, s := range ss {
		if s.schema.Name == name {
			return i
		}
	}
	panic("opendata: no table " + name)
}

func sortedFiles(files map[string][]byte) []render.File {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sortStrings(paths)
	out := make([]render.File, len(paths))
	for i, p := range paths {
		out[i] = render.File{Path: p, Data: files[p]}
	}
	return out
}

// displayText is a cell as a page shows it: like the people's CSV but not
// neutralised (HTML is escaped by the templates, no spreadsheet runs it).
func displayText(c any) string {
	if s, ok := c.(string); ok {
		return s
	}
	return peopleText(c)
}

// temporal is the coverage "start/end": from datasets.yaml, else the range
// of the dataset's date columns.
func temporal(d DatasetMeta, t *table) string {
	if !d.TemporalStart.IsZero() {
		return d.TemporalStart.Format(dataset.DateLayout) + "/" + d.TemporalEnd.Format(dataset.DateLayout)
	}
	lo, hi := "", ""
	for i, f := range t.cols {
		if f.Type != dataset.TypeDate {
			continue
		}
		for _, row := range t.rows {
			if s, ok := row[i].(string); ok {
				if lo == "" || s < lo {
					lo = s
				}
				if s > hi {
					hi = s
				}
			}
		}
	}
	if lo == "" {
		return ""
	}
	return lo + "/" + hi
}

// versionsOf returns a dataset's versions, or its one current version.
func versionsOf(h []Version, rows int, date time.Time) []Version {
	if len(h) == 0 {
		return []Version{{Date: date, Rows: rows, Initial: true}}
	}
	out := append([]Version(nil), h...)
	for i := range out {
		if out[i].Uncommitted {
			out[i].Date = date
		}
	}
	return out
}

// absURL joins the site base URL and a site path.
func absURL(m *model.Model, p string) string {
	return m.Config.AbsURL(path.Clean(p) + trailing(p))
}

func trailing(p string) string {
	if strings.HasSuffix(p, "/") && p != "/" {
		return "/"
	}
	return ""
}
