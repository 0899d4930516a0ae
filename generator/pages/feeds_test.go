package pages_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

// atom is what the tests read back from a feed.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Summary   string `xml:"summary"`
		Author    string `xml:"author>name"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

// parseFeed decodes a feed strictly: any well-formedness error fails.
func parseFeed(t *testing.T, name string, data []byte) *atom {
	t.Helper()
	// A full token pass first: Unmarshal alone stops at the end of the root element.
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err != nil {
			if err != io.EOF {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
			break
		}
	}
	var f atom
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &f
}

func checkFeeds(t *testing.T, s *builtSite) {
	m := s.res.Site.Model
	wantUpdated := testVersion.In(time.FixedZone("CST", 8*3600)).Format(time.RFC3339)
	feeds := map[string]*atom{}
	for _, name := range []string{"/feed.xml", "/cases/feed.xml", "/news/feed.xml", "/policies/feed.xml", "/evaluations/feed.xml"} {
		f := parseFeed(t, name, []byte(s.read(t, name)))
		feeds[name] = f
		if f.Updated != wantUpdated {
			t.Errorf("%s: updated %s, want the data version %s", name, f.Updated, wantUpdated)
		}
		self := ""
		for _, l := range f.Links {
			if l.Rel == "self" {
				self = l.Href
			}
		}
		if self != testBaseURL+strings.TrimPrefix(name, "/") || f.ID == "" {
			t.Errorf("%s: self link %q, id %q", name, self, f.ID)
		}
		seen := map[string]bool{}
		for i, e := range f.Entries {
			if seen[e.ID] {
				t.Errorf("%s: duplicate entry id %s", name, e.ID)
			}
			seen[e.ID] = true
			if !strings.HasPrefix(e.ID, "tag:wuye.example.gov.cn,") {
				t.Errorf("%s: entry id %q is not a tag URI of the site", name, e.ID)
			}
			if e.Title == "" || e.Summary == "" || e.Link.Href == "" || e.Updated == "" {
				t.Errorf("%s: incomplete entry %+v", name, e)
			}
			if i > 0 {
				prev := f.Entries[i-1]
				if prev.Updated < e.Updated || (prev.Updated == e.Updated && prev.ID > e.ID) {
					t.Errorf("%s: entries out of order: %s %s before %s %s", name, prev.Updated, prev.ID, e.Updated, e.ID)
				}
			}
		}
		if len(f.Entries) > 100 {
			t.Errorf("%s: %d entries, want at most 100", name, len(f.Entries))
		}
	}

	count := func(name string) int { return len(feeds[name].Entries) }
	for _, c := range []struct {
		name string
		n    int
	}{
		{"/cases/feed.xml", len(m.Cases)}, {"/news/feed.xml", len(m.News)},
		{"/policies/feed.xml", len(m.Policies)}, {"/evaluations/feed.xml", len(m.Periods)},
		{"/feed.xml", len(m.Cases) + len(m.News) + len(m.Policies) + len(m.Periods)},
	} {
		if want := min(c.n, 100); count(c.name) != want {
			t.Errorf("%s: %d entries, want %d", c.name, count(c.name), want)
		}
	}

	// Stable ids: from the domain, a fixed tagging date and the permanent
	// path, so correcting an item's date keeps its id.
	wantIDs := map[string]string{
		"/cases/feed.xml":       "tag:wuye.example.gov.cn,2022-07-15:/cases/T2021-001/",
		"/news/feed.xml":        "tag:wuye.example.gov.cn,2022-07-15:/news/zz-test-news-a/",
		"/policies/feed.xml":    "tag:wuye.example.gov.cn,2022-07-15:/policies/sx-wuye-2022-gzap/",
		"/evaluations/feed.xml": "tag:wuye.example.gov.cn,2022-07-15:/evaluations/2022/",
	}
	for name, id := range wantIDs {
		found := false
		for _, e := range feeds[name].Entries {
			if e.ID == id {
				found = true
				if !strings.Contains(e.Link.Href, strings.SplitN(id, ":", 3)[2]) {
					t.Errorf("%s: entry %s links %s", name, id, e.Link.Href)
				}
			}
		}
		if !found {
			t.Errorf("%s lacks entry %s", name, id)
		}
	}
	for _, e := range feeds["/cases/feed.xml"].Entries {
		if e.ID == wantIDs["/cases/feed.xml"] {
			if e.Author != "示例·长治市社区物业管理能力提升工作专班" || !strings.Contains(e.Summary, "示例·潞州区智慧物业试点（测试用例）的摘要") {
				t.Errorf("case entry author %q summary %q", e.Author, e.Summary)
			}
		}
	}
	for _, e := range feeds["/evaluations/feed.xml"].Entries {
		if !strings.Contains(e.Summary, "公示期") {
			t.Errorf("release entry %s: summary %q lacks the 公示期", e.ID, e.Summary)
		}
	}

	// Section pages advertise their feed; every page advertises the site feed.
	for _, c := range []struct{ page, link string }{
		{"/cases/", `href="feed.xml"`},
		{"/cases/category/smart-property/", `href="../../feed.xml"`},
		{"/news/", `href="feed.xml"`},
		{"/policies/", `href="feed.xml"`},
	} {
		p := s.read(t, c.page)
		mustContain(t, c.page, p, `<link rel="alternate" type="application/atom+xml"`, c.link)
	}
}
