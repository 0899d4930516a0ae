package build

import (
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/render"
)

// extraPhases runs the open-data and search phases and returns their files.
func extraPhases(site *Site, in *pages.Inputs, t *timer) ([]render.File, error) {
	return nil, nil
}
