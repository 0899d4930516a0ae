// Package feed writes Atom 1.0 documents (RFC 4287).
//
// Output is deterministic: entries are written in a total order (updated
// descending, then id), every time comes from the caller (never the clock),
// and encoding/xml escapes every text, replacing characters XML cannot carry,
// so a feed is well-formed whatever the content says.
package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"time"
)

// Feed is one Atom feed document.
type Feed struct {
	ID        string // absolute IRI that never changes
	Title     string
	Subtitle  string
	Self      string    // absolute URL of the feed document itself
	Alternate string    // absolute URL of the HTML page the feed follows
	Updated   time.Time // when the feed last changed meaningfully (the data version)
	Author    string    // the feed's author; entries without one inherit it
	Rights    string
	Lang      string // xml:lang, e.g. "zh-CN"
	Entries   []Entry
}

// Entry is one item of a feed.
type Entry struct {
	ID         string // absolute IRI, stable across builds and title changes
	Title      string
	Link       string // absolute URL of the item's page
	Published  time.Time
	Updated    time.Time
	Author     string // "" to inherit the feed's author
	Summary    string // plain text
	Categories []string
}

// Sort orders entries newest update first, then by id, so equal dates never
// depend on input order.
func Sort(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		if !es[i].Updated.Equal(es[j].Updated) {
			return es[i].Updated.After(es[j].Updated)
		}
		return es[i].ID < es[j].ID
	})
}

// TagURI builds an RFC 4151 tag URI such as
// "tag:wuye.example.gov.cn,2022-08-01:/cases/2022-001/". It names an item
// by who published it, when, and its permanent path, so the id survives a
// change of title, scheme or base path.
func TagURI(authority string, date time.Time, specific string) string {
	return "tag:" + authority + "," + date.UTC().Format("2006-01-02") + ":" + specific
}

// beijing is China Standard Time, the time of the publishers and readers.
var beijing = time.FixedZone("CST", 8*3600)

// Time formats a time as Atom wants it (RFC 3339) in Beijing time. A
// calendar date (midnight UTC, as dates are held) becomes midnight in
// Beijing, not 08:00.
func Time(t time.Time) string {
	u := t.UTC()
	if u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0 {
		return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, beijing).Format(time.RFC3339)
	}
	return t.In(beijing).Format(time.RFC3339)
}

type xmlFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"xml:lang,attr,omitempty"`
	ID       string     `xml:"id"`
	Title    xmlText    `xml:"title"`
	Subtitle *xmlText   `xml:"subtitle,omitempty"`
	Links    []xmlLink  `xml:"link"`
	Updated  string     `xml:"updated"`
	Author   *xmlPerson `xml:"author,omitempty"`
	Rights   *xmlText   `xml:"rights,omitempty"`
	Entries  []xmlEntry `xml:"entry"`
}

type xmlText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type xmlLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type xmlPerson struct {
	Name string `xml:"name"`
}

type xmlCategory struct {
	Term string `xml:"term,attr"`
}

type xmlEntry struct {
	ID         string        `xml:"id"`
	Title      xmlText       `xml:"title"`
	Links      []xmlLink     `xml:"link"`
	Published  string        `xml:"published,omitempty"`
	Updated    string        `xml:"updated"`
	Author     *xmlPerson    `xml:"author,omitempty"`
	Categories []xmlCategory `xml:"category"`
	Summary    *xmlText      `xml:"summary,omitempty"`
}

func text(s string) xmlText { return xmlText{Type: "text", Text: s} }

func optText(s string) *xmlText {
	if s == "" {
		return nil
	}
	t := text(s)
	return &t
}

func person(name string) *xmlPerson {
	if name == "" {
		return nil
	}
	return &xmlPerson{Name: name}
}

// Marshal writes the feed with its entries sorted (see Sort). It fails when
// a required element is missing: the feed or an entry without id, title or
// updated time, or an entry without an author when the feed has none.
func (f *Feed) Marshal() ([]byte, error) {
	if f.ID == "" || f.Title == "" || f.Updated.IsZero() {
		return nil, fmt.Errorf("Atom 订阅 %q 缺少 id、标题或更新时间", f.Self)
	}
	entries := append([]Entry(nil), f.Entries...)
	Sort(entries)
	x := xmlFeed{
		Lang: f.Lang, ID: f.ID, Title: text(f.Title), Subtitle: optText(f.Subtitle),
		Updated: Time(f.Updated), Author: person(f.Author), Rights: optText(f.Rights),
	}
	if f.Alternate != "" {
		x.Links = append(x.Links, xmlLink{Rel: "alternate", Type: "text/html", Href: f.Alternate})
	}
	if f.Self != "" {
		x.Links = append(x.Links, xmlLink{Rel: "self", Type: "application/atom+xml", Href: f.Self})
	}
	for _, e := range entries {
		if e.ID == "" || e.Title == "" || e.Updated.IsZero() {
			return nil, fmt.Errorf("Atom 订阅 %q 的条目 %q 缺少 id、标题或更新时间", f.Self, e.Link)
		}
		if e.Author == "" && f.Author == "" {
			return nil, fmt.Errorf("Atom 订阅 %q 的条目 %q 缺少作者", f.Self, e.Link)
		}
		xe := xmlEntry{ID: e.ID, Title: text(e.Title), Updated: Time(e.Updated), Author: person(e.Author), Summary: optText(e.Summary)}
		if !e.Published.IsZero() {
			xe.Published = Time(e.Published)
		}
		if e.Link != "" {
			xe.Links = []xmlLink{{Rel: "alternate", Type: "text/html", Href: e.Link}}
		}
		for _, c := range e.Categories {
			if c != "" {
				xe.Categories = append(xe.Categories, xmlCategory{Term: c})
			}
		}
		x.Entries = append(x.Entries, xe)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
