package feed

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func sampleFeed(entries ...Entry) *Feed {
	return &Feed{
		ID: "https://x.example/feed.xml", Title: "示例", Self: "https://x.example/feed.xml",
		Alternate: "https://x.example/", Updated: day(2023, 1, 2), Author: "示例单位", Lang: "zh-CN", Entries: entries,
	}
}

// wellFormed decodes every token strictly.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, data)
		}
	}
}

type readBack struct {
	Updated string `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Summary string `xml:"summary"`
		Author  string `xml:"author>name"`
	} `xml:"entry"`
}

func TestMarshalOrderAndEscaping(t *testing.T) {
	a := Entry{ID: "tag:x.example,2022-01-01:/a/", Title: "甲 <b>&</b>", Link: "https://x.example/a/", Updated: day(2022, 1, 1), Summary: "控制字符\x01与]]>"}
	b := Entry{ID: "tag:x.example,2022-03-01:/b/", Title: "乙", Link: "https://x.example/b/", Updated: day(2022, 3, 1), Author: "乙单位"}
	c := Entry{ID: "tag:x.example,2022-03-01:/a-c/", Title: "丙", Link: "https://x.example/c/", Updated: day(2022, 3, 1)}
	var outs [][]byte
	for _, order := range [][]Entry{{a, b, c}, {c, a, b}, {b, c, a}} {
		data, err := sampleFeed(order...).Marshal()
		if err != nil {
			t.Fatal(err)
		}
		wellFormed(t, data)
		outs = append(outs, data)
	}
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Errorf("output depends on input order:\n%s\n---\n%s", outs[0], outs[i])
		}
	}
	var rb readBack
	if err := xml.Unmarshal(outs[0], &rb); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range rb.Entries {
		ids = append(ids, e.ID)
	}
	// Newest first; equal dates by id.
	want := []string{c.ID, b.ID, a.ID}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("order %v, want %v", ids, want)
	}
	if rb.Updated != "2023-01-02T00:00:00+08:00" { // a calendar date is midnight in Beijing
		t.Errorf("updated %q", rb.Updated)
	}
	if rb.Entries[2].Title != a.Title {
		t.Errorf("title round trip %q, want %q", rb.Entries[2].Title, a.Title)
	}
	if rb.Entries[1].Author != "乙单位" || rb.Entries[0].Author != "" {
		t.Errorf("authors %q %q: an entry's own author is written, others inherit the feed's", rb.Entries[1].Author, rb.Entries[0].Author)
	}
	if !strings.HasPrefix(string(outs[0]), `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">`) {
		t.Errorf("unexpected prolog:\n%s", outs[0][:120])
	}
}

func TestMarshalRejectsIncompleteFeeds(t *testing.T) {
	ok := Entry{ID: "tag:x.example,2022-01-01:/a/", Title: "甲", Updated: day(2022, 1, 1)}
	tests := []struct {
		name string
		f    *Feed
	}{
		{"feed without updated", func() *Feed { f := sampleFeed(ok); f.Updated = time.Time{}; return f }()},
		{"feed without id", func() *Feed { f := sampleFeed(ok); f.ID = ""; return f }()},
		{"entry without id", sampleFeed(Entry{Title: "甲", Updated: day(2022, 1, 1)})},
		{"entry without updated", sampleFeed(Entry{ID: "x", Title: "甲"})},
		{"entry without any author", func() *Feed { f := sampleFeed(ok); f.Author = ""; return f }()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.f.Marshal(); err == nil {
				t.Error("want an error")
			}
		})
	}
}

func TestTagURI(t *testing.T) {
	got := TagURI("wuye.example.gov.cn", time.Date(2022, 8, 1, 23, 0, 0, 0, time.UTC), "/cases/2022-001/")
	if want := "tag:wuye.example.gov.cn,2022-08-01:/cases/2022-001/"; got != want {
		t.Errorf("TagURI = %q, want %q", got, want)
	}
}
