package opendata

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
)

// catalog.json is DCAT-AP 3.0.1 in JSON-LD, made to be read by machines
// that know nothing of this site:
//
//   - Its context is inline and holds only the terms the file uses, so a
//     JSON-LD 1.1 processor (jsonld.js, pyld, json-gold) expands it without
//     any network. (The context SEMIC publishes for DCAT-AP 3.0.1 defines
//     terms such as "Xsd:dateTime" without an xsd prefix, and processors
//     refuse to expand documents that use it.) The context uses no JSON-LD
//     1.1 feature (no scoped or protected terms), so 1.0 processors read
//     it too.
//   - Dates are typed (xsd:date), byte sizes xsd:nonNegativeInteger,
//     checksums xsd:hexBinary; identifiers and versions are plain literals;
//     titles and descriptions are tagged zh-CN.
//   - Every resource it refers to (licence, media type, format, language,
//     frequency, access rights, landing page, standard, theme, checksum
//     algorithm) carries the class the DCAT-AP SHACL shapes require, since
//     a validator sees only this graph. Themes are skos:Concepts with
//     Chinese labels in the catalog's theme taxonomy.
//
// The shapes in ../shared/schemas/dcat-ap/ report no violation for the
// shipped sample: a test runs rdf-validate-shacl and jsonld.js on it.

// Vocabulary IRIs of the referenced resources.
const (
	euFrequency = "http://publications.europa.eu/resource/authority/frequency/"
	euAccess    = "http://publications.europa.eu/resource/authority/access-right/"
	euFileType  = "http://publications.europa.eu/resource/authority/file-type/"
	euChinese   = "http://publications.europa.eu/resource/authority/language/ZHO"
	ianaMedia   = "https://www.iana.org/assignments/media-types/"
	spdxSHA256  = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
)

// ldTerm is one entry of the inline context: a term and its definition
// (an IRI string, or an object with @id and @type or @language).
type ldTerm struct {
	Name string
	Def  any
}

type ldTermDef struct {
	ID       string  `json:"@id"`
	Type     string  `json:"@type,omitempty"`
	Language *string `json:"@language,omitempty"`
}

// ldContext is a JSON-LD context written in the order given (a map would
// be sorted, and readers expect prefixes first).
type ldContext []ldTerm

func (c ldContext) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, t := range c {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(t.Name)
		v, err := json.Marshal(t.Def)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// dcatContext is the inline context of catalog.json. A test checks that
// every term is used and every key of the file is defined.
var dcatContext = func() ldContext {
	none := ""
	iri := func(name, id string) ldTerm { return ldTerm{name, ldTermDef{ID: id, Type: "@id"}} }
	typed := func(name, id, typ string) ldTerm { return ldTerm{name, ldTermDef{ID: id, Type: typ}} }
	plain := func(name, id string) ldTerm { return ldTerm{name, ldTermDef{ID: id, Language: &none}} }
	term := func(name, id string) ldTerm { return ldTerm{name, id} }
	return ldContext{
		{"@language", "zh-CN"},
		term("dcat", "http://www.w3.org/ns/dcat#"),
		term("dct", "http://purl.org/dc/terms/"),
		term("foaf", "http://xmlns.com/foaf/0.1/"),
		term("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
		term("skos", "http://www.w3.org/2004/02/skos/core#"),
		term("spdx", "http://spdx.org/rdf/terms#"),
		term("vcard", "http://www.w3.org/2006/vcard/ns#"),
		term("xsd", "http://www.w3.org/2001/XMLSchema#"),
		// Classes.
		term("Catalog", "dcat:Catalog"),
		term("Dataset", "dcat:Dataset"),
		term("Distribution", "dcat:Distribution"),
		term("Agent", "foaf:Agent"),
		term("Document", "foaf:Document"),
		term("Resource", "rdfs:Resource"),
		term("Kind", "vcard:Kind"),
		term("LicenseDocument", "dct:LicenseDocument"),
		term("LinguisticSystem", "dct:LinguisticSystem"),
		term("MediaType", "dct:MediaType"),
		term("MediaTypeOrExtent", "dct:MediaTypeOrExtent"),
		term("Frequency", "dct:Frequency"),
		term("RightsStatement", "dct:RightsStatement"),
		term("Standard", "dct:Standard"),
		term("PeriodOfTime", "dct:PeriodOfTime"),
		term("Location", "dct:Location"),
		term("Concept", "skos:Concept"),
		term("ConceptScheme", "skos:ConceptScheme"),
		term("Checksum", "spdx:Checksum"),
		term("ChecksumAlgorithm", "spdx:ChecksumAlgorithm"),
		// Properties.
		term("title", "dct:title"),
		term("description", "dct:description"),
		term("name", "foaf:name"),
		term("fn", "vcard:fn"),
		term("keyword", "dcat:keyword"),
		term("prefLabel", "skos:prefLabel"),
		plain("identifier", "dct:identifier"),
		plain("version", "dcat:version"),
		iri("publisher", "dct:publisher"),
		iri("homepage", "foaf:homepage"),
		iri("language", "dct:language"),
		iri("licence", "dct:license"),
		iri("themeTaxonomy", "dcat:themeTaxonomy"),
		iri("dataset", "dcat:dataset"),
		iri("theme", "dcat:theme"),
		iri("inScheme", "skos:inScheme"),
		iri("contactPoint", "dcat:contactPoint"),
		iri("hasEmail", "vcard:hasEmail"),
		iri("hasTelephone", "vcard:hasTelephone"),
		iri("accrualPeriodicity", "dct:accrualPeriodicity"),
		iri("accessRights", "dct:accessRights"),
		iri("landingPage", "dcat:landingPage"),
		iri("temporal", "dct:temporal"),
		iri("spatial", "dct:spatial"),
		iri("conformsTo", "dct:conformsTo"),
		iri("distribution", "dcat:distribution"),
		iri("accessURL", "dcat:accessURL"),
		iri("downloadURL", "dcat:downloadURL"),
		iri("mediaType", "dcat:mediaType"),
		iri("format", "dct:format"),
		iri("checksum", "spdx:checksum"),
		iri("algorithm", "spdx:algorithm"),
		typed("checksumValue", "spdx:checksumValue", "xsd:hexBinary"),
		typed("byteSize", "dcat:byteSize", "xsd:nonNegativeInteger"),
		typed("issued", "dct:issued", "xsd:date"),
		typed("modified", "dct:modified", "xsd:date"),
		typed("startDate", "dcat:startDate", "xsd:date"),
		typed("endDate", "dcat:endDate", "xsd:date"),
	}
}()

// ldRes is a referenced resource with its class.
type ldRes struct {
	ID    string `json:"@id"`
	Type  string `json:"@type"`
	Title string `json:"title,omitempty"`
}

type ldAgent struct {
	ID   string `json:"@id,omitempty"`
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldIRI struct {
	ID string `json:"@id"`
}

type ldContact struct {
	Type  string `json:"@type"`
	FN    string `json:"fn"`
	Email *ldIRI `json:"hasEmail,omitempty"`
	Tel   *ldIRI `json:"hasTelephone,omitempty"`
}

type ldChecksum struct {
	Type      string `json:"@type"`
	Algorithm ldRes  `json:"algorithm"`
	Value     string `json:"checksumValue"`
}

type ldConcept struct {
	ID       string `json:"@id"`
	Type     string `json:"@type"`
	Label    string `json:"prefLabel"`
	InScheme string `json:"inScheme"`
}

type ldPeriod struct {
	Type      string `json:"@type"`
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
}

type ldLocation struct {
	Type  string `json:"@type"`
	Label string `json:"prefLabel"`
}

type ldDistribution struct {
	ID          string     `json:"@id"`
	Type        string     `json:"@type"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	AccessURL   ldRes      `json:"accessURL"`
	DownloadURL ldRes      `json:"downloadURL"`
	MediaType   ldRes      `json:"mediaType"`
	Format      ldRes      `json:"format"`
	ByteSize    int        `json:"byteSize"`
	Checksum    ldChecksum `json:"checksum"`
	ConformsTo  *ldRes     `json:"conformsTo,omitempty"`
	Licence     ldRes      `json:"licence"`
	Modified    string     `json:"modified"`
}

type ldDataset struct {
	ID           string           `json:"@id"`
	Type         string           `json:"@type"`
	Identifier   string           `json:"identifier"`
	Title        string           `json:"title"`
	Description  string           `json:"description"`
	Keyword      []string         `json:"keyword"`
	Theme        []ldConcept      `json:"theme"`
	Publisher    ldAgent          `json:"publisher"`
	ContactPoint []ldContact      `json:"contactPoint"`
	Frequency    *ldRes           `json:"accrualPeriodicity,omitempty"`
	AccessRights ldRes            `json:"accessRights"`
	LandingPage  []ldRes          `json:"landingPage"`
	Issued       string           `json:"issued,omitempty"`
	Modified     string           `json:"modified"`
	Version      string           `json:"version,omitempty"`
	Temporal     []ldPeriod       `json:"temporal,omitempty"`
	Spatial      []ldLocation     `json:"spatial,omitempty"`
	Language     []ldRes          `json:"language"`
	ConformsTo   []ldRes          `json:"conformsTo"`
	Distribution []ldDistribution `json:"distribution"`
}

type ldCatalog struct {
	Context       ldContext   `json:"@context"`
	ID            string      `json:"@id"`
	Type          string      `json:"@type"`
	Title         string      `json:"title"`
	Description   string      `json:"description"`
	Publisher     ldAgent     `json:"publisher"`
	Homepage      ldRes       `json:"homepage"`
	Language      []ldRes     `json:"language"`
	Licence       ldRes       `json:"licence"`
	Modified      string      `json:"modified"`
	ThemeTaxonomy ldRes       `json:"themeTaxonomy"`
	Dataset       []ldDataset `json:"dataset"`
}

func dateOf(t time.Time) string { return t.UTC().Format(dataset.DateLayout) }

func contact(c Contact) ldContact {
	out := ldContact{Type: "Kind", FN: c.Name}
	if c.Email != "" {
		out.Email = &ldIRI{ID: "mailto:" + c.Email}
	}
	if c.Phone != "" {
		out.Tel = &ldIRI{ID: "tel:" + strings.ReplaceAll(c.Phone, " ", "")}
	}
	return out
}

// ThemeSchemePath is the fragment of the open-data page that lists the
// themes: the IRI of the catalog's theme taxonomy.
const ThemeSchemePath = "/data/#themes"

// ThemePath is the site path of a theme's page, also the IRI of its concept.
func ThemePath(slug string) string { return "/data/theme/" + slug + "/" }

func dcatCatalog(m *model.Model, infos []*DatasetInfo) ([]byte, error) {
	cfg := m.Config
	scheme := absURL(m, "/data/") + "#themes"
	chinese := []ldRes{{ID: euChinese, Type: "LinguisticSystem"}}
	licence := func(l License) ldRes { return ldRes{ID: l.URL, Type: "LicenseDocument", Title: l.Name} }
	cat := ldCatalog{
		Context:       dcatContext,
		ID:            absURL(m, CatalogPath),
		Type:          "Catalog",
		Title:         cfg.Title + "开放数据",
		Description:   cfg.Description,
		Publisher:     ldAgent{ID: absURL(m, "/"), Type: "Agent", Name: cfg.Publisher.Name},
		Homepage:      ldRes{ID: absURL(m, "/data/"), Type: "Document"},
		Language:      chinese,
		Licence:       licence(License{Name: cfg.License.Name, URL: cfg.License.URL}),
		Modified:      dateOf(m.Version.Date),
		ThemeTaxonomy: ldRes{ID: scheme, Type: "ConceptScheme", Title: "数据领域"},
	}
	for _, c := range catalogDatasets(m, infos) {
		d := c.info
		page := absURL(m, c.url)
		ds := ldDataset{
			ID: page, Type: "Dataset", Identifier: page,
			Title: c.title, Description: c.description, Keyword: d.Keywords,
			Theme: []ldConcept{{ID: absURL(m, ThemePath(d.ThemeInfo.Slug)), Type: "Concept",
				Label: d.ThemeInfo.Name, InScheme: scheme}},
			Publisher:    ldAgent{Type: "Agent", Name: d.Publisher},
			ContactPoint: []ldContact{contact(d.Contact)},
			AccessRights: ldRes{ID: euAccess + accessLevels[d.AccessLevel].eu, Type: "RightsStatement"},
			LandingPage:  []ldRes{{ID: page, Type: "Document"}},
			Modified:     dateOf(c.modified),
			Version:      c.version,
			Language:     chinese,
			ConformsTo:   []ldRes{{ID: absURL(m, DataPackagePath), Type: "Standard", Title: "Frictionless Data Package"}},
		}
		if c.frequency != "" {
			ds.Frequency = &ldRes{ID: euFrequency + frequencies[c.frequency].eu, Type: "Frequency"}
		}
		if !c.issued.IsZero() {
			ds.Issued = dateOf(c.issued)
		}
		if a, b, ok := strings.Cut(c.temporal, "/"); ok {
			ds.Temporal = []ldPeriod{{Type: "PeriodOfTime", StartDate: a, EndDate: b}}
		}
		if d.Spatial != "" {
			ds.Spatial = []ldLocation{{Type: "Location", Label: d.Spatial}}
		}
		for _, dl := range c.downloads {
			var schema *ldRes
			if dl.Schema != "" {
				schema = &ldRes{ID: absURL(m, dl.Schema), Type: "Standard", Title: schemaTitle(dl.Schema)}
			}
			ds.Distribution = append(ds.Distribution, ldDistribution{
				ID: absURL(m, dl.Path), Type: "Distribution",
				Title: dl.title(c.title), Description: dl.Note,
				// The page a file is offered on is its access URL. SHACL
				// wants both URLs typed rdfs:Resource, which every IRI is
				// but a validator only knows from the graph.
				AccessURL:   ldRes{ID: absURL(m, dl.Page), Type: "Resource"},
				DownloadURL: ldRes{ID: absURL(m, dl.Path), Type: "Resource"},
				MediaType:   ldRes{ID: ianaMedia + dl.MediaType, Type: "MediaType"},
				Format:      ldRes{ID: euFileType + euFileTypeOf(dl.Kind), Type: "MediaTypeOrExtent"},
				ByteSize:    dl.Bytes,
				Checksum: ldChecksum{Type: "Checksum", Value: dl.SHA256,
					Algorithm: ldRes{ID: spdxSHA256, Type: "ChecksumAlgorithm"}},
				ConformsTo: schema,
				Licence:    licence(d.License),
				Modified:   dateOf(c.modified),
			})
		}
		cat.Dataset = append(cat.Dataset, ds)
	}
	return marshal(cat)
}

// schemaTitle names the kind of schema a file follows.
func schemaTitle(p string) string {
	if p == DataPackagePath {
		return "Frictionless Data Package"
	}
	return "Frictionless Table Schema"
}

func euFileTypeOf(kind string) string {
	switch kind {
	case "json":
		return "JSON"
	case "xlsx":
		return "XLSX"
	case "pdf":
		return "PDF"
	}
	return "CSV"
}

// catalogEntry is one dataset of the catalogs: a dataset of the data
// dictionary, or an evaluation release (a dataset of its own, with the
// files of its province, city and county pages).
type catalogEntry struct {
	info               *DatasetInfo // whose publisher, contact, theme, licence and access level apply
	url                string       // landing page
	title, description string
	frequency          string // 更新频率; "" for a release, which does not change
	issued, modified   time.Time
	version            string
	temporal           string
	downloads          []Download
}

// catalogDatasets lists the datasets, then the releases of each, newest first.
func catalogDatasets(m *model.Model, infos []*DatasetInfo) []catalogEntry {
	var out []catalogEntry
	for _, d := range infos {
		out = append(out, catalogEntry{info: d, url: d.URL, title: d.Title, description: d.Description,
			frequency: d.Frequency, issued: d.Issued, modified: d.Modified, version: d.VersionDate(),
			temporal: d.Temporal, downloads: d.Downloads})
	}
	for _, d := range infos {
		for _, r := range d.Releases {
			out = append(out, catalogEntry{info: d, url: r.URL, title: r.Title,
				description: r.Description(), issued: r.Published, modified: r.Published,
				version: dateOf(r.Published), downloads: r.AllDownloads()})
		}
	}
	return out
}
