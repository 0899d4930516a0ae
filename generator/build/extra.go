package build

import (
	"strings"

	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/render"
	"github.com/sxwuye/portal/generator/search"
)

// extraPhases runs the open-data and search phases and hands their files to
// write as soon as each phase is done. Each phase is one call, timed on its own.
func extraPhases(site *Site, in *pages.Inputs, t *timer, write func([]render.File) error, download opendata.Sink, released func()) error {
	// The git history of each data file dates the open-data versions.
	hist, err := opendata.ReadHistory(site.Root, opendata.MaxVersions)
	if err != nil {
		return err
	}
	t.end("history")
	od, err := opendata.BuildTo(site.Model, site.Data, site.DataMeta, hist, download)
	if err != nil {
		return err
	}
	in.Datasets = od.Datasets
	// The model holds its own copy of every row; the raw rows are needed by
	// nothing after the downloads, so they are let go to lower the peak.
	site.Data = nil
	t.end("opendata")

	var datasets []search.Doc
	for _, d := range od.Datasets {
		datasets = append(datasets, search.Doc{
			Type: "dataset", Title: d.Title, URL: d.URL, Names: []string{d.Title, d.Name},
			Context: strings.Join([]string{"开放数据", d.Theme, d.Publisher}, " · "),
			Body:    d.Description + "\n" + strings.Join(d.Keywords, " "),
		})
	}
	if err := write(searchPhase(site, in, datasets)); err != nil {
		return err
	}
	t.end("search")
	if released != nil {
		released()
	}
	return nil
}
