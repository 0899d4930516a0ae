// Package model assembles validated datasets and content into one indexed,
// read-only view of the portal: the regions tree, companies, communities with
// their derived facts, evaluation releases with rankings, progress series and
// documents.
//
// Every join is by map lookup (no quadratic scans) and every list has a total
// order ending in an id, so pages built from the model are deterministic.
// The model knows nothing of HTML, CSV or files.
package model

import (
	"math"
	"sort"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/dataset"
)

// Version identifies the data behind a build: the "last updated" date shown
// on every page and written into feeds, sitemaps and catalogs.
type Version struct {
	Date   time.Time // UTC
	Commit string    // short git commit, when built from a checkout
}

// Model is the assembled site.
type Model struct {
	Config  *config.Config
	Version Version

	Province       *Region
	Regions        []*Region // province, cities, counties; ordered by code
	RegionByCode   map[string]*Region
	Enterprises    []*Enterprise // ordered by id
	EnterpriseByID map[string]*Enterprise
	Communities    []*Community // ordered by id
	CommunityByID  map[string]*Community
	// Periods are the evaluation releases, newest publication first.
	Periods    []*Period
	PeriodByID map[string]*Period
	Progress   *Progress

	Policies []*content.Document // newest first
	Cases    []*content.Document // newest first
	News     []*content.Document // newest first
	Pages    []*content.Document // by menu order, then slug
	DocByURL map[string]*content.Document
}

// Region is a division: the province, a city or a county.
type Region struct {
	Code, Name, Level string
	Parent            *Region
	Children          []*Region // by code
	// FullName is the name with its city for counties ("晋城市城区").
	FullName string
	// ShortName is the name, or FullName where the name alone is ambiguous in
	// the province (two counties are called 城区).
	ShortName string
	// Communities directly in this county (empty for cities and the province), by street then name then id.
	Communities []*Community
	Streets     []*Street // county only, by name
	// Enterprises registered directly in this region, by id.
	Enterprises []*Enterprise
	Stats       RegionStats
}

// City returns the region's city (itself for a city, nil for the province).
func (r *Region) City() *Region {
	switch r.Level {
	case "city":
		return r
	case "county":
		return r.Parent
	}
	return nil
}

// Street groups a county's communities.
type Street struct {
	Name        string
	Communities []*Community
}

// RegionStats are the ledger figures of a region and everything under it.
type RegionStats struct {
	Communities int
	Households  int
	// Modes counts communities per management mode, in dataset.ManagementModes order.
	Modes [5]int
	// Eligible communities have occupancy ≥ 50%; EligibleFormed of them have a committee.
	Eligible, EligibleFormed int
	// Committees counts formed committees by kind (业委会, 物管会).
	OwnersCommittees, ManagementCommittees int
	// Enterprises registered in the region that are not withdrawn, and how many of them are covered by party work.
	Enterprises, EnterprisesCovered                     int
	ServiceRoomOK, ServiceRoomShort, ServiceRoomUnknown int
	SmartPlatform                                       int
	// Latest is the summary of the newest evaluation release within the region (nil when none).
	Latest *EvalSummary
}

// CommitteeRate is the formation rate among eligible communities, in percent (NaN when none are eligible).
func (s RegionStats) CommitteeRate() float64 { return Percent(s.EligibleFormed, s.Eligible) }

// PartyRate is the party-work coverage of companies, in percent.
func (s RegionStats) PartyRate() float64 { return Percent(s.EnterprisesCovered, s.Enterprises) }

// Percent returns 100·n/d, or NaN when d is 0.
func Percent(n, d int) float64 {
	if d == 0 {
		return math.NaN()
	}
	return 100 * float64(n) / float64(d)
}

// Enterprise is a property-service company.
type Enterprise struct {
	dataset.Enterprise
	Region      *Region
	Withdrawn   bool           // status 清退
	Covered     bool           // party organisation or work covers it
	Communities []*Community   // currently served, by name then id
	Evaluations []*Evaluation  // every project evaluation, by period publication then community id
	ByPeriod    []*CompanyRank // one per period with evaluations, oldest first
}

// CompanyRank is a company's result in one period: the mean of its projects,
// ranked among companies with projects in that period.
type CompanyRank struct {
	Period             *Period
	Projects           int
	Average, Best, Low float64
	RankProvince       int
	OfProvince         int
	RankCity           int // among companies registered in the same city
	OfCity             int
}

// Community is a residential community of the ledger.
type Community struct {
	dataset.Community
	County, City *Region
	Enterprise   *Enterprise // nil unless served by a company
	// Eligible for a committee: occupancy ≥ 50%.
	Eligible bool
	// Formed: a 业委会 or 物管会 exists.
	Formed bool
	// PartyRatio is party members / members in percent (NaN when unknown).
	PartyRatio float64
	// ServiceRoom is 达标, 不达标 or 未填报; ServiceRoomRequired the required area in m² when the floor area is known.
	ServiceRoom         string
	ServiceRoomRequired float64
	Evaluations         []*Evaluation // oldest period first
}

// Service room compliance values.
const (
	ServiceRoomOK      = "达标"
	ServiceRoomShort   = "不达标"
	ServiceRoomUnknown = "未填报"
)

// Evaluation is one project's result in one period, with computed total, grade and ranks.
type Evaluation struct {
	dataset.Evaluation
	Period     *Period
	Community  *Community
	Enterprise *Enterprise
	Score      float64 // computed total, rounded to 0.01
	GradeName  string  // computed from config thresholds
	// Ranks within the period; ties share a rank (1, 2, 2, 4).
	RankProvince, RankCity, RankCounty int
}

// Period is an evaluation release (公示).
type Period struct {
	config.Period
	Evaluations []*Evaluation // by province rank, then community id
	Summary     EvalSummary
	Cities      []*PeriodCity // cities with projects, by code
	// Previous is the period published before this one (nil for the first).
	Previous *Period
	// OriginalFile is the signed original named by Original, read by the
	// build (nil when there is none).
	OriginalFile *Attachment
}

// Attachment is a file published as it is, beside a page.
type Attachment struct {
	Name string // file name, a safe URL segment (e.g. 2023-notice.pdf)
	Data []byte
}

// PeriodCity is one city's part of a release.
type PeriodCity struct {
	City        *Region
	Evaluations []*Evaluation // by city rank, then community id
	Summary     EvalSummary
}

// EvalSummary describes a set of project results.
type EvalSummary struct {
	Period   *Period
	Projects int
	Average  float64
	// Grades counts projects per grade, in config order (highest first).
	Grades []GradeCount
}

// GradeCount is the number of projects with a grade.
type GradeCount struct {
	Grade string
	Count int
}

// Progress holds the city reports and their province sums.
type Progress struct {
	Dates    []time.Time   // every report date, ascending
	Province []*Report     // the sum of the cities' reports on each date, ascending
	Cities   []*CitySeries // by city code
}

// CitySeries is one city's reports.
type CitySeries struct {
	City    *Region
	Reports []*Report // ascending by date
}

// Report is a city's report on a date, or the province sum.
type Report struct {
	dataset.ProgressReport
	Date   time.Time
	Region *Region
	// Cities is the number of city reports summed (province rows only).
	Cities int
}

// CommitteeRate is committees formed among eligible communities, in percent.
func (r *Report) CommitteeRate() float64 {
	return Percent(r.CommitteesFormed, r.EligibleForCommittee)
}

// PartyRate is party-work coverage of companies, in percent.
func (r *Report) PartyRate() float64 {
	return Percent(r.EnterprisesPartyCovered, r.EnterprisesTotal)
}

// Modes returns the five mode counts in dataset.ManagementModes order.
func (r *Report) Modes() [5]int {
	return [5]int{r.ModeEnterprise, r.ModeCommunity, r.ModeOwner, r.ModeUnit, r.ModeNone}
}

// Assemble joins validated datasets and documents into a model. It expects
// inputs that passed validation; dangling references are skipped, not fatal.
func Assemble(cfg *config.Config, set *dataset.Set, docs []*content.Document, v Version) *Model {
	m := &Model{
		Config:         cfg,
		Version:        v,
		RegionByCode:   make(map[string]*Region, len(set.Regions)),
		EnterpriseByID: make(map[string]*Enterprise, len(set.Enterprises)),
		CommunityByID:  make(map[string]*Community, len(set.Communities)),
		PeriodByID:     map[string]*Period{},
		DocByURL:       map[string]*content.Document{},
	}
	m.assembleRegions(set.Regions)
	m.assembleEnterprises(set.Enterprises)
	m.assembleCommunities(set.Communities)
	m.assembleEvaluations(set.Evaluations)
	m.assembleProgress(set.Progress)
	m.computeStats()
	m.assembleDocs(docs)
	return m
}

func (m *Model) assembleRegions(rows []dataset.Region) {
	for _, r := range rows {
		reg := &Region{Code: r.Code, Name: r.Name, Level: r.Level}
		m.Regions = append(m.Regions, reg)
		m.RegionByCode[r.Code] = reg
	}
	sort.Slice(m.Regions, func(i, j int) bool { return m.Regions[i].Code < m.Regions[j].Code })
	parents := make(map[string]string, len(rows))
	for _, r := range rows {
		parents[r.Code] = r.ParentCode
	}
	names := map[string]int{}
	for _, reg := range m.Regions {
		if p := m.RegionByCode[parents[reg.Code]]; p != nil && p != reg {
			reg.Parent = p
			p.Children = append(p.Children, reg)
		}
		if reg.Level == "province" && m.Province == nil {
			m.Province = reg
		}
		if reg.Level == "county" {
			names[reg.Name]++
		}
	}
	for _, reg := range m.Regions {
		reg.FullName, reg.ShortName = reg.Name, reg.Name
		if reg.Level == "county" && reg.Parent != nil {
			reg.FullName = reg.Parent.Name + reg.Name
			if names[reg.Name] > 1 {
				reg.ShortName = reg.FullName
			}
		}
	}
}

func (m *Model) assembleEnterprises(rows []dataset.Enterprise) {
	for _, row := range rows {
		e := &Enterprise{Enterprise: row, Region: m.RegionByCode[row.RegionCode]}
		e.Withdrawn = row.Status == "清退"
		e.Covered = row.PartyOrg != "" && row.PartyOrg != "未覆盖"
		m.Enterprises = append(m.Enterprises, e)
		m.EnterpriseByID[row.ID] = e
	}
	sort.Slice(m.Enterprises, func(i, j int) bool { return m.Enterprises[i].ID < m.Enterprises[j].ID })
	for _, e := range m.Enterprises {
		if e.Region != nil {
			e.Region.Enterprises = append(e.Region.Enterprises, e)
		}
	}
}

func (m *Model) assembleCommunities(rows []dataset.Community) {
	for _, row := range rows {
		c := &Community{Community: row, County: m.RegionByCode[row.RegionCode]}
		if c.County != nil {
			c.City = c.County.City()
		}
		if row.EnterpriseID != "" {
			c.Enterprise = m.EnterpriseByID[row.EnterpriseID]
		}
		c.Eligible = row.OccupancyRate >= 50
		c.Formed = row.Committee != "" && row.Committee != "未组建"
		c.PartyRatio = math.NaN()
		if row.CommitteeMembers.Valid && row.CommitteePartyMembers.Valid {
			c.PartyRatio = Percent(row.CommitteePartyMembers.V, row.CommitteeMembers.V)
		}
		c.ServiceRoom = ServiceRoomUnknown
		if row.FloorArea.Valid {
			c.ServiceRoomRequired = math.Max(0.02*row.FloorArea.V, 50)
		}
		if row.FloorArea.Valid && row.ServiceRoomArea.Valid {
			if row.ServiceRoomArea.V+1e-9 >= c.ServiceRoomRequired {
				c.ServiceRoom = ServiceRoomOK
			} else {
				c.ServiceRoom = ServiceRoomShort
			}
		}
		m.Communities = append(m.Communities, c)
		m.CommunityByID[row.ID] = c
	}
	sort.Slice(m.Communities, func(i, j int) bool { return m.Communities[i].ID < m.Communities[j].ID })
	for _, c := range m.Communities {
		if c.Enterprise != nil {
			c.Enterprise.Communities = append(c.Enterprise.Communities, c)
		}
		if c.County != nil {
			c.County.Communities = append(c.County.Communities, c)
		}
	}
	for _, e := range m.Enterprises {
		sortCommunities(e.Communities)
	}
	for _, r := range m.Regions {
		if len(r.Communities) == 0 {
			continue
		}
		sort.SliceStable(r.Communities, func(i, j int) bool {
			a, b := r.Communities[i], r.Communities[j]
			if a.Street != b.Street {
				return a.Street < b.Street
			}
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.ID < b.ID
		})
		for _, c := range r.Communities {
			if n := len(r.Streets); n == 0 || r.Streets[n-1].Name != c.Street {
				r.Streets = append(r.Streets, &Street{Name: c.Street})
			}
			s := r.Streets[len(r.Streets)-1]
			s.Communities = append(s.Communities, c)
		}
	}
}

func sortCommunities(cs []*Community) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Name != cs[j].Name {
			return cs[i].Name < cs[j].Name
		}
		return cs[i].ID < cs[j].ID
	})
}

// ModeIndex returns the index of a management mode in dataset.ManagementModes, or -1.
func ModeIndex(mode string) int {
	for i, m := range dataset.ManagementModes {
		if m == mode {
			return i
		}
	}
	return -1
}
