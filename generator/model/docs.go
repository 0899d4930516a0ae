package model

import (
	"sort"

	"github.com/sxwuye/portal/generator/content"
)

func (m *Model) assembleDocs(docs []*content.Document) {
	for _, d := range docs {
		m.DocByURL[d.URL] = d
		switch d.Kind {
		case content.KindPolicy:
			m.Policies = append(m.Policies, d)
		case content.KindCase:
			m.Cases = append(m.Cases, d)
		case content.KindNews:
			m.News = append(m.News, d)
		case content.KindPage:
			m.Pages = append(m.Pages, d)
		}
	}
	for _, list := range [][]*content.Document{m.Policies, m.Cases, m.News} {
		sortNewestFirst(list)
	}
	sort.SliceStable(m.Pages, func(i, j int) bool {
		if m.Pages[i].MenuOrder != m.Pages[j].MenuOrder {
			return m.Pages[i].MenuOrder < m.Pages[j].MenuOrder
		}
		return m.Pages[i].Slug < m.Pages[j].Slug
	})
}

// sortNewestFirst orders documents by date descending, then slug.
func sortNewestFirst(docs []*content.Document) {
	sort.SliceStable(docs, func(i, j int) bool {
		if !docs[i].Date.Equal(docs[j].Date) {
			return docs[i].Date.After(docs[j].Date)
		}
		return docs[i].Slug < docs[j].Slug
	})
}

// Policy returns the policy with a slug, or nil.
func (m *Model) Policy(slug string) *content.Document {
	for _, d := range m.Policies {
		if d.Slug == slug {
			return d
		}
	}
	return nil
}
