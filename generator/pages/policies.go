package pages

import (
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/render"
)

// PolicyFacet is one value of a filter of the policy list, with its static page.
type PolicyFacet struct {
	Name, URL string
	Count     int
	Current   bool
}

// PolicyList is the view of /policies/ and its filtered pages.
type PolicyList struct {
	Heading  string
	Docs     []*content.Document
	All      []*content.Document // every policy, for the count of 全部
	Levels   []PolicyFacet
	Statuses []PolicyFacet
	AllURL   string
	Filtered bool
}

// PolicyView is the view of one policy.
type PolicyView struct {
	Doc         *content.Document
	Replacement *content.Document // the document replacing it, when given
	ReplacedBy  []*content.Document
	StatusClass string
	Citation    string
	Permalink   string
	Region      string // region name when the policy has a region_code
}

var (
	policyLevels   = []struct{ Name, Slug string }{{"国家", "national"}, {"省级", "provincial"}, {"市级", "municipal"}, {"区县", "county"}}
	policyStatuses = []struct{ Name, Slug string }{{"现行有效", "valid"}, {"已修订", "revised"}, {"已废止", "repealed"}}
)

func statusClass(status string) string {
	switch status {
	case "已修订":
		return "status status-revised"
	case "已废止":
		return "status status-repealed"
	}
	return "status status-valid"
}

// policyFilter is one dimension of the policy list (level or status): each
// of its values with documents gets a static page /policies/<segment>/<slug>/.
type policyFilter struct {
	segment string
	values  []struct{ Name, Slug string }
	of      func(*content.Document) string
	title   func(name string) string
	groups  map[string][]*content.Document // value name → documents, in list order
}

func (f *policyFilter) group(docs []*content.Document) {
	f.groups = map[string][]*content.Document{}
	for _, d := range docs {
		f.groups[f.of(d)] = append(f.groups[f.of(d)], d)
	}
}

// facets lists the filter's values that have documents, marking current.
func (f *policyFilter) facets(current string) []PolicyFacet {
	var out []PolicyFacet
	for _, v := range f.values {
		if n := len(f.groups[v.Name]); n > 0 {
			out = append(out, PolicyFacet{Name: v.Name, URL: "/policies/" + f.segment + "/" + v.Slug + "/", Count: n, Current: v.Name == current})
		}
	}
	return out
}

func (b *builder) policies() {
	docs := b.m.Policies
	level := &policyFilter{segment: "level", values: policyLevels,
		of: func(d *content.Document) string { return d.Level }, title: func(n string) string { return n + "政策" }}
	status := &policyFilter{segment: "status", values: policyStatuses,
		of: func(d *content.Document) string { return d.Status }, title: func(n string) string { return n + "的政策" }}
	level.group(docs)
	status.group(docs)

	feeds := []render.Feed{{Title: "政策法规", URL: "/policies/feed.xml"}}
	b.add(&render.Page{
		Path: "/policies/", Template: "policies", Title: "政策法规", Section: "/policies/",
		Description: "山西省社区物业管理相关政策文件，可按层级和有效性筛选，每一条款均有固定链接。",
		Crumbs:      crumbs("政策法规", ""), ColumnName: "政策法规", ColumnType: "政策文件",
		Feeds: feeds,
		Data:  &PolicyList{Heading: "政策法规", Docs: docs, All: docs, Levels: level.facets(""), Statuses: status.facets(""), AllURL: "/policies/"},
	})
	for _, f := range []*policyFilter{level, status} {
		for _, v := range f.values {
			sel := f.groups[v.Name]
			if len(sel) == 0 {
				continue
			}
			currentLevel, currentStatus := "", ""
			if f == level {
				currentLevel = v.Name
			} else {
				currentStatus = v.Name
			}
			b.add(&render.Page{
				Path: "/policies/" + f.segment + "/" + v.Slug + "/", Template: "policies", Title: f.title(v.Name), Section: "/policies/",
				Crumbs: crumbs("政策法规", "/policies/", v.Name, ""), ColumnName: "政策法规", ColumnType: "政策文件", Feeds: feeds,
				Data: &PolicyList{Heading: "政策法规：" + v.Name, Docs: sel, All: docs,
					Levels: level.facets(currentLevel), Statuses: status.facets(currentStatus), AllURL: "/policies/", Filtered: true},
			})
		}
	}

	replacing := map[string][]*content.Document{} // slug → the documents that replace it
	for _, d := range docs {
		if d.ReplacedBy != "" {
			replacing[d.ReplacedBy] = append(replacing[d.ReplacedBy], d)
		}
	}
	for _, d := range docs {
		v := &PolicyView{Doc: d, StatusClass: statusClass(d.Status), Permalink: b.m.Config.AbsURL(d.URL)}
		if d.ReplacedBy != "" {
			v.Replacement = b.m.Policy(d.ReplacedBy)
		}
		v.ReplacedBy = replacing[d.Slug]
		if r := b.m.RegionByCode[d.RegionCode]; r != nil {
			v.Region = r.FullName
		}
		v.Citation = Citation(d.Issuer, d.Title, d.Date, v.Permalink)
		b.add(&render.Page{
			Path: d.URL, Template: "policy", Title: d.Title, Section: "/policies/",
			Description: d.Summary,
			Crumbs:      crumbs("政策法规", "/policies/", d.Title, ""),
			Article:     &render.Article{Title: d.Title, PubDate: d.Date, Source: d.Issuer, Author: d.Issuer, Keywords: d.Keywords},
			OGType:      "article",
			Feeds:       feeds,
			JSONLD:      []any{b.legislationLD(d, v.Permalink)},
			Data:        v,
		})
	}
}

func (b *builder) legislationLD(d *content.Document, permalink string) map[string]any {
	ld := map[string]any{
		"@context":                "https://schema.org",
		"@type":                   "Legislation",
		"name":                    d.Title,
		"url":                     permalink,
		"inLanguage":              "zh-CN",
		"legislationType":         "通知",
		"legislationLegalForce":   legalForce(d.Status),
		"legislationPassedBy":     map[string]any{"@type": "GovernmentOrganization", "name": d.Issuer},
		"legislationJurisdiction": jurisdiction(b, d),
	}
	if !d.Issued.IsZero() {
		ld["legislationDate"] = render.Date(d.Issued)
	}
	if !d.Date.IsZero() {
		ld["datePublished"] = render.Date(d.Date)
	}
	if d.DocNumber != "" {
		ld["legislationIdentifier"] = d.DocNumber
	}
	if d.Summary != "" {
		ld["abstract"] = d.Summary
	}
	if len(d.Keywords) > 0 {
		ld["keywords"] = d.Keywords
	}
	return ld
}

func legalForce(status string) string {
	switch status {
	case "已废止":
		return "https://schema.org/NotInForce"
	case "已修订":
		return "https://schema.org/PartiallyInForce"
	}
	return "https://schema.org/InForce"
}

func jurisdiction(b *builder, d *content.Document) string {
	if r := b.m.RegionByCode[d.RegionCode]; r != nil {
		return r.FullName
	}
	if d.Level == "国家" {
		return "中华人民共和国"
	}
	return "山西省"
}
