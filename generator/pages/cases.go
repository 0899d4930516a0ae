package pages

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// listPageSize is the number of items on each page of a case or news list.
const listPageSize = 20

// relatedLimit is the number of related cases shown under a case.
const relatedLimit = 5

// CaseItem is a case as lists show it.
type CaseItem struct {
	Doc         *content.Document
	Region      *model.Region // where it happened; nil when the code is unknown
	CategoryURL string        // the category's facet page; "" for an unknown category
}

// CaseList is the view of /cases/, its facet pages and their further pages.
type CaseList struct {
	Heading    string
	Intro      string
	Items      []CaseItem // this page's cases, newest first
	Total      int        // cases in the whole list (all pages)
	Categories []PolicyFacet
	Cities     []PolicyFacet
	AllURL     string
	Filtered   bool
	Pager      *Pager // nil when the list fits on one page
	FeedURL    string
}

// CaseView is the view of one case.
type CaseView struct {
	CaseItem
	City      *model.Region // the city of the case's region (itself for a city)
	CityURL   string        // the city's case facet page
	Citation  string        // GB/T 7714-2015 reference with the [引用日期] placeholder, filled on copy
	Permalink string
	Related   []CaseItem
}

// Pager links the pages of a paginated list. Page 1 lives at the list's own
// address, page n at <list>/page/n/.
type Pager struct {
	Page, Pages int
	Prev, Next  string // site paths; "" at the ends
	Links       []PageLink
}

// PageLink is one entry of a pager: a page number, or a gap (…).
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// pageURL is the site path of page n of the list at base.
func pageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// pageCount is the number of pages for n items; an empty list still has one page.
func pageCount(n int) int {
	if n <= listPageSize {
		return 1
	}
	return (n + listPageSize - 1) / listPageSize
}

// newPager describes page n of pages at base, or nil for a one-page list.
// Long lists show the first and last pages and two on either side of the
// current one, so the pager stays short on a phone.
func newPager(base string, n, pages int) *Pager {
	if pages <= 1 {
		return nil
	}
	p := &Pager{Page: n, Pages: pages}
	if n > 1 {
		p.Prev = pageURL(base, n-1)
	}
	if n < pages {
		p.Next = pageURL(base, n+1)
	}
	for i := 1; i <= pages; i++ {
		if i == 1 || i == pages || (i >= n-2 && i <= n+2) {
			p.Links = append(p.Links, PageLink{Number: i, URL: pageURL(base, i), Current: i == n})
		} else if last := p.Links[len(p.Links)-1]; !last.Gap {
			p.Links = append(p.Links, PageLink{Gap: true})
		}
	}
	return p
}

// pageTitle adds the page number to a title from page 2 on.
func pageTitle(title string, n int) string {
	if n <= 1 {
		return title
	}
	return fmt.Sprintf("%s（第 %d 页）", title, n)
}

// pagedCrumbs are the breadcrumbs of page n of a list whose own crumbs are
// given as (title, url) pairs ending with the list itself.
// On page 1 the list is the current page, so its crumb carries no link.
func pagedCrumbs(n int, pairs ...string) []render.Crumb {
	pairs = append([]string(nil), pairs...)
	if n <= 1 {
		pairs[len(pairs)-1] = ""
		return crumbs(pairs...)
	}
	return crumbs(append(pairs, fmt.Sprintf("第 %d 页", n), "")...)
}

// caseIndex groups the cases once, so facets and related cases never scan
// every case for every case.
type caseIndex struct {
	items      []CaseItem // newest first (the model's order)
	pos        map[*content.Document]int
	byCategory map[string][]int // category → positions, newest first
	byCity     map[*model.Region][]int
	cityOf     []*model.Region // per position; nil when the region is unknown or the province
}

func (b *builder) indexCases() *caseIndex {
	ix := &caseIndex{pos: map[*content.Document]int{}, byCategory: map[string][]int{}, byCity: map[*model.Region][]int{}}
	for i, d := range b.m.Cases {
		it := CaseItem{Doc: d, Region: b.m.RegionByCode[d.RegionCode]}
		if slug := content.CategorySlug(d.Category); slug != "" {
			it.CategoryURL = "/cases/category/" + slug + "/"
		}
		var city *model.Region
		if it.Region != nil {
			city = it.Region.City()
		}
		ix.items = append(ix.items, it)
		ix.pos[d] = i
		ix.cityOf = append(ix.cityOf, city)
		ix.byCategory[d.Category] = append(ix.byCategory[d.Category], i)
		if city != nil {
			ix.byCity[city] = append(ix.byCity[city], i)
		}
	}
	return ix
}

// cityCasesURL is the facet page of a city's cases.
func cityCasesURL(city *model.Region) string { return "/cases/region/" + city.Code + "/" }

// facets returns the category and city facets, marking the current ones.
func (b *builder) caseFacets(ix *caseIndex, currentCategory string, currentCity *model.Region) (cats, cities []PolicyFacet) {
	for _, c := range content.Categories {
		if n := len(ix.byCategory[c]); n > 0 {
			cats = append(cats, PolicyFacet{Name: c, URL: "/cases/category/" + content.CategorySlug(c) + "/", Count: n, Current: c == currentCategory})
		}
	}
	for _, city := range b.m.Cities() {
		if n := len(ix.byCity[city]); n > 0 {
			cities = append(cities, PolicyFacet{Name: city.Name, URL: cityCasesURL(city), Count: n, Current: city == currentCity})
		}
	}
	return cats, cities
}

// related picks up to relatedLimit other cases: first those sharing both the
// category and the city, then the category, then the city, then any other;
// newest first within each tier, then by case number, so the choice is
// deterministic.
func (ix *caseIndex) related(i int) []CaseItem {
	d := ix.items[i].Doc
	city := ix.cityOf[i]
	type cand struct{ tier, pos int }
	seen := map[int]bool{i: true}
	var cands []cand
	for _, j := range ix.byCategory[d.Category] {
		if seen[j] {
			continue
		}
		seen[j] = true
		tier := 1
		if city != nil && ix.cityOf[j] == city {
			tier = 0
		}
		cands = append(cands, cand{tier, j})
	}
	if city != nil {
		for _, j := range ix.byCity[city] {
			if !seen[j] {
				seen[j] = true
				cands = append(cands, cand{2, j})
			}
		}
	}
	// Too few neighbours: fill up with the newest other cases, so every case
	// leads a reader on.
	if len(cands) < relatedLimit {
		for j := range ix.items {
			if len(cands) == relatedLimit {
				break
			}
			if !seen[j] {
				seen[j] = true
				cands = append(cands, cand{3, j})
			}
		}
	}
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].tier != cands[b].tier {
			return cands[a].tier < cands[b].tier
		}
		return cands[a].pos < cands[b].pos // the model's order: newest first, then case number
	})
	var out []CaseItem
	for _, c := range cands {
		if len(out) == relatedLimit {
			break
		}
		out = append(out, ix.items[c.pos])
	}
	return out
}

func (b *builder) cases() {
	ix := b.indexCases()
	feeds := []render.Feed{caseFeed}

	// list adds every page of one list (all cases or a facet).
	list := func(base, heading, title, intro, description string, listCrumbs []string, sel []int, category string, city *model.Region) {
		cats, cities := b.caseFacets(ix, category, city)
		pages := pageCount(len(sel))
		for n := 1; n <= pages; n++ {
			lo := (n - 1) * listPageSize
			hi := min(lo+listPageSize, len(sel))
			v := &CaseList{
				Heading: heading, Intro: intro, Total: len(sel), Categories: cats, Cities: cities,
				AllURL: "/cases/", Filtered: base != "/cases/", Pager: newPager(base, n, pages), FeedURL: caseFeed.URL,
			}
			for _, i := range sel[lo:hi] {
				v.Items = append(v.Items, ix.items[i])
			}
			b.add(&render.Page{
				Path: pageURL(base, n), Template: "cases", Title: pageTitle(title, n), Section: "/cases/",
				Description: description, Crumbs: pagedCrumbs(n, listCrumbs...),
				ColumnName: "典型案例", ColumnType: "典型案例", Feeds: feeds, Data: v,
			})
		}
	}

	all := make([]int, len(ix.items))
	for i := range all {
		all[i] = i
	}
	list("/cases/", "典型案例", "典型案例",
		"各地落实《全省社区物业管理能力提升工作安排》的做法和经验，按发布日期从新到旧排列，可按类别或城市浏览。",
		"山西省社区物业管理典型案例，可按类别和城市浏览；每个案例都有固定链接和可直接复制的参考文献格式。",
		[]string{"典型案例", "/cases/"}, all, "", nil)
	for _, c := range content.Categories {
		sel := ix.byCategory[c]
		if len(sel) == 0 {
			continue
		}
		base := "/cases/category/" + content.CategorySlug(c) + "/"
		list(base, "典型案例："+c, c+"典型案例",
			"类别为“"+c+"”的案例，按发布日期从新到旧排列。",
			"山西省社区物业管理典型案例中类别为“"+c+"”的案例。",
			[]string{"典型案例", "/cases/", c, base}, sel, c, nil)
	}
	for _, city := range b.m.Cities() {
		sel := ix.byCity[city]
		if len(sel) == 0 {
			continue
		}
		base := cityCasesURL(city)
		list(base, "典型案例："+city.Name, city.Name+"典型案例",
			city.Name+"及其所辖区县的案例，按发布日期从新到旧排列。",
			city.Name+"及所辖区县的社区物业管理典型案例。",
			[]string{"典型案例", "/cases/", city.Name, base}, sel, "", city)
	}

	publisher := b.m.Config.Publisher.Name
	for i, it := range ix.items {
		d := it.Doc
		v := &CaseView{CaseItem: it, City: ix.cityOf[i], Permalink: b.m.Config.AbsURL(d.URL), Related: ix.related(i)}
		if v.City != nil {
			v.CityURL = cityCasesURL(v.City)
		}
		v.Citation = Citation(d.CaseSource, d.Title, d.Date, v.Permalink)
		ld := map[string]any{
			"@context":            "https://schema.org",
			"@type":               "Article",
			"headline":            d.Title,
			"description":         d.Summary,
			"identifier":          d.CaseID,
			"url":                 v.Permalink,
			"mainEntityOfPage":    v.Permalink,
			"inLanguage":          "zh-CN",
			"datePublished":       render.Date(d.Date),
			"articleSection":      d.Category,
			"author":              map[string]any{"@type": "Organization", "name": d.CaseSource},
			"publisher":           map[string]any{"@type": "GovernmentOrganization", "name": publisher},
			"isAccessibleForFree": true,
		}
		if it.Region != nil {
			ld["contentLocation"] = map[string]any{"@type": "AdministrativeArea", "name": it.Region.FullName, "identifier": it.Region.Code}
		}
		if len(d.Tags) > 0 {
			ld["keywords"] = d.Tags
		}
		b.add(&render.Page{
			Path: d.URL, Template: "case", Title: d.Title, Description: d.Summary, Section: "/cases/",
			Crumbs:     crumbs("典型案例", "/cases/", d.Title, ""),
			ColumnName: "典型案例", ColumnType: "典型案例",
			Article: &render.Article{Title: d.Title, PubDate: d.Date, Source: d.CaseSource, Author: d.CaseSource, Keywords: append([]string{d.Category}, d.Tags...)},
			OGType:  "article", Feeds: feeds, JSONLD: []any{ld}, Data: v,
		})
	}
}
