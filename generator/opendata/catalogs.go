package opendata

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path"
	"slices"
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
	Delimiter      string `json:"delimiter,omitempty"`
	LineTerminator string `json:"lineTerminator,omitempty"`
	QuoteChar      string `json:"quoteChar,omitempty"`
	DoubleQuote    bool   `json:"doubleQuote,omitempty"`
	SheetName      string `json:"sheetName,omitempty"`
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
	Dialect     *dpDialect  `json:"dialect,omitempty"`
	Schema      any         `json:"schema"` // dpSchema, or the URL of a Table Schema file
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
			Dialect: csvDialect("\n"),
		}
		schema := dpSchema{PrimaryKey: s.PrimaryKey, MissingValues: []string{""}}
		for _, c := range d.Columns {
			f, _ := s.Field(c.Key)
			schema.Fields = append(schema.Fields, tableSchemaField(c, f))
		}
		for _, fk := range s.ForeignKeys {
			ref := dpReference{Resource: fk.Dataset, Fields: []string{fk.Reference}}
			if fk.Dataset == s.Name {
				ref.Resource = "" // a self-reference names no resource
			}
			schema.ForeignKeys = append(schema.ForeignKeys, dpForeignKey{Fields: []string{fk.Field}, Reference: ref})
		}
		res.Schema = schema
		dp.Resources = append(dp.Resources, res)
		// The people's files, with their own Table Schema.
		for _, pdl := range d.Downloads {
			if pdl.Kind != "excel-csv" && pdl.Kind != "xlsx" {
				continue
			}
			pr := dpResource{
				Name: d.Name + "-" + strings.TrimPrefix(path.Ext(pdl.Path), ".") + "-zh", Type: "table", Path: strings.TrimPrefix(pdl.Path, "/data/"),
				Title: pdl.title(d.Title), Description: pdl.Note, Format: dpFormat(pdl.Kind), Mediatype: pdl.MediaType,
				Bytes: pdl.Bytes, Hash: "sha256:" + pdl.SHA256, Licenses: dpLicenses(d.License),
				Schema: absURL(m, pdl.Schema),
			}
			if pdl.Kind == "excel-csv" {
				pr.Encoding, pr.Dialect = "utf-8", csvDialect("\r\n")
			} else {
				pr.Dialect = &dpDialect{Header: true}
			}
			dp.Resources = append(dp.Resources, pr)
		}
	}
	// Every file of every release, described by the release Table Schema
	// (column keys for JSON, Chinese labels for the people's CSV and XLSX,
	// whose header rows are the labels). Release files live outside
	// /data/, so their paths are absolute URLs.
	for _, d := range infos {
		for _, r := range d.Releases {
			for _, dl := range r.AllDownloads() {
				if dl.Schema == "" {
					continue // the signed original is a document, not a table
				}
				res := dpResource{
					Name: releaseResourceName(dl), Type: "table", Path: absURL(m, dl.Path),
					Title: dl.title(r.Title), Description: dl.Note, Format: dpFormat(dl.Kind), Mediatype: dl.MediaType,
					Bytes: dl.Bytes, Hash: "sha256:" + dl.SHA256, Licenses: dpLicenses(d.License),
					Schema: absURL(m, dl.Schema),
				}
				switch dl.Kind {
				case "excel-csv":
					res.Encoding, res.Dialect = "utf-8", csvDialect("\r\n")
				case "xlsx":
					res.Dialect = &dpDialect{Header: true, SheetName: releaseDataSheet}
				case "json":
					res.Encoding = "utf-8"
				}
				dp.Resources = append(dp.Resources, res)
			}
		}
	}
	return marshal(dp)
}

func csvDialect(eol string) *dpDialect {
	return &dpDialect{Header: true, Delimiter: ",", LineTerminator: eol, QuoteChar: `"`, DoubleQuote: true}
}

// dpFormat is a download's format as Data Package names it.
func dpFormat(kind string) string {
	switch kind {
	case "excel-csv":
		return "csv"
	}
	return kind
}

// releaseResourceName names a release file in the data package: its path
// without the folder and dots, which is unique and only [-a-z0-9].
func releaseResourceName(dl Download) string {
	base := path.Base(dl.Path)
	return "evaluations-" + strings.NewReplacer(".", "-", "_", "-").Replace(strings.ToLower(base))
}

// releaseSchemas are the two Table Schema files of the release files.
func releaseSchemas(_ *model.Model) (keys, labels []byte, err error) {
	byKey := dpSchema{PrimaryKey: []string{"community_id"}, MissingValues: []string{""}}
	for _, f := range releaseFields {
		c := Column{Key: f.Key, Label: f.Label, Desc: f.Desc}
		byKey.Fields = append(byKey.Fields, tableSchemaField(c, f))
	}
	if keys, err = marshal(byKey); err != nil {
		return nil, nil, err
	}
	labels, err = labelSchema(releaseFields, []string{"community_id"})
	return keys, labels, err
}

// labelSchema is the Table Schema of a people's file: its header row is
// the Chinese labels (each field titled with its key) and yes/no reads 是/否.
func labelSchema(fields []dataset.Field, primaryKey []string) ([]byte, error) {
	s := dpSchema{MissingValues: []string{""}}
	for _, f := range fields {
		lf := tableSchemaField(Column{Key: f.Key, Label: f.Label, Desc: f.Desc}, f)
		lf.Name, lf.Title = f.Label, f.Key
		if f.Type == dataset.TypeBool {
			lf.TrueValues, lf.FalseValues = []string{"是"}, []string{"否"}
		}
		s.Fields = append(s.Fields, lf)
		if slices.Contains(primaryKey, f.Key) {
			s.PrimaryKey = append(s.PrimaryKey, f.Label)
		}
	}
	return marshal(s)
}

// DCAT-AP 3.0.1 (catalog.json) is in dcat.go.

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
	AccrualPeriodicity string            `json:"accrualPeriodicity,omitempty"`
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
	for _, c := range catalogDatasets(m, infos) {
		d := c.info
		ds := podDataset{
			Type: "dcat:Dataset", Title: c.title, Description: c.description, Keyword: d.Keywords,
			Modified:     dateOf(c.modified),
			Publisher:    podOrg{Type: "org:Organization", Name: d.Publisher},
			ContactPoint: podContact{Type: "vcard:Contact", FN: d.Contact.Name},
			Identifier:   absURL(m, c.url),
			AccessLevel:  accessLevels[d.AccessLevel].pod,
			License:      d.License.URL,
			Spatial:      d.Spatial, Temporal: c.temporal,
			Language:        []string{"zh-CN"},
			LandingPage:     absURL(m, c.url),
			DescribedBy:     absURL(m, DataPackagePath),
			DescribedByType: "application/json",
			Theme:           []string{d.Theme},
		}
		if c.frequency != "" {
			ds.AccrualPeriodicity = frequencies[c.frequency].iso
		}
		if d.AccessLevel != "无条件开放" {
			ds.Rights = "开放属性：" + d.AccessLevel
		}
		if d.Contact.Email != "" {
			ds.ContactPoint.HasEmail = "mailto:" + d.Contact.Email
		}
		if !c.issued.IsZero() {
			ds.Issued = dateOf(c.issued)
		}
		for _, dl := range c.downloads {
			pd := podDistribution{
				Type: "dcat:Distribution", DownloadURL: absURL(m, dl.Path), MediaType: dl.MediaType,
				Format: dl.Name, Title: dl.title(c.title), Description: dl.Note,
			}
			if dl.Schema != "" {
				pd.DescribedBy, pd.DescribedByType = absURL(m, dl.Schema), "application/json"
			}
			ds.Distribution = append(ds.Distribution, pd)
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
			Title:   it.d.Title + " " + it.v.Name(),
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
