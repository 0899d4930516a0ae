package pages

import "github.com/sxwuye/portal/generator/render"

// SearchView is the search page; the index itself is built by package search.
type SearchView struct {
	Manifest string // site path of the index manifest
}

func (b *builder) search() {
	manifest := b.in.SearchManifest
	if manifest == "" {
		manifest = "/search/manifest.json"
	}
	b.add(&render.Page{
		Path: "/search/", Template: "search", Title: "搜索", Section: "/search/",
		Description: "按名称中的任意两三个字查找小区、物业服务企业、政策法规、典型案例和工作动态。",
		Crumbs:      crumbs("搜索", ""), ColumnName: "搜索", ColumnType: "搜索",
		Data: &SearchView{Manifest: manifest},
	})
}
