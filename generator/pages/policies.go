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

func (b *builder) policies() {
	docs := b.m.Policies
	facets := func(currentLevel, currentStatus string) ([]PolicyFacet, []PolicyFacet) {
		var lv, st []PolicyFacet
		for _, l := range policyLevels {
			n := 0
			for _, d := range docs {
				if d.Level == l.Name {
					n++
				}
			}
			if n > 0 {
				lv = append(lv, PolicyFacet{Name: l.Name, URL: "/policies/level/" + l.Slug + "/", Count: n, Current: l.Name == currentLevel})
			}
		}
		for _, s := range policyStatuses {
			n := 0
			for _, d := range docs {
				if d.Status == s.Name {
					n++
				}
			}
			if n > 0 {
				st = append(st, PolicyFacet{Name: s.Name, URL: "/policies/status/" + s.Slug + "/", Count: n, Current: s.Name == currentStatus})
			}
		}
		return lv, st
	}
	feeds := []render.Feed{{Title: "政策法规", URL: "/policies/feed.xml"}}
	lv, st := facets("", "")
	b.add(&render.Page{
		Path: "/policies/", Template: "policies", Title: "政策法规", Section: "/policies/",
		Description: "山西省社区物业管理相关政策文件，可按层级和有效性筛选，每一条款均有固定链接。",
		Crumbs:      crumbs("政策法规", ""), ColumnName: "政策法规", ColumnType: "政策文件",
		Feeds: feeds,
		Data:  &PolicyList{Heading: "政策法规", Docs: docs, All: docs, Levels: lv, Statuses: st, AllURL: "/policies/"},
	})
	for _, l := range policyLevels {
		var sel []*content.Document
		for _, d := range docs {
			if d.Level == l.Name {
				sel = append(sel, d)
			}
		}
		if len(sel) == 0 {
			continue
		}
		lv, st := facets(l.Name, "")
		b.add(&render.Page{
			Path: "/policies/level/" + l.Slug + "/", Template: "policies", Title: l.Name + "政策", Section: "/policies/",
			Crumbs: crumbs("政策法规", "/policies/", l.Name, ""), ColumnName: "政策法规", ColumnType: "政策文件", Feeds: feeds,
			Data: &PolicyList{Heading: "政策法规：" + l.Name, Docs: sel, All: docs, Levels: lv, Statuses: st, AllURL: "/policies/", Filtered: true},
		})
	}
	for _, s := range policyStatuses {
		var sel []*content.Document
		for _, d := range docs {
			if d.Status == s.Name {
				sel = append(sel, d)
			}
		}
		if len(sel) == 0 {
			continue
		}
		lv, st := facets("", s.Name)
		b.add(&render.Page{
			Path: "/policies/status/" + s.Slug + "/", Template: "policies", Title: s.Name + "的政策", Section: "/policies/",
			Crumbs: crumbs("政策法规", "/policies/", s.Name, ""), ColumnName: "政策法规", ColumnType: "政策文件", Feeds: feeds,
			Data: &PolicyList{Heading: "政策法规：" + s.Name, Docs: sel, All: docs, Levels: lv, Statuses: st, AllURL: "/policies/", Filtered: true},
		})
	}

	for _, d := range docs {
		v := &PolicyView{Doc: d, StatusClass: statusClass(d.Status), Permalink: b.m.Config.AbsURL(d.URL)}
		if d.ReplacedBy != "" {
			v.Replacement = b.m.Policy(d.ReplacedBy)
		}
		for _, other := range docs {
			if other.ReplacedBy == d.Slug {
				v.ReplacedBy = append(v.ReplacedBy, other)
			}
		}
		if r := b.m.RegionByCode[d.RegionCode]; r != nil {
			v.Region = r.FullName
		}
		v.Citation = Citation(d.Issuer, d.Title, d.Date, v.Permalink)
		b.add(&render.Page{
			Path: d.URL, Template: "policy", Title: d.Title, Section: "/policies/",
			Description: d.Summary,
			Crumbs:      crumbs("政策法规", "/policies/", d.Title, ""),
			Article:     &render.Article{Title: d.Title, PubDate: d.Date, Source: d.Issuer},
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
