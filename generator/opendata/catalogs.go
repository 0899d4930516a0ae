package opendata

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
)

// Every catalog is built from ordered structs (never maps), so its bytes
// depend only on the data.

func sortStrings(s []string) { sort.Strings(s) }

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// openDefinitionID returns the Open Definition licence id of a well-known licence URL.
func openDefinitionID(url string) string {
	for _, l := range []struct{ frag, id string }{
		{"creativecommons.org/licenses/by/4.0", "CC-BY-4.0"},
		{"creativecommons.org/licenses/by-sa/4.0", "CC-BY-SA-4.0"},
		{"creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"},
	} {
		if strings.Contains(url, l.frag) {
			return l.id
		}
	}
	return ""
}

// ---- Frictionless Data Package v2 ----

type dpLicense struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

type dpContributor struct {
	Title string   `json:"title"`
	Email string   `json:"email,omitempty"`
	Roles []string `json:"roles"`
}

type dpConstraints struct {
	Required bool     `json:"required,omitempty"`
	Unique   bool     `json:"unique,omitempty"`
	Minimum  *float64 `json:"minimum,omitempty"`
	Maximum  *float64 `json:"maximum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

type dpField struct {
	Name        string         `json:"name"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Type        string         `json:"type"`
	Format      string         `json:"format,omitempty"`
	TrueValues  []string       `json:"trueValues,omitempty"`
	FalseValues []string       `json:"falseValues,omitempty"`
	Constraints *dpConstraints `json:"constraints,omitempty"`
}

type dpReference struct {
	Resource string   `json:"resource,omitempty"`
	Fields   []string `json:"fields"`
}

type dpForeignKey struct {
	Fields    []string    `json:"fields"`
	Reference dpReference `json:"reference"`
}

type dpSchema struct {
	Fields        []dpField      `json:"fields"`
	PrimaryKey    []string       `json:"primaryKey"`
	ForeignKeys   []dpForeignKey `json:"foreignKeys,omitempty"`
	MissingValues []string       `json:"missingValues"`
}

type dpDialect struct {
	Header         bool   `json:"header"`
	Delimiter      string `json:"delimiter"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	DoubleQuote    bool   `json:"doubleQuote"`
}

type dpResource struct {
	Name        string      `json:"name"`
	Type        string      `json:"type"`
	Path        string      `json:"path"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Format      string      `json:"format"`
	Mediatype   string      `json:"mediatype"`
	Encoding    string      `json:"encoding"`
	Bytes       int         `json:"bytes"`
	Hash        string      `json:"hash"`
	Licenses    []dpLicense `json:"licenses"`
	Dialect     dpDialect   `json:"dialect"`
	Schema      dpSchema    `json:"schema"`
}

type dataPackageJSON struct {
	Schema       string          `json:"$schema"`
	Name         string          `json:"name"`
	ID           string          `json:"id"`
	Title        string          `json:"title"`
	Description  string          `json:"description"`
	Homepage     string          `json:"homepage"`
	Version      string          `json:"version,omitempty"`
	Created      string          `json:"created"`
	Keywords     []string        `json:"keywords"`
	Contributors []dpContributor `json:"contributors"`
	Licenses     []dpLicense     `json:"licenses"`
	Resources    []dpResource    `json:"resources"`
}

func dpLicenses(l License) []dpLicense {
	return []dpLicense{{Name: openDefinitionID(l.URL), Path: l.URL, Title: l.Name}}
}

// tableSchemaField declares a column's type as the dictionary says: never guessed.
func tableSchemaField(c Column, f dataset.Field) dpField {
	out := dpField{Name: c.Key, Title: c.Label, Description: c.Desc}
	switch f.Type {
	case dataset.TypeInteger:
		out.Type = "integer"
	case dataset.TypeNumber:
		out.Type = "number"
	case dataset.TypeDate:
		out.Type, out.Format = "date", "default"
	case dataset.TypeBool:
		out.Type, out.TrueValues, out.FalseValues = "boolean", []string{"true"}, []string{"false"}
	case dataset.TypeYear:
		out.Type = "year"
	default:
		out.Type = "string"
	}
	cons := &dpConstraints{Required: f.Required, Unique: f.Unique, Minimum: f.Min, Maximum: f.Max, Pattern: f.Pattern}
	if f.Type == dataset.TypeEnum {
		cons.Enum = f.Enum
	}
	if f.Default != "" {
		cons.Required = true // an empty cell was filled with the default before publishing
	}
	if cons.Required || cons.Unique || cons.Minimum != nil || cons.Maximum != nil || cons.Pattern != "" || cons.Enum != nil {
		out.Constraints = cons
	}
	return out
}

func dataPackage(m *model.Model, infos []*DatasetInfo) ([]byte, error) {
	cfg := m.Config
	dp := dataPackageJSON{
		Schema:      "https://datapackage.org/profiles/2.0/datapackage.json",
		Name:        "shanxi-community-property-open-data",
		ID:          absURL(m, DataPackagePath),
		Title:       cfg.Title + "开放数据",
		Description: "本平台发布的全部开放数据集：字段类型、取值规则、主键和外键均按数据字典声明。",
		Homepage:    absURL(m, "/data/"),
		Version:     m.Version.Commit,
		Created:     m.Version.Date.UTC().Format(time.RFC3339),
		Contributors: []dpContributor{{Title: cfg.Publisher.Name, Email: cfg.Publisher.Email,
			Roles: []string{"publisher"}}},
		Licenses: dpLicenses(License{Name: cfg.License.Name, URL: cfg.License.URL}),
	}
	kw := map[string]bool{}
	for _, d := range infos {
		for _, k := range d.Keywords {
			if !kw[k] {
				kw[k] = true
				dp.Keywords = append(dp.Keywords, k)
			}
		}
		s := dataset.SchemaByName(d.Name)
		dl := d.Download("csv")
		res := dpResource{
			Name: d.Name, Type: "table", Path: strings.TrimPrefix(dl.Path, "/data/"),
			Title: d.Title, Description: d.Description, Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Bytes: dl.Bytes, Hash: "sha256:" + dl.SHA256, Licenses: dpLicenses(d.License),
			Dialect: dpDialect{Header: true, Delimiter: ",", LineTerminator: "\n", QuoteChar: `"`, DoubleQuote: true},
			Schema:  dpSchema{PrimaryKey: s.PrimaryKey, MissingValues: []string{""}},
		}
		for _, c := range d.Columns {
			f, _ := s.Field(c.Key)
			res.Schema.Fields = append(res.Schema.Fields, tableSchemaField(c, f))
		}
		for _, fk := range s.ForeignKeys {
			ref := dpReference{Resource: fk.Dataset, Fields: []string{fk.Reference}}
			if fk.Dataset == s.Name {
				ref.Resource = "" // a self-reference names no resource
			}
			res.Schema.ForeignKeys = append(res.Schema.ForeignKeys, dpForeignKey{Fields: []string{fk.Field}, Reference: ref})
		}
		dp.Resources = append(dp.Resources, res)
	}
	return marshal(dp)
}

// ---- DCAT-AP 3 (JSON-LD) ----

// DCATContext is the published DCAT-AP 3.0.1 JSON-LD context.
const DCATContext = "https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld"

const (
	euFrequency = "http://publications.europa.eu/resource/authority/frequency/"
	euAccess    = "http://publications.europa.eu/resource/authority/access-right/"
	euFileType  = "http://publications.europa.eu/resource/authority/file-type/"
	ianaMedia   = "https://www.iana.org/assignments/media-types/"
)

type ldRef struct {
	ID string `json:"@id"`
}

type ldAgent struct {
	ID   string   `json:"@id,omitempty"`
	Type string   `json:"@type"`
	Name []string `json:"name"`
}

type ldContact struct {
	Type  string `json:"@type"`
	FN    string `json:"http://www.w3.org/2006/vcard/ns#fn"`
	Email *ldRef `json:"http://www.w3.org/2006/vcard/ns#hasEmail,omitempty"`
	Tel   *ldRef `json:"http://www.w3.org/2006/vcard/ns#hasTelephone,omitempty"`
}

type ldChecksum struct {
	Type      string `json:"@type"`
	Algorithm string `json:"algorithm"`
	Value     string `json:"checksumValue"`
}

type ldDistribution struct {
	ID               string     `json:"@id"`
	Type             string     `json:"@type"`
	Title            []string   `json:"title"`
	Description      []string   `json:"description"`
	AccessURL        []string   `json:"accessUrl"`
	DownloadURL      []string   `json:"downloadUrl"`
	MediaType        string     `json:"mediaType"`
	Format           string     `json:"format"`
	ByteSize         int        `json:"byteSize"`
	Checksum         ldChecksum `json:"checksum"`
	Licence          string     `json:"licence"`
	ModificationDate string     `json:"modificationDate"`
}

type ldPeriod struct {
	Type      string `json:"@type"`
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
}

type ldLocation struct {
	Type  string `json:"@type"`
	Label string `json:"http://www.w3.org/2004/02/skos/core#prefLabel"`
}

type ldDataset struct {
	ID               string           `json:"@id"`
	Type             string           `json:"@type"`
	Identifier       []string         `json:"identifier"`
	Title            []string         `json:"title"`
	Description      []string         `json:"description"`
	Keyword          []string         `json:"keyword"`
	Theme            []string         `json:"theme"`
	Publisher        ldAgent          `json:"publisher"`
	ContactPoint     []ldContact      `json:"contactPoint"`
	Frequency        string           `json:"frequency"`
	AccessRights     string           `json:"accessRights"`
	LandingPage      []string         `json:"landingPage"`
	ModificationDate string           `json:"modificationDate"`
	ReleaseDate      string           `json:"releaseDate,omitempty"`
	Version          string           `json:"version,omitempty"`
	Temporal         []ldPeriod       `json:"temporalCoverage,omitempty"`
	Spatial          []ldLocation     `json:"geographicalCoverage,omitempty"`
	Language         []string         `json:"language"`
	ConformsTo       []string         `json:"conformsTo"`
	Distribution     []ldDistribution `json:"datasetDistribution"`
}

type ldCatalog struct {
	Context          []any       `json:"@context"`
	ID               string      `json:"@id"`
	Type             string      `json:"@type"`
	Title            []string    `json:"title"`
	Description      []string    `json:"description"`
	Publisher        ldAgent     `json:"publisher"`
	Homepage         string      `json:"homepage"`
	Language         []string    `json:"language"`
	Licence          string      `json:"licence"`
	ModificationDate string      `json:"modificationDate"`
	Dataset          []ldDataset `json:"dataset"`
}

func dateOf(t time.Time) string { return t.UTC().Format(dataset.DateLayout) }

func contact(c Contact) ldContact {
	out := ldContact{Type: "Kind", FN: c.Name}
	if c.Email != "" {
		out.Email = &ldRef{ID: "mailto:" + c.Email}
	}
	if c.Phone != "" {
		out.Tel = &ldRef{ID: "tel:" + strings.ReplaceAll(c.Phone, " ", "")}
	}
	return out
}

func dcatCatalog(m *model.Model, infos []*DatasetInfo) ([]byte, error) {
	cfg := m.Config
	pub := ldAgent{ID: absURL(m, "/"), Type: "Agent", Name: []string{cfg.Publisher.Name}}
	cat := ldCatalog{
		Context:          []any{DCATContext, map[string]string{"@language": "zh-CN"}},
		ID:               absURL(m, CatalogPath),
		Type:             "Catalogue",
		Title:            []string{cfg.Title + "开放数据"},
		Description:      []string{cfg.Description},
		Publisher:        pub,
		Homepage:         absURL(m, "/data/"),
		Language:         []string{"http://publications.europa.eu/resource/authority/language/ZHO"},
		Licence:          cfg.License.URL,
		ModificationDate: dateOf(m.Version.Date),
	}
	for _, d := range infos {
		ds := ldDataset{
			ID: absURL(m, d.URL), Type: "Dataset", Identifier: []string{absURL(m, d.URL)},
			Title: []string{d.Title}, Description: []string{d.Description}, Keyword: d.Keywords,
			Theme:            []string{absURL(m, "/data/theme/"+d.ThemeInfo.Slug+"/")},
			Publisher:        ldAgent{Type: "Agent", Name: []string{d.Publisher}},
			ContactPoint:     []ldContact{contact(d.Contact)},
			Frequency:        euFrequency + frequencies[d.Frequency].eu,
			AccessRights:     euAccess + accessLevels[d.AccessLevel].eu,
			LandingPage:      []string{absURL(m, d.URL)},
			ModificationDate: dateOf(d.Modified),
			Version:          d.Version(),
			Language:         []string{"http://publications.europa.eu/resource/authority/language/ZHO"},
			ConformsTo:       []string{absURL(m, DataPackagePath)},
		}
		if !d.Issued.IsZero() {
			ds.ReleaseDate = dateOf(d.Issued)
		}
		if d.Temporal != "" {
			a, b, _ := strings.Cut(d.Temporal, "/")
			ds.Temporal = []ldPeriod{{Type: "PeriodOfTime", StartDate: a, EndDate: b}}
		}
		if d.Spatial != "" {
			ds.Spatial = []ldLocation{{Type: "Location", Label: d.Spatial}}
		}
		for _, dl := range d.Downloads {
			ds.Distribution = append(ds.Distribution, ldDistribution{
				ID: absURL(m, dl.Path), Type: "Distribution",
				Title: []string{d.Title + "（" + dl.Name + "）"}, Description: []string{dl.Note},
				AccessURL: []string{absURL(m, d.URL)}, DownloadURL: []string{absURL(m, dl.Path)},
				MediaType: ianaMedia + dl.MediaType, Format: euFileType + euFileTypeOf(dl.Kind),
				ByteSize: dl.Bytes,
				Checksum: ldChecksum{Type: "Checksum", Algorithm: "http://spdx.org/rdf/terms#checksumAlgorithm_sha256", Value: dl.SHA256},
				Licence:  d.License.URL, ModificationDate: dateOf(d.Modified),
			})
		}
		cat.Dataset = append(cat.Dataset, ds)
	}
	return marshal(cat)
}

func euFileTypeOf(kind string) string {
	switch kind {
	case "json":
		return "JSON"
	case "xlsx":
		return "XLSX"
	}
	return "CSV"
}

// ---- Project Open Data v1.1 (non-federal) ----

type podOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type podContact struct {
	Type     string `json:"@type"`
	FN       string `json:"fn"`
	HasEmail string `json:"hasEmail,omitempty"`
}

type podDistribution struct {
	Type            string `json:"@type"`
	DownloadURL     string `json:"downloadURL"`
	MediaType       string `json:"mediaType"`
	Format          string `json:"format"`
	Title           string `json:"title"`
	Description     string `json:"description"`
	DescribedBy     string `json:"describedBy,omitempty"`
	DescribedByType string `json:"describedByType,omitempty"`
}

type podDataset struct {
	Type               string            `json:"@type"`
	Title              string            `json:"title"`
	Description        string            `json:"description"`
	Keyword            []string          `json:"keyword"`
	Modified           string            `json:"modified"`
	Issued             string            `json:"issued,omitempty"`
	Publisher          podOrg            `json:"publisher"`
	ContactPoint       podContact        `json:"contactPoint"`
	Identifier         string            `json:"identifier"`
	AccessLevel        string            `json:"accessLevel"`
	License            string            `json:"license"`
	Rights             string            `json:"rights,omitempty"`
	Spatial            string            `json:"spatial,omitempty"`
	Temporal           string            `json:"temporal,omitempty"`
	AccrualPeriodicity string            `json:"accrualPeriodicity"`
	Language           []string          `json:"language"`
	LandingPage        string            `json:"landingPage"`
	DescribedBy        string            `json:"describedBy"`
	DescribedByType    string            `json:"describedByType"`
	Theme              []string          `json:"theme"`
	Distribution       []podDistribution `json:"distribution"`
}

type podCatalogJSON struct {
	Context     string       `json:"@context"`
	ID          string       `json:"@id"`
	Type        string       `json:"@type"`
	ConformsTo  string       `json:"conformsTo"`
	DescribedBy string       `json:"describedBy"`
	Dataset     []podDataset `json:"dataset"`
}

func podCatalog(m *model.Model, infos []*DatasetInfo) ([]byte, error) {
	cat := podCatalogJSON{
		Context:     "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
		ID:          absURL(m, PODPath),
		Type:        "dcat:Catalog",
		ConformsTo:  "https://project-open-data.cio.gov/v1.1/schema",
		DescribedBy: "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
	}
	for _, d := range infos {
		ds := podDataset{
			Type: "dcat:Dataset", Title: d.Title, Description: d.Description, Keyword: d.Keywords,
			Modified:     dateOf(d.Modified),
			Publisher:    podOrg{Type: "org:Organization", Name: d.Publisher},
			ContactPoint: podContact{Type: "vcard:Contact", FN: d.Contact.Name},
			Identifier:   absURL(m, d.URL),
			AccessLevel:  accessLevels[d.AccessLevel].pod,
			License:      d.License.URL,
			Spatial:      d.Spatial, Temporal: d.Temporal,
			AccrualPeriodicity: frequencies[d.Frequency].iso,
			Language:           []string{"zh-CN"},
			LandingPage:        absURL(m, d.URL),
			DescribedBy:        absURL(m, DataPackagePath),
			DescribedByType:    "application/json",
			Theme:              []string{d.Theme},
		}
		if d.AccessLevel != "无条件开放" {
			ds.Rights = "开放属性：" + d.AccessLevel
		}
		if d.Contact.Email != "" {
			ds.ContactPoint.HasEmail = "mailto:" + d.Contact.Email
		}
		if !d.Issued.IsZero() {
			ds.Issued = dateOf(d.Issued)
		}
		for _, dl := range d.Downloads {
			ds.Distribution = append(ds.Distribution, podDistribution{
				Type: "dcat:Distribution", DownloadURL: absURL(m, dl.Path), MediaType: dl.MediaType,
				Format: dl.Name, Title: d.Title + "（" + dl.Name + "）", Description: dl.Note,
			})
		}
		cat.Dataset = append(cat.Dataset, ds)
	}
	return marshal(cat)
}

// ---- Atom feed of data versions ----

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary atomText `xml:"summary"`
}

type atomFeedXML struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"xml:lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

// ChangeSummary describes a version's changes in words.
func ChangeSummary(v Version) string {
	switch {
	case v.Unknown:
		return fmt.Sprintf("共 %d 行；该版本无法读取，未统计变化", v.Rows)
	case v.Initial:
		return fmt.Sprintf("共 %d 行（首个版本）", v.Rows)
	}
	return fmt.Sprintf("共 %d 行：新增 %d 行，删除 %d 行，修改 %d 行", v.Rows, v.Added, v.Removed, v.Changed)
}

func atomFeed(m *model.Model, infos []*DatasetInfo) ([]byte, error) {
	type item struct {
		d *DatasetInfo
		v Version
	}
	var items []item
	for _, d := range infos {
		for _, v := range d.Versions {
			items = append(items, item{d, v})
		}
	}
	// Newest first; dataset order then commit break ties (total order).
	order := map[string]int{}
	for i, d := range infos {
		order[d.Name] = i
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if !a.v.Date.Equal(b.v.Date) {
			return a.v.Date.After(b.v.Date)
		}
		if order[a.d.Name] != order[b.d.Name] {
			return order[a.d.Name] < order[b.d.Name]
		}
		return a.v.Commit < b.v.Commit
	})
	if len(items) > 50 {
		items = items[:50]
	}
	f := atomFeedXML{Lang: "zh-CN", Title: m.Config.Title + "：开放数据更新", ID: absURL(m, FeedPath),
		Updated: m.Version.Date.UTC().Format(time.RFC3339),
		Links: []atomLink{{Href: absURL(m, FeedPath), Rel: "self", Type: "application/atom+xml"},
			{Href: absURL(m, "/data/"), Rel: "alternate", Type: "text/html"}}}
	f.Author.Name = m.Config.Publisher.Name
	for _, it := range items {
		id := absURL(m, it.d.URL) + "#v-" + it.v.Label()
		if it.v.Short == "" {
			id = absURL(m, it.d.URL) + "#v-" + dateOf(it.v.Date)
		}
		f.Entries = append(f.Entries, atomEntry{
			Title:   it.d.Title + " " + it.v.Label(),
			ID:      id,
			Updated: it.v.Date.UTC().Format(time.RFC3339),
			Link:    atomLink{Href: absURL(m, it.d.URL) + "#versions", Rel: "alternate", Type: "text/html"},
			Summary: atomText{Type: "text", Body: ChangeSummary(it.v)},
		})
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}
