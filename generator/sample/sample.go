// Package sample generates fictional, internally consistent datasets with the
// real shape of the provincial notice: the shipped sample in data/ (ScaleSample)
// and complete, buildable sites at province and ten-times (national) scale for
// benchmarks and end-to-end tests.
//
// Only the division and street codes are real (embedded from refdata/); every
// name starts with "示例·", credit codes use a 0000 serial with a valid
// GB 32100-2015 check character, and phone numbers are 0000 numbers. Output
// depends only on the scale, the seed and the project's site.yaml (evaluation
// periods, maxima and grades): the same inputs give byte-identical files.
package sample

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/sxwuye/portal/generator/config"
)

// Scale is the size of a generated dataset.
type Scale string

// The scales.
const (
	// ScaleSample is the shipped data/: several hundred communities, both pilot
	// districts in depth, 12 progress reports per city in the second half of 2022.
	ScaleSample Scale = "sample"
	// ScaleProvince is the notice's province: 23,494 communities, about 3,000
	// companies, 24 reports per city, 200 cases and 50 policies.
	ScaleProvince Scale = "province"
	// ScaleNational is ten times the province (the same counties, unique ids).
	ScaleNational Scale = "national"
)

// DefaultSeed is the seed of the shipped sample in data/.
const DefaultSeed int64 = 20220715

// sizes of a scale.
type sizes struct {
	factor             int // multiple of the province (0 for the sample)
	companies, reports int
	cases, policies    int
}

func sizesOf(s Scale) (sizes, error) {
	switch s {
	case ScaleSample:
		return sizes{companies: 60, reports: 12}, nil
	case ScaleProvince:
		return sizes{factor: 1, companies: 3000, reports: 24, cases: 200, policies: 50}, nil
	case ScaleNational:
		return sizes{factor: 10, companies: 30000, reports: 24, cases: 2000, policies: 500}, nil
	}
	return sizes{}, fmt.Errorf("未知的规模 %q（可选 sample、province、national）", s)
}

// Write writes a complete, buildable site into dir: the generated data/*.csv
// and (above ScaleSample) generated cases and policies in content/, plus
// copies of site.yaml, templates/, content/, static/ and assets/ taken from
// project (an fs.FS rooted at the project root, e.g. os.DirFS(".")).
// dir must not be the project itself; to regenerate the project's own data/
// use WriteData.
func Write(dir string, scale Scale, seed int64, project fs.FS) error {
	if _, err := sizesOf(scale); err != nil {
		return err
	}
	if err := copyProject(dir, project); err != nil {
		return err
	}
	return WriteData(dir, scale, seed, project)
}

// WriteData writes only the generated files into dir: data/*.csv and, above
// ScaleSample, content/cases/S*.md and content/policies/sample-policy-*.md.
// project supplies site.yaml (evaluation periods, maxima, grades).
// WriteData(".", ScaleSample, DefaultSeed, os.DirFS(".")) regenerates the shipped sample.
func WriteData(dir string, scale Scale, seed int64, project fs.FS) error {
	sz, err := sizesOf(scale)
	if err != nil {
		return err
	}
	cfg, err := config.Load(project, nil)
	if err != nil {
		return fmt.Errorf("示例数据需要有效的站点配置：%w", err)
	}
	g, err := loadGeography()
	if err != nil {
		return err
	}
	// The province plan fixes each city's first report, whatever the scale,
	// so the sample's progress series is the province's.
	f := max(sz.factor, 1)
	prov := makePlan(g, newRNG(seed, "plan"), provinceCounts(g, noticeTotal()*f), scaledQuota(noticeTotal()*f), 3000*f)
	p, lp := prov, ledgerParams{withdrawn: sz.companies / 50, mismatch: 0.01, formedShare: 0.55, earlierFirms: true}
	if scale == ScaleSample {
		r := newRNG(seed, "plan-sample")
		counts := sampleCounts(g, r)
		n := 0
		for _, c := range counts {
			n += c
		}
		p = makePlan(g, r, counts, scaledQuota(n), sz.companies)
		clearedByCommunity(p)
		lp = ledgerParams{withdrawn: 3, mismatch: 0.03, formedShare: 0.5}
	}
	L, err := buildLedger(g, p, seed, cfg, lp)
	if err != nil {
		return err
	}
	progress := progressRows(cityBases(g, prov), reportDates(sz.reports), seed)
	if err := writeDatasets(dir, g, L, progress, cfg); err != nil {
		return err
	}
	if sz.cases > 0 {
		if err := writeCases(dir, sz.cases, g, L, seed); err != nil {
			return err
		}
	}
	if sz.policies > 0 {
		if err := writePolicies(dir, sz.policies, g, seed); err != nil {
			return err
		}
	}
	return nil
}

// clearedByCommunity turns the plan's no-service communities into
// communities hosted by their community (社区托管, the usual way one is
// cleared). The shipped ledger stands beside reports in which every city has
// cleared its no-service communities; a ledger still listing some would
// contradict them (a validator warning). Companies and evaluations do not
// change. The province scale keeps the notice's baseline mix.
func clearedByCommunity(p plan) {
	for _, ms := range p.modes {
		for i, m := range ms {
			if m == modeNone {
				ms[i] = modeCommunity
			}
		}
	}
}

// copyProject copies the site's configuration, templates and content.
func copyProject(dir string, project fs.FS) error {
	if err := copyFile(dir, project, config.FileName); err != nil {
		return err
	}
	// The open-data catalog metadata is edited by admins, not generated.
	if err := copyFile(dir, project, "data/datasets.yaml"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, root := range []string{"templates", "content", "static", "assets"} {
		err := fs.WalkDir(project, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, filepath.FromSlash(p)), 0o755)
			}
			if !d.Type().IsRegular() {
				return nil
			}
			return copyFile(dir, project, p)
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func copyFile(dir string, project fs.FS, p string) error {
	b, err := fs.ReadFile(project, p)
	if err != nil {
		return err
	}
	dst := filepath.Join(dir, filepath.FromSlash(path.Clean(p)))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
