package sample

import (
	"embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
)

// The real division and street codes, embedded so that a clean clone can
// generate without ../shared (see refdata/README.md for their source).
//
//go:embed refdata/regions-shanxi.csv refdata/streets-shanxi.csv
var refFS embed.FS

// region is a row of regions.csv.
type region struct{ code, name, level, parent string }

// street is a 街道 or 乡镇 of a county.
type street struct {
	name   string
	weight float64 // how likely a residential community lies in it
}

// county is a county-level unit with what the generator needs to place communities in it.
type county struct {
	code, name string
	city       *city
	streets    []street
	urban      float64 // 0 (rural county) … 1 (urban district): biases modes and sizes
	weight     float64 // share of the city's communities
	pilot      bool    // the notice's pilot districts
}

// fullName is the county with its city (two counties are both named 城区).
func (c *county) fullName() string { return c.city.name + c.name }

// city is a prefecture-level city.
type city struct {
	code, name, short string
	areaCode          string  // telephone area code
	urbanPop          float64 // approximate urban population (10,000s, 2020 census): weights communities
	counties          []*county
}

// geography is the parsed reference data.
type geography struct {
	regions  []region // province first, then by code
	cities   []*city  // by code
	counties []*county
	byCode   map[string]*county
}

// cityFacts are approximate public figures used only as weights, and the
// real telephone area codes used for fictional 0000-numbers.
var cityFacts = map[string]struct {
	short, area string
	urbanPop    float64
}{
	"140100": {"太原", "0351", 472}, "140200": {"大同", "0352", 221}, "140300": {"阳泉", "0353", 91},
	"140400": {"长治", "0355", 175}, "140500": {"晋城", "0356", 136}, "140600": {"朔州", "0349", 89},
	"140700": {"晋中", "0354", 199}, "140800": {"运城", "0359", 229}, "140900": {"忻州", "0350", 140},
	"141000": {"临汾", "0357", 207}, "141100": {"吕梁", "0358", 180},
}

// pilotCodes are the notice's pilot districts: 长治市潞州区 and 晋城市城区.
var pilotCodes = map[string]bool{"140403": true, "140502": true}

func readRef(name string) ([][]string, error) {
	f, err := refFS.Open("refdata/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("refdata/%s: %w", name, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("refdata/%s: empty", name)
	}
	return recs[1:], nil
}

func loadGeography() (*geography, error) {
	rows, err := readRef("regions-shanxi.csv")
	if err != nil {
		return nil, err
	}
	streets, err := readRef("streets-shanxi.csv")
	if err != nil {
		return nil, err
	}
	g := &geography{byCode: map[string]*county{}}
	cities := map[string]*city{}
	g.regions = append(g.regions, region{"140000", "山西省", "province", ""})
	var rs []region
	for _, r := range rows {
		if len(r) != 4 {
			return nil, fmt.Errorf("refdata/regions-shanxi.csv: bad row %q", r)
		}
		rs = append(rs, region{r[0], r[1], r[2], r[3]})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].code < rs[j].code })
	g.regions = append(g.regions, rs...)
	for _, r := range rs {
		if r.level == "city" {
			f, ok := cityFacts[r.code]
			if !ok {
				return nil, fmt.Errorf("refdata: no facts for city %s", r.code)
			}
			c := &city{code: r.code, name: r.name, short: f.short, areaCode: f.area, urbanPop: f.urbanPop}
			cities[r.code] = c
			g.cities = append(g.cities, c)
		}
	}
	for _, r := range rs {
		if r.level != "county" {
			continue
		}
		c := cities[r.parent]
		if c == nil {
			return nil, fmt.Errorf("refdata: county %s has unknown city %s", r.code, r.parent)
		}
		k := &county{code: r.code, name: r.name, city: c, pilot: pilotCodes[r.code]}
		switch {
		case strings.HasSuffix(r.code, "71"): // statistical zones: development areas, scenic areas
			k.urban, k.weight = 0.5, 0.5
		case strings.HasSuffix(r.name, "区"):
			k.urban, k.weight = 1, 4
		case strings.HasSuffix(r.name, "市"):
			k.urban, k.weight = 0.6, 2.2
		default:
			k.urban, k.weight = 0.15, 1
		}
		c.counties = append(c.counties, k)
		g.counties = append(g.counties, k)
		g.byCode[k.code] = k
	}
	for _, s := range streets {
		if len(s) != 3 {
			return nil, fmt.Errorf("refdata/streets-shanxi.csv: bad row %q", s)
		}
		k := g.byCode[s[2]]
		if k == nil {
			return nil, fmt.Errorf("refdata/streets-shanxi.csv: unknown county %s", s[2])
		}
		w := 0.3 // 乡: few residential compounds
		switch {
		case strings.HasSuffix(s[1], "街道"):
			w = 4
		case strings.HasSuffix(s[1], "镇"):
			w = 1
		}
		k.streets = append(k.streets, street{name: s[1], weight: w})
	}
	for _, k := range g.counties {
		if len(k.streets) == 0 {
			return nil, fmt.Errorf("refdata: county %s has no streets", k.code)
		}
	}
	return g, nil
}
