package render

import (
	"reflect"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
)

func TestGovMetaOrderAndOmissions(t *testing.T) {
	cfg := &config.Config{Title: "站点", BaseURL: "https://zjt.example.gov.cn/ztzl/wuye/",
		Filing: config.Filing{SiteDomain: "zjt.example.gov.cn", SiteIDCode: "1400000000"}}
	page := &Page{Path: "/news/a/", ColumnName: "工作动态", ColumnType: "工作动态",
		ColumnDescription: "动态", ColumnKeywords: []string{"动态", " ", "动态", "新闻"},
		Article: &Article{Title: "标题", PubDate: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Source: "来源", Keywords: []string{"甲", "乙", "甲"}}}
	got := (&Ctx{Site: &Site{Config: cfg}, Page: page}).GovMeta()
	want := []Meta{{"SiteName", "站点"}, {"SiteDomain", "zjt.example.gov.cn"}, {"SiteIDCode", "1400000000"},
		{"ColumnName", "工作动态"}, {"ColumnDescription", "动态"}, {"ColumnKeywords", "动态,新闻"}, {"ColumnType", "工作动态"},
		{"ArticleTitle", "标题"}, {"PubDate", "2024-03-01"}, {"ContentSource", "来源"}, {"Keywords", "甲,乙"},
		// no Author: not set, so not faked
		{"Url", "https://zjt.example.gov.cn/ztzl/wuye/news/a/"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	// A page outside any column, not an article: the site's tags only; no 网站标识码 configured, none shown.
	cfg.Filing.SiteIDCode = ""
	got = (&Ctx{Site: &Site{Config: cfg}, Page: &Page{Path: "/about/"}}).GovMeta()
	if want := []Meta{{"SiteName", "站点"}, {"SiteDomain", "zjt.example.gov.cn"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
