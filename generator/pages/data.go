package pages

import (
	"strconv"

	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/render"
)

// DataFacet is one theme (数据领域) of the catalog with its static page.
type DataFacet struct {
	Name, URL string
	Count     int
	Current   bool
}

// DataLink is a machine-readable catalog linked from /data/.
type DataLink struct {
	Title, URL, Note string
}

// DataCatalogView is the view of /data/ and its theme pages.
type DataCatalogView struct {
	Heading  string
	Datasets []*opendata.DatasetInfo
	Themes   []DataFacet
	AllURL   string
	Filtered bool
	Catalogs []DataLink
	FeedURL  string
}

// DatasetView is the view of /data/<name>/.
type DatasetView struct {
	D         *opendata.DatasetInfo
	Citation  string
	Permalink string
	// Changes is each version's change in words, parallel to D.Versions.
	Changes []string
	// Keys are the canonical keys of the preview columns, Labels their Chinese labels.
	Labels  []string
	FeedURL string
}

// dataCatalogs are the machine-readable catalogs, described for people.
var dataCatalogs = []DataLink{
	{Title: "DCAT 数据目录（JSON-LD）", URL: opendata.CatalogPath, Note: "DCAT-AP 3 格式，供数据开放平台采集"},
	{Title: "Project Open Data 目录（data.json）", URL: opendata.PODPath, Note: "Project Open Data v1.1 格式"},
	{Title: "数据包描述（datapackage.json）", URL: opendata.DataPackagePath, Note: "Frictionless Data Package：字段类型、主键、外键、文件大小和 SHA-256"},
}

func (b *builder) data() {
	infos := b.in.Datasets
	if len(infos) == 0 {
		return
	}
	// Themes in the order their first dataset appears, each with a static
	// page, so filtering works without JavaScript.
	type theme struct {
		opendata.Theme
		sets []*opendata.DatasetInfo
	}
	var themes []*theme
	for _, d := range infos {
		var t *theme
		for _, x := range themes {
			if x.Slug == d.ThemeInfo.Slug {
				t = x
			}
		}
		if t == nil {
			t = &theme{Theme: d.ThemeInfo}
			themes = append(themes, t)
		}
		t.sets = append(t.sets, d)
	}
	facets := func(current string) []DataFacet {
		out := make([]DataFacet, len(themes))
		for i, t := range themes {
			out[i] = DataFacet{Name: t.Name, URL: "/data/theme/" + t.Slug + "/", Count: len(t.sets), Current: t.Slug == current}
		}
		return out
	}
	feeds := []render.Feed{{Title: "开放数据更新", URL: opendata.FeedPath}}
	b.add(&render.Page{
		Path: "/data/", Template: "data", Title: "开放数据", Section: "/data/",
		Description: "下载本平台的全部数据：行政区划、物业服务企业名录、住宅小区台账、评价结果和工作进展，提供 CSV、XLSX、JSON 格式和数据字典。",
		Crumbs:      crumbs("开放数据", ""), ColumnName: "开放数据", ColumnType: "数据开放",
		Feeds: feeds,
		Data: &DataCatalogView{Heading: "开放数据", Datasets: infos, Themes: facets(""), AllURL: "/data/",
			Catalogs: dataCatalogs, FeedURL: opendata.FeedPath},
	})
	for _, t := range themes {
		b.add(&render.Page{
			Path: "/data/theme/" + t.Slug + "/", Template: "data", Title: "开放数据：" + t.Name, Section: "/data/",
			Description: "数据领域“" + t.Name + "”的开放数据集。",
			Crumbs:      crumbs("开放数据", "/data/", t.Name, ""), ColumnName: "开放数据", ColumnType: "数据开放",
			Feeds: feeds,
			Data: &DataCatalogView{Heading: "开放数据：" + t.Name, Datasets: t.sets, Themes: facets(t.Slug),
				AllURL: "/data/", Filtered: true, Catalogs: dataCatalogs, FeedURL: opendata.FeedPath},
		})
	}
	for _, d := range infos {
		v := &DatasetView{D: d, Permalink: b.m.Config.AbsURL(d.URL), FeedURL: opendata.FeedPath}
		v.Citation = DatasetCitation(d, v.Permalink)
		for _, ver := range d.Versions {
			v.Changes = append(v.Changes, opendata.ChangeSummary(ver))
		}
		for _, c := range d.Columns {
			v.Labels = append(v.Labels, c.Label)
		}
		b.add(&render.Page{
			Path: d.URL, Template: "dataset", Title: d.Title, Section: "/data/",
			Description: d.Description,
			Crumbs:      crumbs("开放数据", "/data/", d.Title, ""), ColumnName: "开放数据", ColumnType: "数据开放",
			Feeds:  feeds,
			JSONLD: []any{b.datasetJSONLD(d)},
			Data:   v,
		})
	}
}

// DatasetCitation formats a dataset reference in the style of GB/T 7714-2015
// for data sets ([DS/OL]), with its version, named by its date, in the
// title part:
//
//	数据提供方. 题名（2023-10-20 版）[DS/OL]. (更新日期)[引用日期]. 获取路径.
//
// A reader finds that version in the page's version table by its date; a
// commit id would mean nothing to them.
func DatasetCitation(d *opendata.DatasetInfo, url string) string {
	title := d.Title
	if v := d.VersionName(); v != "" {
		title += "（" + v + "）"
	}
	return citation(d.Publisher, title, "DS/OL", d.Modified, url)
}

// schema.org Dataset with its downloads, for search engines' dataset search.
type ldDataDownload struct {
	Type           string `json:"@type"`
	Name           string `json:"name"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
	ContentSize    string `json:"contentSize"`
	SHA256         string `json:"sha256"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldPlace struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldDataset struct {
	Context             string           `json:"@context"`
	Type                string           `json:"@type"`
	Name                string           `json:"name"`
	Description         string           `json:"description"`
	URL                 string           `json:"url"`
	Identifier          string           `json:"identifier"`
	Keywords            []string         `json:"keywords"`
	License             string           `json:"license"`
	IsAccessibleForFree bool             `json:"isAccessibleForFree"`
	InLanguage          string           `json:"inLanguage"`
	Creator             ldOrg            `json:"creator"`
	Publisher           ldOrg            `json:"publisher"`
	DateModified        string           `json:"dateModified"`
	DatePublished       string           `json:"datePublished,omitempty"`
	Version             string           `json:"version,omitempty"`
	TemporalCoverage    string           `json:"temporalCoverage,omitempty"`
	SpatialCoverage     *ldPlace         `json:"spatialCoverage,omitempty"`
	VariableMeasured    []string         `json:"variableMeasured"`
	Distribution        []ldDataDownload `json:"distribution"`
}

func (b *builder) datasetJSONLD(d *opendata.DatasetInfo) ldDataset {
	cfg := b.m.Config
	org := ldOrg{Type: "GovernmentOrganization", Name: d.Publisher, URL: cfg.AbsURL("/")}
	out := ldDataset{
		Context: "https://schema.org", Type: "Dataset", Name: d.Title, Description: d.Description,
		URL: cfg.AbsURL(d.URL), Identifier: cfg.AbsURL(d.URL), Keywords: d.Keywords, License: d.License.URL,
		IsAccessibleForFree: true, InLanguage: "zh-CN", Creator: org, Publisher: org,
		DateModified: render.Date(d.Modified), Version: d.VersionDate(), TemporalCoverage: d.Temporal,
	}
	if !d.Issued.IsZero() {
		out.DatePublished = render.Date(d.Issued)
	}
	if d.Spatial != "" {
		out.SpatialCoverage = &ldPlace{Type: "Place", Name: d.Spatial}
	}
	for _, c := range d.Columns {
		out.VariableMeasured = append(out.VariableMeasured, c.Label+"（"+c.Key+"）")
	}
	for _, dl := range d.Downloads {
		out.Distribution = append(out.Distribution, ldDataDownload{
			Type: "DataDownload", Name: d.Title + "（" + dl.Name + "）", EncodingFormat: dl.MediaType,
			ContentURL: cfg.AbsURL(dl.Path), ContentSize: strconv.Itoa(dl.Bytes) + " B", SHA256: dl.SHA256,
		})
	}
	return out
}
