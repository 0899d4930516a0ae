package build

import (
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/publish"
	"github.com/sxwuye/portal/generator/render"
	"github.com/sxwuye/portal/generator/search"
)

// extraResult is what the open-data and search phases hand back to Build:
// what the late pages show of them, and their times.
type extraResult struct {
	inputs pages.Inputs
	phases []Phase
	err    error
}

// extraPhases runs the open-data and search phases beside the rendering of
// the early pages, writing their files into tx as soon as each phase is
// done. rows are the data files' rows, needed by nothing else: they are
// let go after the downloads. Each phase is timed on its own.
func extraPhases(site *Site, rows *dataset.Set, tx *publish.Tx, o Options) extraResult {
	t := &timer{log: o.Log, prefix: "  ∥ "}
	t.begin()
	in, err := runExtraPhases(site, rows, tx, o.RowsReleased, t)
	return extraResult{inputs: in, phases: t.phases, err: err}
}

func runExtraPhases(site *Site, rows *dataset.Set, tx *publish.Tx, released func(), t *timer) (pages.Inputs, error) {
	var in pages.Inputs
	// The git history of each data file dates the open-data versions.
	hist, err := opendata.ReadHistory(site.Root, opendata.MaxVersions)
	if err != nil {
		return in, fmt.Errorf("history: %w", err)
	}
	t.end("history")
	download := func(path string, data []byte, sum [sha256.Size]byte) error {
		if err := tx.WriteSum(path, data, sum); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	od, err := opendata.BuildTo(site.Model, rows, site.DataMeta, hist, download)
	if err != nil {
		return in, fmt.Errorf("opendata: %w", err)
	}
	in.Datasets = od.Datasets
	t.end("opendata")

	var datasets []search.Doc
	for _, d := range od.Datasets {
		datasets = append(datasets, search.Doc{
			Type: "dataset", Title: d.Title, URL: d.URL, Names: []string{d.Title, d.Name},
			Context: strings.Join([]string{"开放数据", d.Theme, d.Publisher}, " · "),
			Body:    d.Description + "\n" + strings.Join(d.Keywords, " "),
		})
	}
	files, manifest := searchPhase(site, datasets)
	if err := writeAll(tx, files); err != nil {
		return in, fmt.Errorf("search: %w", err)
	}
	in.SearchManifest = manifest
	t.end("search")
	if released != nil {
		released()
	}
	return in, nil
}

// renderLate plans and renders the pages that show what the open-data and
// search phases produced, and returns how many there were.
func renderLate(planner *pages.Planner, in pages.Inputs, r *render.Renderer, tx *publish.Tx) (int, error) {
	rest, err := planner.Rest(in)
	if err != nil {
		return 0, fmt.Errorf("plan: %w", err)
	}
	if err := writeAll(tx, rest.Files); err != nil {
		return 0, fmt.Errorf("render: %w", err)
	}
	if err := r.Render(rest.Pages, sinkInto(tx)); err != nil {
		return 0, fmt.Errorf("render: %w", err)
	}
	return len(rest.Pages), nil
}
