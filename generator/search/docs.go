package search

import (
	"strings"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
)

// FromModel lists the documents of the site for the index: communities
// (name, county, street, company), companies (name, credit code), policies
// (title, document number, full text), cases (title, summary, body), news.
// Only public fields of the model are passed; private fields never reach
// the model.
func FromModel(m *model.Model) []Doc {
	docs := make([]Doc, 0, len(m.Communities)+len(m.Enterprises)+len(m.Policies)+len(m.Cases)+len(m.News))
	for _, c := range m.Communities {
		ctx := []string{}
		if c.County != nil {
			ctx = append(ctx, c.County.FullName)
		}
		ctx = append(ctx, c.Street)
		names := []string{c.Name}
		if c.Enterprise != nil {
			ctx = append(ctx, c.Enterprise.Name)
		} else {
			ctx = append(ctx, c.ManagementMode)
		}
		docs = append(docs, Doc{
			Type: "community", Title: c.Name, URL: "/communities/" + c.ID + "/",
			Context: strings.Join(ctx, " · "), Names: names,
			Body: c.Neighborhood,
		})
	}
	for _, e := range m.Enterprises {
		ctx := []string{}
		if e.Region != nil {
			ctx = append(ctx, e.Region.FullName)
		}
		ctx = append(ctx, "统一社会信用代码 "+e.CreditCode)
		if e.Withdrawn {
			ctx = append(ctx, "已清退")
		}
		docs = append(docs, Doc{
			Type: "enterprise", Title: e.Name, URL: "/enterprises/" + e.ID + "/",
			Context: strings.Join(ctx, " · "), Names: []string{e.Name, e.CreditCode},
		})
	}
	addDocs := func(kind string, list []*content.Document) {
		for _, d := range list {
			names := []string{d.Title}
			ctx := []string{}
			switch d.Kind {
			case content.KindPolicy:
				if d.DocNumber != "" {
					names = append(names, d.DocNumber)
				}
				ctx = append(ctx, d.Issuer, d.Status)
			case content.KindCase:
				names = append(names, d.CaseID)
				ctx = append(ctx, "案例 "+d.CaseID, d.Category)
			}
			body := d.Text
			if d.Summary != "" {
				body = d.Summary + "\n" + body
			}
			docs = append(docs, Doc{
				Type: kind, Title: d.Title, URL: d.URL, Context: strings.Join(nonEmpty(ctx), " · "),
				Names: names, Body: body, Date: dateString(d),
			})
		}
	}
	addDocs("policy", m.Policies)
	addDocs("case", m.Cases)
	addDocs("news", m.News)
	return docs
}

func dateString(d *content.Document) string {
	if d.Date.IsZero() {
		return ""
	}
	return d.Date.Format("2006-01-02")
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
