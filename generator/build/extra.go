package build

import (
	"strings"

	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/render"
	"github.com/sxwuye/portal/generator/search"
)

// extraPhases runs the open-data and search phases and returns their files.
// Each phase is one call, timed on its own.
func extraPhases(site *Site, in *pages.Inputs, t *timer) ([]render.File, error) {
	var files []render.File

	// The git history of each data file dates the open-data versions.
	hist, err := opendata.ReadHistory(site.Root, opendata.MaxVersions)
	if err != nil {
		return nil, err
	}
	t.end("history")
	od, err := opendata.Build(site.Model, site.Data, site.DataMeta, hist)
	if err != nil {
		return nil, err
	}
	in.Datasets = od.Datasets
	files = append(files, od.Files...)
	t.end("opendata")

	var datasets []search.Doc
	for _, d := range od.Datasets {
		datasets = append(datasets, search.Doc{
			Type: "dataset", Title: d.Title, URL: d.URL, Names: []string{d.Title, d.Name},
			Context: strings.Join([]string{"开放数据", d.Theme, d.Publisher}, " · "),
			Body:    d.Description + "\n" + strings.Join(d.Keywords, " "),
		})
	}
	files = append(files, searchPhase(site, in, datasets)...)
	t.end("search")

	return files, nil
}
