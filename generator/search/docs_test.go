package search

import (
	"fmt"
	"testing"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
)

// TestFromModelPlaces: a community and a county's company can be narrowed to
// their city and county, a company registered with a city to its city, a
// case of a county to both; a provincial policy and a community with no known
// county to nothing.
func TestFromModelPlaces(t *testing.T) {
	prov := &model.Region{Code: "140000", Name: "山西省", Level: "province"}
	city := &model.Region{Code: "140100", Name: "太原市", Level: "city", Parent: prov}
	county := &model.Region{Code: "140105", Name: "小店区", Level: "county", Parent: city}
	m := &model.Model{
		RegionByCode: map[string]*model.Region{"140000": prov, "140100": city, "140105": county},
		Communities: []*model.Community{
			{Community: dataset.Community{ID: "C1", Name: "示例·甲小区"}, County: county, City: city},
			{Community: dataset.Community{ID: "C2", Name: "示例·乙小区"}},
		},
		Enterprises: []*model.Enterprise{
			{Enterprise: dataset.Enterprise{ID: "E1", Name: "示例·甲物业"}, Region: county},
			{Enterprise: dataset.Enterprise{ID: "E2", Name: "示例·乙物业"}, Region: city},
		},
		Policies: []*content.Document{{Kind: content.KindPolicy, Title: "示例政策", URL: "/policies/p/", RegionCode: "140000"}},
		Cases:    []*content.Document{{Kind: content.KindCase, Title: "示例案例", URL: "/cases/k/", RegionCode: "140105"}},
	}
	want := map[string]string{
		"/communities/C1/": "[{140100 太原市} {140105 小店区}]",
		"/communities/C2/": "[]",
		"/enterprises/E1/": "[{140100 太原市} {140105 小店区}]",
		"/enterprises/E2/": "[{140100 太原市}]",
		"/policies/p/":     "[]",
		"/cases/k/":        "[{140100 太原市} {140105 小店区}]",
	}
	docs := FromModel(m)
	if len(docs) != len(want) {
		t.Fatalf("%d docs, want %d", len(docs), len(want))
	}
	for _, d := range docs {
		if got := fmt.Sprint(d.Where); got != want[d.URL] {
			t.Errorf("%s: where %s, want %s", d.URL, got, want[d.URL])
		}
	}
}
