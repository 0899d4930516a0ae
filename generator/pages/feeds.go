package pages

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/feed"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// feedLimit caps the entries of each feed: readers poll feeds often, and the
// full archive is on the list pages. The newest entries come first, so the
// cap drops only the oldest.
const feedLimit = 100

// Section feeds, linked from their pages through render.Page.Feeds.
var (
	caseFeed       = render.Feed{Title: "典型案例", URL: "/cases/feed.xml"}
	newsFeed       = render.Feed{Title: "工作动态", URL: "/news/feed.xml"}
	policyFeed     = render.Feed{Title: "政策法规", URL: "/policies/feed.xml"}
	evaluationFeed = render.Feed{Title: "评价结果公示", URL: "/evaluations/feed.xml"}
)

// feeds writes the Atom feeds: /feed.xml with everything the site publishes
// (news, cases, policies, evaluation releases) and one per section.
func (b *builder) feeds() {
	cases := b.docEntries(b.m.Cases, func(d *content.Document) (string, []string) {
		return d.CaseSource, []string{d.Category}
	})
	news := b.docEntries(b.m.News, func(*content.Document) (string, []string) { return "", nil })
	policies := b.docEntries(b.m.Policies, func(d *content.Document) (string, []string) {
		return d.Issuer, []string{d.Level, d.Status}
	})
	releases := b.periodEntries()

	var all []feed.Entry
	for _, part := range [][]feed.Entry{news, cases, policies, releases} {
		all = append(all, part...)
	}
	cfg := b.m.Config
	b.writeFeed("/feed.xml", "/", cfg.Title+"：最新发布", "工作动态、典型案例、政策法规和评价结果公示。", all)
	b.writeFeed(caseFeed.URL, "/cases/", cfg.Title+"：典型案例", "各地社区物业管理能力提升工作的典型案例。", cases)
	b.writeFeed(newsFeed.URL, "/news/", cfg.Title+"：工作动态", "社区物业管理能力提升工作的最新动态。", news)
	b.writeFeed(policyFeed.URL, "/policies/", cfg.Title+"：政策法规", "社区物业管理相关政策文件。", policies)
	b.writeFeed(evaluationFeed.URL, "/evaluations/", cfg.Title+"：评价结果公示", "住宅物业服务项目评价结果公示。", releases)
}

// tagAuthority is the domain that mints entry ids: the host of base_url,
// else the configured site domain.
func (b *builder) tagAuthority() string {
	cfg := b.m.Config
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Hostname() != "" {
		return strings.ToLower(u.Hostname())
	}
	if cfg.Filing.SiteDomain != "" {
		return strings.ToLower(cfg.Filing.SiteDomain)
	}
	return "localhost"
}

// tagDate is the tagging date of every entry id: a fixed day on which the
// publisher held the domain (the notice's date), so that correcting an
// item's publication date never changes its id.
var tagDate = time.Date(2022, 7, 15, 0, 0, 0, 0, time.UTC)

// entryID is the stable id of an item: a tag URI from the site's domain, the
// fixed tagging date and the item's permanent path, so renaming a title,
// correcting a date or moving the site under another scheme or base path
// keeps every id.
func (b *builder) entryID(_ time.Time, path string) string {
	return feed.TagURI(b.tagAuthority(), tagDate, path)
}

func (b *builder) docEntries(docs []*content.Document, extra func(*content.Document) (author string, categories []string)) []feed.Entry {
	var out []feed.Entry
	for _, d := range docs {
		author, cats := extra(d)
		summary := d.Summary
		if d.Sample {
			summary = "【示例内容】" + summary
		}
		out = append(out, feed.Entry{
			ID: b.entryID(d.Date, d.URL), Title: d.Title, Link: b.m.Config.AbsURL(d.URL),
			Published: d.Date, Updated: d.Date, Author: author, Summary: summary, Categories: cats,
		})
	}
	return out
}

func (b *builder) periodEntries() []feed.Entry {
	var out []feed.Entry
	for _, p := range b.m.Periods {
		path := "/evaluations/" + p.ID + "/"
		out = append(out, feed.Entry{
			ID: b.entryID(p.Published, path), Title: p.Title, Link: b.m.Config.AbsURL(path),
			Published: p.Published, Updated: p.Published, Summary: periodSummary(p), Categories: []string{"评价结果公示"},
		})
	}
	return out
}

// periodSummary tells in one paragraph what a release contains and how long
// objections are accepted.
func periodSummary(p *model.Period) string {
	var s strings.Builder
	s.WriteString(p.Title)
	s.WriteString("。")
	if n := p.Summary.Projects; n > 0 {
		fmt.Fprintf(&s, "共评价 %s 个住宅物业服务项目，平均得分 %s 分", render.Int(n), render.Score(p.Summary.Average))
		var grades []string
		for _, g := range p.Summary.Grades {
			grades = append(grades, fmt.Sprintf("%s %s 个", g.Grade, render.Int(g.Count)))
		}
		if len(grades) > 0 {
			s.WriteString("，其中" + strings.Join(grades, "、"))
		}
		s.WriteString("。")
	}
	if !p.Start.IsZero() && !p.End.IsZero() {
		fmt.Fprintf(&s, "公示期 %s 至 %s，对结果有异议的可在公示期内书面实名提出。", render.Date(p.Start), render.Date(p.End))
	}
	return s.String()
}

// writeFeed writes one feed at site path feedPath following the HTML page at
// pagePath. Its updated time is the data version, never the clock.
func (b *builder) writeFeed(feedPath, pagePath, title, subtitle string, entries []feed.Entry) {
	cfg := b.m.Config
	entries = append([]feed.Entry(nil), entries...)
	feed.Sort(entries)
	if len(entries) > feedLimit {
		entries = entries[:feedLimit]
	}
	updated := b.m.Version.Date
	if updated.IsZero() && len(entries) > 0 {
		updated = entries[0].Updated
	}
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	f := &feed.Feed{
		ID: cfg.AbsURL(feedPath), Title: title, Subtitle: subtitle,
		Self: cfg.AbsURL(feedPath), Alternate: cfg.AbsURL(pagePath),
		Updated: updated, Author: cfg.Publisher.Name, Lang: "zh-CN", Entries: entries,
	}
	if f.Author == "" {
		f.Author = cfg.Title
	}
	data, err := f.Marshal()
	if err != nil {
		b.errs = append(b.errs, err.Error())
		return
	}
	b.file(strings.TrimPrefix(feedPath, "/"), data)
}
