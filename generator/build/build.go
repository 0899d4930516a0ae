// Package build runs the pipeline in named, timed phases:
//
//	load (config, datasets, content) → assemble (model) → opendata → search
//	→ plan (pages) → render + publish (staging tree, atomic swap)
//
// It is the only package that knows every other one; each phase's package
// knows only those to its left.
package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/sxwuye/portal/generator/artifact"
	"github.com/sxwuye/portal/generator/changes"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/freshness"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/publish"
	"github.com/sxwuye/portal/generator/render"
)

// Options says what to build and where.
type Options struct {
	// Root is the site folder on disk (holding site.yaml); "" for in-memory sites.
	Root string
	// FS is the site folder; when nil, os.DirFS(Root).
	FS fs.FS
	// Out is the output folder; default <Root>/public.
	Out string
	// Env looks up environment variables (PORTAL_*, SOURCE_DATE_EPOCH); nil means none.
	Env func(string) (string, bool)
	// Log receives one line per phase with its time (the -v flag); nil for silence.
	Log io.Writer
	// RowsReleased, when set, is called once the raw rows are let go (after
	// the open-data downloads): from then on the live heap is the model and
	// the plan, a fraction of its peak, which a caller may use to let the
	// garbage collector run less often (see cli).
	RowsReleased func()
	// Generator identifies the generator program (a hash of its executable).
	// When set, a build whose inputs, generator and output folder are the
	// same as those of the live output stops after validation and writes
	// nothing; when empty, every build renders.
	Generator string
	// Waiting, when set, is called with the lock file's path if another
	// build of the same output holds it; this build then waits its turn.
	Waiting func(lock string)
	// DryRun builds everything and compares it with the live site without
	// publishing (Result.Changes); public/ is left as it is.
	DryRun bool
}

// ErrInvalid means the inputs have problems; the report says which.
var ErrInvalid = errors.New("输入数据有错误，未发布任何内容")

// Site is a loaded and assembled site.
type Site struct {
	Config *config.Config
	// Data is the validated rows; Build releases it (nil) once the open-data
	// downloads are written.
	Data   *dataset.Set
	Docs   []*content.Document
	Model  *model.Model
	Report *diag.Report
	// Root is the site folder on disk ("" for in-memory sites): its git
	// history dates the open-data versions.
	Root string
	// DataMeta is data/datasets.yaml, the open-data catalog metadata.
	DataMeta *opendata.Meta
}

// Result describes a finished build.
type Result struct {
	// Unchanged: nothing differed from the live output, so nothing was rendered or written.
	Unchanged bool
	Site      *Site
	Pages     int
	Files     int
	Publish   publish.Stats
	Phases    []Phase
	// Slower says which page kinds, or how many of their pages, rendered
	// through html/template rather than their compiled templates, and why
	// (render.Renderer.Fallbacks): the site is the same, the build slower.
	Slower []string
	// Changes is what the build changed (or, in a dry run, would change)
	// on the live site; also written to ChangesPath(out).
	Changes *changes.Summary
}

// Phase is a named step and its duration.
type Phase struct {
	Name     string
	Duration time.Duration
}

// timer times the phases of one goroutine: Build's own, or those of the
// open-data and search phases beside it (extraResult hands them back).
type timer struct {
	log    io.Writer
	prefix string // marks phases that ran alongside others
	phases []Phase
	start  time.Time
}

func (t *timer) begin() { t.start = time.Now() }

func (t *timer) end(name string) {
	d := time.Since(t.start)
	t.phases = append(t.phases, Phase{Name: t.prefix + name, Duration: d})
	if t.log != nil {
		fmt.Fprintf(t.log, "%s%-10s %8.1f ms\n", t.prefix, name, float64(d.Microseconds())/1000)
	}
	t.start = time.Now()
}

func (o *Options) fsys() fs.FS {
	if o.FS != nil {
		return o.FS
	}
	return os.DirFS(o.Root)
}

// Load reads and validates every input and assembles the model. Problems in
// the inputs are in Site.Report; an error is returned only when loading could
// not proceed at all (e.g. an invalid site.yaml).
func Load(o Options) (*Site, error) {
	t := &timer{log: o.Log}
	t.begin()
	s, err := load(o, t)
	if err != nil || s.Report.HasErrors() {
		return s, err
	}
	// Build parses the templates next and refuses a site whose templates
	// do not parse; validate must refuse it too.
	if _, err := loadTemplates(o, s); err != nil {
		templateProblem(err, s.Report)
	}
	return s, nil
}

var templatePlaceRe = regexp.MustCompile(`((?:pages|partials|static)/[^:\s]+|layout\.html):(\d+)(?::(\d+))?`)

// templateProblem reports a template that does not parse at its file and
// line, with Go's own description as the value.
func templateProblem(err error, rep *diag.Report) {
	file, line, col := "templates", 0, 0
	if m := templatePlaceRe.FindStringSubmatch(err.Error()); m != nil {
		file = "templates/" + m[1]
		line, _ = strconv.Atoi(m[2])
		col, _ = strconv.Atoi(m[3])
	}
	rep.Errorf(file, line, col, "", diag.V(err.Error()), "模板无法解析，请按括号中的说明修改（修改前可与随附的模板比对）")
}

func load(o Options, t *timer) (*Site, error) {
	fsys := o.fsys()
	rep := &diag.Report{}
	checkSymlinks(o.Root, rep)
	cfg, err := config.Load(fsys, o.Env)
	var cerr config.Errors
	if errors.As(err, &cerr) {
		// Reported like every other input; nothing else can load without it.
		cerr.AddTo(rep)
		return &Site{Report: rep, Root: o.Root}, nil
	}
	if err != nil {
		return nil, err
	}
	set := dataset.Load(fsys, dataset.Options{Encodings: cfg.Encodings, Config: cfg}, rep)
	t.end("load data")
	levels := make(map[string]string, len(set.Regions))
	for _, r := range set.Regions {
		levels[r.Code] = r.Level
	}
	docs := content.Load(fsys, content.Options{
		UnsafeHTML:  cfg.Markdown.UnsafeHTML,
		RegionLevel: func(code string) string { return levels[code] },
	}, rep)
	checkConfigRefs(cfg, docs, rep)
	meta := opendata.LoadMeta(fsys, rep)
	t.end("load content")
	s := &Site{Config: cfg, Data: set, Docs: docs, Report: rep, Root: o.Root, DataMeta: meta}
	if rep.HasErrors() {
		return s, nil
	}
	s.Model = model.Assemble(cfg, set, docs, dataVersion(o.Root, fsys, o.Env, cfg.VersionDate))
	readOriginals(s.Model, fsys, rep)
	// Warnings only: a stale column is for the administrator to fix, not a reason to withhold the site.
	freshness.Check(freshness.Columns(s.Model), s.Model.Version.Date, rep)
	checkAliases(s, fsys, rep)
	reconcile(s.Model, rep)
	t.end("assemble")
	return s, nil
}

// checkConfigRefs checks the references from site.yaml into content: the
// policy each release names as its basis must exist.
func checkConfigRefs(cfg *config.Config, docs []*content.Document, rep *diag.Report) {
	slugs := map[string]bool{}
	for _, d := range docs {
		if d.Kind == content.KindPolicy {
			slugs[d.Slug] = true
		}
	}
	for i, p := range cfg.Evaluation.Periods {
		if p.Basis != "" && !slugs[p.Basis] {
			key := fmt.Sprintf("evaluation.periods[%d].basis", i)
			line, col := cfg.Place(key)
			rep.Errorf(config.FileName, line, col, key, diag.V(p.Basis),
				"公示依据须为 content/policies/ 中已有政策的文件名（不含 .md）")
		}
	}
	if b := cfg.Baseline.Source; b != "" && !slugs[b] {
		line, col := cfg.Place("baseline.source")
		rep.Errorf(config.FileName, line, col, "baseline.source", diag.V(b), "基数来源须为 content/policies/ 中已有政策的文件名（不含 .md）")
	}
}

// originalName is the file name of a release's original: it becomes a URL
// segment beside the release page, so plain ASCII, and a PDF.
var originalName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$`)

// readOriginals reads the signed original of each release that names one
// (evaluation.periods[i].original, relative to content/).
func readOriginals(m *model.Model, fsys fs.FS, rep *diag.Report) {
	for i, cp := range m.Config.Evaluation.Periods {
		if cp.Original == "" {
			continue
		}
		key := fmt.Sprintf("evaluation.periods[%d].original", i)
		name := path.Base(cp.Original)
		if !fs.ValidPath(cp.Original) || !originalName.MatchString(name) {
			rep.Errorf(config.FileName, 0, 0, key, diag.V(cp.Original),
				"原件须为 content/ 下的 PDF 文件，文件名只用英文字母、数字、-、_ 和 .，如 evaluations/2023-notice.pdf")
			continue
		}
		file := "content/" + cp.Original
		if st, err := fs.Stat(fsys, file); err != nil || !st.Mode().IsRegular() {
			rep.Errorf(config.FileName, 0, 0, key, diag.V(cp.Original), "找不到原件文件 %s", file)
			continue
		}
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			rep.Errorf(config.FileName, 0, 0, key, diag.V(cp.Original), "无法读取原件文件 %s：%v", file, err)
			continue
		}
		if p := m.PeriodByID[cp.ID]; p != nil {
			p.OriginalFile = &model.Attachment{Name: name, Data: b}
		}
	}
}

// Build loads, validates, plans, renders and publishes the site. With
// problems in the inputs it returns ErrInvalid and publishes nothing. Each
// phase is a function of its own, timed (-v prints the times); an error
// names the phase that failed ("plan: …", "render: …").
func Build(o Options) (*Result, error) {
	t := &timer{log: o.Log}
	t.begin()
	site, err := load(o, t)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	res := &Result{Site: site}
	if site.Report.HasErrors() {
		return res, ErrInvalid
	}
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Root, "public")
	}
	unlock, err := lockOutput(o, out)
	if err != nil {
		return res, fmt.Errorf("lock: %w", err)
	}
	defer unlock()
	// The live tree is checked byte for byte: an identical rebuild is skipped
	// only when nothing in it was altered, and a damaged file is rewritten.
	live := publish.Verify(out)
	t.end("verify live")
	fingerprint := ""
	if o.Generator != "" {
		if fingerprint, err = inputsFingerprint(o, site, out); err != nil {
			return res, fmt.Errorf("fingerprint: %w", err)
		}
		if live.Intact() && live.Inputs == fingerprint {
			t.end("unchanged")
			res.Unchanged = true
			res.Files = live.Files
			res.Publish = publish.Stats{Files: live.Files, Unchanged: live.Files}
			res.Phases = t.phases
			res.Changes = &changes.Summary{DryRun: o.DryRun, Live: true}
			return res, writeChanges(out, res.Changes)
		}
	}
	r, err := loadTemplates(o, site)
	if err != nil {
		// A template that does not parse is an input problem, at its line.
		templateProblem(err, site.Report)
		return res, fmt.Errorf("templates: %w", ErrInvalid)
	}
	t.end("templates")

	// From here on every output goes straight into the staging tree as soon
	// as it exists, so the site is never held in memory whole; nothing is
	// live until Commit.
	begin := publish.Begin
	if o.DryRun {
		begin = publish.BeginDry
	}
	tx, err := begin(out)
	if err != nil {
		return res, fmt.Errorf("publish: %w", err)
	}
	startReview(tx, site)
	tx.SetInputs(fingerprint)
	tx.Distrust(live.Damaged)
	tx.Precompress(publish.DefaultGzipMin) // page.html.gz beside page.html, for nginx gzip_static
	ok := false
	defer func() {
		if !ok {
			tx.Abort()
		}
	}()
	if err := writeAll(tx, r.Static()); err != nil {
		return res, fmt.Errorf("static: %w", err)
	}

	// The early pages (every community and company: the bulk) need only the
	// model, so they render while the open-data and search phases run in
	// parallel; the late pages show what those phases produced. Open data
	// and search start first, so that they run during planning too. The
	// rows go with them: nothing else needs them, and they are dropped as
	// soon as the downloads are written, to lower the peak.
	rows := site.Data
	site.Data = nil
	extras := make(chan extraResult, 1)
	go func() { extras <- extraPhases(site, rows, tx, o) }()
	planner := pages.NewPlanner(site.Model)
	early, err := planner.Early()
	if err != nil {
		<-extras
		return res, fmt.Errorf("plan: %w", err)
	}
	t.end("plan")
	renderErr := r.Render(early, sinkInto(tx))
	extra := <-extras
	t.phases = append(t.phases, extra.phases...)
	if renderErr != nil {
		return res, fmt.Errorf("render: %w", renderErr)
	}
	if extra.err != nil {
		return res, extra.err
	}
	t.end("render early pages ∥ open data, search")
	late, err := renderLate(planner, extra.inputs, r, tx)
	if err != nil {
		return res, err
	}
	t.end("render late pages")
	// Beside the output, not in it: for administrators, never published.
	if err := writeLedgerReport(out, site.Model); err != nil {
		return res, fmt.Errorf("ledger: 台账核对报告 %s：%w", LedgerReportPath(out), err)
	}
	if res.Changes, err = review(tx, o.DryRun); err != nil {
		return res, err
	}
	stats, err := tx.Commit()
	if err != nil {
		return res, fmt.Errorf("publish: %w", err)
	}
	if err := writeChanges(out, res.Changes); err != nil {
		return res, err
	}
	ok = true
	t.end("publish")
	res.Pages = len(early) + late
	res.Slower = r.Fallbacks()
	res.Files = stats.Files
	res.Publish = stats
	res.Phases = t.phases
	return res, nil
}

// lockOutput takes the output's build lock, waiting for another build of
// the same output to finish: two at once would fill the same inactive tree
// with both. The lock is held from the look at the live tree to the swap.
func lockOutput(o Options, out string) (unlock func(), err error) {
	unlock, err = publish.Lock(out, func() {
		if o.Waiting != nil {
			o.Waiting(publish.LockPath(out))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("无法锁定输出目录：%w", err)
	}
	return unlock, nil
}

// loadTemplates parses and compiles the templates (render.New).
func loadTemplates(o Options, site *Site) (*render.Renderer, error) {
	tmpl, err := fs.Sub(o.fsys(), "templates")
	if err != nil {
		return nil, err
	}
	return render.New(tmpl, &render.Site{Config: site.Config, Updated: site.Model.Version.Date})
}

// sinkInto hands rendered pages to the staging tree.
func sinkInto(tx *publish.Tx) func(artifact.File) error {
	return func(f artifact.File) error { return tx.Write(f.Path, f.Data) }
}

// writeAll writes files into the staging tree with several writers, so the
// disk is kept busy while other writers wait on it.
func writeAll(tx *publish.Tx, files []artifact.File) error {
	workers := min(len(files), runtime.GOMAXPROCS(0))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += workers {
				if err := tx.Write(files[i].Path, files[i].Data); err != nil {
					errs[w] = fmt.Errorf("%s: %w", files[i].Path, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
