package build

import (
	"github.com/sxwuye/portal/generator/artifact"
	"github.com/sxwuye/portal/generator/search"
)

// searchPhase builds the static search index over the model and any extra
// documents (the open-data datasets), and returns its files and the site
// path of its manifest.
func searchPhase(site *Site, extra []search.Doc) ([]artifact.File, string) {
	docs := append(search.FromModel(site.Model), extra...)
	files, _ := search.Build(docs)
	out := make([]artifact.File, len(files))
	for i, f := range files {
		out[i] = artifact.File{Path: f.Path, Data: f.Data}
	}
	return out, "/search/manifest.json"
}
