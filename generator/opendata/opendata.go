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

	"github.com/sxwuye/portal/generator/artifact"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
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
	// Scope is the region a release file covers ("太原市", "太原市小店区"),
	// "" for a whole dataset or release.
	Scope string
	// Page is the site path of the page that offers the file.
	Page string
	// Schema is the site path of the Table Schema the file follows: the
	// data package for a dataset's files, ReleaseSchemaPath for a release's.
	Schema string
}

// Size is the file's size for people: 856 B, 12.3 KB, 1.2 MB.
func (d Download) Size() string { return FileSize(d.Bytes) }

// FileSize is a size in bytes for people: 856 B, 12.3 KB, 1.2 MB; "" when unknown.
func FileSize(n int) string {
	switch {
	case n <= 0:
		return ""
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

// title is the file's title in the catalogs: the dataset's, its scope and format.
func (d Download) title(dataset string) string {
	if d.Scope != "" {
		return dataset + "（" + d.Scope + "，" + d.Name + "）"
	}
	return dataset + "（" + d.Name + "）"
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

// Name is the version as people name it, by its date: "2023-10-20 版"
// (in the zone of its commit, as pages show dates). The commit is
// secondary (Short), for those who compare with the repository.
func (v Version) Name() string {
	if v.Uncommitted {
		return v.Date.Format(dataset.DateLayout) + " 版（未提交的修改）"
	}
	return v.Date.Format(dataset.DateLayout) + " 版"
}

// Label is the version's stable key (feed entry ids): the short commit,
// or the date.
func (v Version) Label() string {
	switch {
	case v.Short != "":
		return v.Short
	case v.Uncommitted:
		return "未提交的修改"
	}
	return v.Date.Format(dataset.DateLayout)
}

// Release is the download set of one evaluation release: the province's
// files and those of each city page and each county page.
type Release struct {
	Period, Title string
	URL           string // the release page
	Rows          int
	Published     time.Time
	Downloads     []Download
	Parts         []*ReleasePart // cities by code, each split city followed by its counties
	// Original is the signed original (PDF) as issued, nil when site.yaml names none.
	Original *Download
}

// ReleasePart is a city's or a county's files of a release, offered on its page.
type ReleasePart struct {
	Code, Name string // the region; Name is "太原市" or "太原市小店区"
	URL        string // the page
	Rows       int
	Downloads  []Download
}

// Description says what a release's files hold, for the catalogs.
func (r *Release) Description() string {
	return fmt.Sprintf("%s：全省 %d 个住宅物业服务项目的得分、等级和排名，含小区、区县和物业服务企业名称；"+
		"另有每个设区市（项目较多的市再按区县）的分文件。", r.Title, r.Rows)
}

// AllDownloads are the original, the province's files, then each part's.
func (r *Release) AllDownloads() []Download {
	var out []Download
	if r.Original != nil {
		out = append(out, *r.Original)
	}
	out = append(out, r.Downloads...)
	for _, p := range r.Parts {
		out = append(out, p.Downloads...)
	}
	return out
}

// originalFormat is the format of a release's signed original.
var originalFormat = Format{Kind: "pdf", Name: "原件（PDF）", Note: "公示文件原件，与印发的纸质文件一致", MediaType: "application/pdf", Ext: ".pdf"}

// FindRelease returns a release by period id, nil when it has no downloads.
func FindRelease(infos []*DatasetInfo, periodID string) *Release {
	for _, d := range infos {
		for _, r := range d.Releases {
			if r.Period == periodID {
				return r
			}
		}
	}
	return nil
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

// VersionDate is the date of the current version, "2023-10-20": how
// people and catalogs name a version.
func (d *DatasetInfo) VersionDate() string {
	if len(d.Versions) == 0 {
		return ""
	}
	return d.Versions[0].Date.Format(dataset.DateLayout)
}

// Commit is the short commit id of the current version, "" outside git.
func (d *DatasetInfo) Commit() string {
	if len(d.Versions) == 0 {
		return ""
	}
	return d.Versions[0].Short
}

// VersionName is the current version as people name it: "2023-10-20 版".
func (d *DatasetInfo) VersionName() string {
	if len(d.Versions) == 0 {
		return ""
	}
	return d.Versions[0].Name()
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
	Files    []artifact.File // downloads and catalogs, sorted by path
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

// ReleasePartPath is the site path of a city's release download, in the
// city page's folder, or of a county's (county non-empty), in the county
// page's folder: /evaluations/2023/140100/2023-140100.csv.
func ReleasePartPath(period, city, county string, f Format) string {
	dir, code := "/evaluations/"+period+"/"+city+"/", city
	if county != "" {
		dir, code = dir+county+"/", county
	}
	ext := f.Ext
	if f.Kind == "excel-csv" {
		ext = ".csv"
	}
	return dir + period + "-" + code + ext
}

// The Table Schemas of the release files: by column key (JSON) and by
// column label (the people's CSV and XLSX, whose header is the labels).
const (
	ReleaseSchemaPath      = "/data/evaluations/release-schema.json"
	ReleaseLabelSchemaPath = "/data/evaluations/release-schema-zh.json"
)

// releaseDataSheet is the name of the data sheet of a release workbook.
const releaseDataSheet = "评价结果"

func releaseSchema(f Format) string {
	if f.Kind == "json" {
		return ReleaseSchemaPath
	}
	return ReleaseLabelSchemaPath
}

// datasetSchema is the data package for the files in its resource's
// shape (keys as the machine CSV); the people's files, whose headers are
// the labels with name columns beside the codes, follow their own Table
// Schema (PeopleSchemaPath).
func datasetSchema(name string, f Format) string {
	if f.Kind == "csv" || f.Kind == "json" {
		return DataPackagePath
	}
	return PeopleSchemaPath(name)
}

// PeopleSchemaPath is the site path of the Table Schema of a dataset's
// people's files (Excel CSV and XLSX).
func PeopleSchemaPath(name string) string { return "/data/" + name + "/" + name + "-schema-zh.json" }

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
		if f.Type == dataset.TypeText {
			rules += fmt.Sprintf("；最多 %d 个字", f.TextMax())
			rules = strings.TrimPrefix(rules, "；")
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

// writeTable writes a table in the given formats at the paths of pathOf,
// the people's formats (CSV for Excel, XLSX) from people; the downloads
// are in the order of fs.
func (o *output) writeTable(sc *scratch, t, people *table, fs []Format, pathOf func(Format) string, props XLSXProps) ([]Download, error) {
	out := make([]Download, len(fs))
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return writeOrder[fs[a].Kind] - writeOrder[fs[b].Kind] })
	for _, i := range order {
		f := fs[i]
		src := t
		if f.Kind == "excel-csv" || f.Kind == "xlsx" {
			src = people
		}
		b, err := sc.file(src, f.Kind, props)
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
	// What the downloads say of themselves: the region a release file
	// covers, the page offering them, the Table Schema they follow.
	scope, page string
	schema      func(Format) string
	// names, for a dataset, are the names its people's files show beside
	// its codes; schema2 is its dictionary.
	names   names
	schema2 *dataset.Schema
}

// build plans a write job per dataset and per release file, runs them,
// then writes the schemas and catalogs, which describe what the jobs made.
func build(m *model.Model, set *dataset.Set, meta *Meta, hist History, sink Sink) (*Result, error) {
	if meta == nil {
		meta = DefaultMeta()
	}
	sources, err := setSources(set)
	if err != nil {
		return nil, err
	}
	o := &output{files: map[string][]byte{}, sink: sink}
	refNames := setNames(set)
	infos, jobs := datasetJobs(m, sources, meta, hist, refNames)
	evInfo := infos[indexOf(sources, dataset.Evaluations)]
	relJobs, err := o.releaseJobs(m, evInfo)
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, relJobs...)
	if err := o.runJobs(jobs); err != nil {
		return nil, err
	}
	res := &Result{Datasets: infos, Themes: themesOf(meta, infos)}
	if err := o.putSchemas(m, sources, refNames); err != nil {
		return nil, err
	}
	if err := o.putCatalogs(m, infos); err != nil {
		return nil, err
	}
	res.Files = sortedFiles(o.files)
	return res, nil
}

// datasetJobs describes every dataset and plans the job writing its
// downloads, which fills the rest of its description.
func datasetJobs(m *model.Model, sources []source, meta *Meta, hist History, refNames names) ([]*DatasetInfo, []writeJob) {
	cfg := m.Config
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
			page: info.URL, schema: func(f Format) string { return datasetSchema(name, f) }, names: refNames, schema2: s,
			props: XLSXProps{Title: info.Title, Creator: info.Publisher, Date: info.Modified}, dst: &info.Downloads})
	}
	return infos, jobs
}

// releaseJobs adds each published evaluation period to evInfo as a
// release, writes its original file, and plans a job per page offering
// its files: the province's, each city's and, for a city listed per
// county, each county's.
func (o *output) releaseJobs(m *model.Model, evInfo *DatasetInfo) ([]writeJob, error) {
	var jobs []writeJob
	for _, p := range m.Periods {
		if len(p.Evaluations) == 0 {
			continue
		}
		date := p.Published
		if date.IsZero() {
			date = evInfo.Modified
		}
		rel := &Release{Period: p.ID, Title: p.Title, URL: "/evaluations/" + p.ID + "/", Rows: len(p.Evaluations),
			Published: date}
		evInfo.Releases = append(evInfo.Releases, rel)
		add := func(scope, page string, evs []*model.Evaluation, pathOf func(Format) string, dst *[]Download) {
			title := p.Title
			if scope != "" {
				title += "（" + scope + "）"
			}
			jobs = append(jobs, writeJob{table: func() (*table, error) { return releaseTable(p, evs), nil },
				weight: len(evs) * len(releaseFields), fs: releaseFormats(), path: pathOf,
				scope: scope, page: page, schema: releaseSchema,
				props: XLSXProps{Title: title, Creator: evInfo.Publisher, Date: date,
					About: releaseAbout(m, p, title, scope, date)}, dst: dst})
		}
		id := p.ID
		if a := p.OriginalFile; a != nil {
			d, err := o.put(rel.URL+a.Name, a.Data, false)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", rel.URL+a.Name, err)
			}
			d.Format, d.Page = originalFormat, rel.URL
			rel.Original = &d
		}
		add("", rel.URL, p.Evaluations, func(f Format) string { return ReleasePath(id, f) }, &rel.Downloads)
		for _, pc := range p.Cities {
			city := pc.City
			part := &ReleasePart{Code: city.Code, Name: city.Name, URL: rel.URL + city.Code + "/", Rows: len(pc.Evaluations)}
			rel.Parts = append(rel.Parts, part)
			add(city.Name, part.URL, pc.Evaluations,
				func(f Format) string { return ReleasePartPath(id, city.Code, "", f) }, &part.Downloads)
			if !pc.ByCounty() {
				continue
			}
			for _, pk := range pc.Counties() {
				county := pk.County
				kp := &ReleasePart{Code: county.Code, Name: city.Name + county.Name,
					URL: part.URL + county.Code + "/", Rows: len(pk.Evaluations)}
				rel.Parts = append(rel.Parts, kp)
				add(kp.Name, kp.URL, pk.Evaluations,
					func(f Format) string { return ReleasePartPath(id, city.Code, county.Code, f) }, &kp.Downloads)
			}
		}
	}
	return jobs, nil
}

// runJobs runs the jobs and returns the first error in job order. The
// files of each table are independent: two workers (they suit the target
// machine) write them, each with its own buffers, the largest tables first
// so that the small ones fill the end.
func (o *output) runJobs(jobs []writeJob) error {
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
			return err
		}
	}
	return nil
}

// themesOf lists the themes that have datasets: those of meta in its
// order, then any other theme a dataset names, in dataset order.
func themesOf(meta *Meta, infos []*DatasetInfo) []Theme {
	var themes []Theme
	seen := map[string]bool{}
	for _, th := range meta.Themes {
		for _, d := range infos {
			if d.Theme == th.Name && !seen[th.Slug] {
				seen[th.Slug] = true
				themes = append(themes, th)
			}
		}
	}
	for _, d := range infos {
		if !seen[d.ThemeInfo.Slug] {
			seen[d.ThemeInfo.Slug] = true
			themes = append(themes, d.ThemeInfo)
		}
	}
	return themes
}

// putSchemas writes the release schemas (by key and by label) and each
// dataset's schema of its people's files.
func (o *output) putSchemas(m *model.Model, sources []source, refNames names) error {
	keys, labels, err := releaseSchemas(m)
	if err != nil {
		return err
	}
	type schemaFile struct {
		path string
		b    []byte
	}
	schemaFiles := []schemaFile{{ReleaseSchemaPath, keys}, {ReleaseLabelSchemaPath, labels}}
	for _, src := range sources {
		b, err := labelSchema(peopleFields(src.schema, refNames), src.schema.PrimaryKey)
		if err != nil {
			return err
		}
		schemaFiles = append(schemaFiles, schemaFile{PeopleSchemaPath(src.schema.Name), b})
	}
	for _, f := range schemaFiles {
		if _, err := o.put(f.path, f.b, false); err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
	}
	return nil
}

// putCatalogs writes the catalogs of every dataset, once the jobs have
// filled in their downloads.
func (o *output) putCatalogs(m *model.Model, infos []*DatasetInfo) error {
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
			return fmt.Errorf("%s: %w", c.path, err)
		}
		if _, err := o.put(c.path, b, false); err != nil {
			return fmt.Errorf("%s: %w", c.path, err)
		}
	}
	return nil
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
	people := t
	if j.names != nil {
		people = t.withNames(j.schema2, j.names)
	}
	dls, err := o.writeTable(sc, t, people, j.fs, j.path, j.props)
	for i := range dls {
		dls[i].Scope, dls[i].Page, dls[i].Schema = j.scope, j.page, j.schema(dls[i].Format)
	}
	*j.dst = dls
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

func sortedFiles(files map[string][]byte) []artifact.File {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sortStrings(paths)
	out := make([]artifact.File, len(paths))
	for i, p := range paths {
		out[i] = artifact.File{Path: p, Data: files[p]}
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

// releaseAbout are the lines of a release workbook's 说明 sheet: what the
// file is, under which notice period and basis, by whom, from where, under
// which licence and of which date, so that a copy passed on still says so.
func releaseAbout(m *model.Model, p *model.Period, title, scope string, date time.Time) []AboutLine {
	cfg := m.Config
	if scope == "" {
		scope = "全省"
	}
	lines := []AboutLine{
		{"标题", title},
		{"范围", scope},
		{"公示期", dateOf(p.Start) + " 至 " + dateOf(p.End)},
	}
	if b := m.Policy(p.Basis); b != nil {
		lines = append(lines, AboutLine{"依据", "《" + b.Title + "》"})
	}
	lines = append(lines, AboutLine{"发布单位", p.IssuerOr(cfg.Publisher.Name)})
	if p.DocNumber != "" {
		lines = append(lines, AboutLine{"文号", p.DocNumber})
	}
	lines = append(lines,
		AboutLine{"数据来源", absURL(m, "/evaluations/"+p.ID+"/")},
		AboutLine{"许可协议", cfg.License.Name + " " + cfg.License.URL},
		AboutLine{"版本日期", dateOf(date)},
		AboutLine{"说明", "数据在第二个工作表；每行一个住宅物业服务项目，按排名排列。编号、区划代码和统一社会信用代码以文本保存。"},
	)
	return lines
}
