// Package freshness warns an administrator before a column of the site goes
// stale by the measure of the government-website inspections (政府网站与政务新媒体
// 检查指标): a home page or a news column not updated for 2 weeks, a policy
// or notice column not updated for 6 months, counts against the site.
//
// Every column's newest item is dated against the data version date (never
// the wall clock), so the same inputs always give the same warnings.
package freshness

import (
	"fmt"
	"time"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/model"
)

// Limit is how long a kind of column may go without a new item.
type Limit struct {
	Name   string // the inspection's wording, e.g. "2 周"
	Days   int    // limit in days, or
	Months int    // in calendar months
	// Warn is how long before the limit a warning is given.
	Warn int // days
}

var (
	// LimitNews applies to the home page and news (动态、要闻类) columns.
	LimitNews = Limit{Name: "2 周", Days: 14, Warn: 3}
	// LimitNotice applies to policy and notice (通知公告、政策文件类) columns.
	LimitNotice = Limit{Name: "6 个月", Months: 6, Warn: 30}
)

// due is the last day on which a column whose newest item is dated newest
// still counts as up to date.
func (l Limit) due(newest time.Time) time.Time {
	if l.Months > 0 {
		return newest.AddDate(0, l.Months, 0)
	}
	return newest.AddDate(0, 0, l.Days)
}

// Column is one column of the site as the inspection sees it.
type Column struct {
	Name    string // 栏目 name as the page's ColumnName says
	Limit   Limit
	Newest  time.Time // date of the newest item; zero when the column is empty
	File    string    // the newest item's input file, or where new items go
	Publish string    // what to publish to bring it up to date
}

// Columns lists the site's columns with their newest items, in menu order.
func Columns(m *model.Model) []Column {
	news := newestDoc(m.News, "content/news/")
	policies := newestDoc(m.Policies, "content/policies/")
	cases := newestDoc(m.Cases, "content/cases/")
	release := Column{File: "site.yaml"}
	for _, p := range m.Periods {
		if p.Published.After(release.Newest) {
			release.Newest = p.Published
		}
	}
	var progress time.Time
	if m.Progress != nil && len(m.Progress.Dates) > 0 {
		progress = m.Progress.Dates[len(m.Progress.Dates)-1]
	}
	// The home page shows the newest of every column and the latest progress figures.
	home := Column{File: news.File}
	for _, c := range []Column{news, policies, cases, release, {Newest: progress, File: "data/progress.csv"}} {
		if c.Newest.After(home.Newest) {
			home.Newest, home.File = c.Newest, c.File
		}
	}
	return []Column{
		{Name: "首页", Limit: LimitNews, Newest: home.Newest, File: home.File,
			Publish: "发布一篇工作动态（content/news/）或报送新一期工作进展（data/progress.csv）"},
		{Name: "工作动态", Limit: LimitNews, Newest: news.Newest, File: news.File,
			Publish: "在 content/news/ 中发布新的工作动态"},
		{Name: "政策法规", Limit: LimitNotice, Newest: policies.Newest, File: policies.File,
			Publish: "在 content/policies/ 中发布新的政策文件或政策解读"},
		{Name: "典型案例", Limit: LimitNotice, Newest: cases.Newest, File: cases.File,
			Publish: "在 content/cases/ 中发布新的典型案例"},
		{Name: "评价结果", Limit: LimitNotice, Newest: release.Newest, File: release.File,
			Publish: "在 site.yaml 的 evaluation.periods 中发布新一期评价结果公示"},
	}
}

// newestDoc is the newest of docs (which the model keeps newest first).
func newestDoc(docs []*content.Document, folder string) Column {
	c := Column{File: folder}
	for _, d := range docs {
		if d.Date.After(c.Newest) {
			c.Newest, c.File = d.Date, d.Source
		}
	}
	return c
}

// Check warns about every column that is stale, or will be within its
// warning period, as of the data version date asOf.
func Check(cols []Column, asOf time.Time, rep *diag.Report) {
	if asOf.IsZero() {
		return
	}
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	asOf = day(asOf)
	for _, c := range cols {
		if c.Newest.IsZero() {
			rep.Warnf(c.File, 0, 0, "", nil, "栏目“%s”还没有任何内容；政府网站检查要求此类栏目至少每 %s更新一次，请%s",
				c.Name, c.Limit.Name, c.Publish)
			continue
		}
		newest := day(c.Newest)
		due := c.Limit.due(newest)
		age := int(asOf.Sub(newest).Hours() / 24)
		switch {
		case asOf.After(due):
			rep.Warnf(c.File, 0, 0, "", nil, "栏目“%s”最新一条发布于 %s，截至数据版本日期 %s 已 %d 天未更新，超过政府网站检查的 %s时限（%s 起即算未更新）；请%s",
				c.Name, date(newest), date(asOf), age, c.Limit.Name, date(due.AddDate(0, 0, 1)), c.Publish)
		case !asOf.Before(due.AddDate(0, 0, -c.Limit.Warn)):
			rep.Warnf(c.File, 0, 0, "", nil, "栏目“%s”最新一条发布于 %s，截至数据版本日期 %s 已 %d 天未更新，%s 起将超过政府网站检查的 %s时限；请于此前%s",
				c.Name, date(newest), date(asOf), age, date(due.AddDate(0, 0, 1)), c.Limit.Name, c.Publish)
		}
	}
}

func date(t time.Time) string { return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day()) }
