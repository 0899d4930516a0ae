package search

import (
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
)

// FromModel lists the documents of the site for the index: communities
// (name, county, street, company), companies (name, credit code), policies
// (title, document number, full text), cases (title, summary, body), news;
// each with its city and county where it has one.
// Only public fields of the model are passed; private fields never reach
// the model.
func FromModel(m *model.Model) []Doc {
	docs := make([]Doc, 0, len(m.Communities)+len(m.Enterprises)+len(m.Policies)+len(m.Cases)+len(m.News))
	for _, c := range m.Communities {
		ctx := []string{}
		if c.County != nil {
			ctx = append(ctx, c.County.FullName)
		}
		ctx = append(ctx, c.Street)
		names := []string{c.Name}
		if c.Enterprise != nil {
			ctx = append(ctx, c.Enterprise.Name)
		} else {
			ctx = append(ctx, c.ManagementMode)
		}
		// The latest grade, what a resident searching for their community
		// wants first (the total as the community page rounds it).
		if n := len(c.Evaluations); n > 0 {
			ev := c.Evaluations[n-1]
			ctx = append(ctx, "最新评价 "+ev.GradeName+" "+strconv.FormatFloat(math.Round(ev.Score*10)/10, 'f', 1, 64)+" 分（"+ev.Period.Title+"）")
		}
		docs = append(docs, Doc{
			Type: "community", Title: c.Name, URL: "/communities/" + c.ID + "/",
			Context: strings.Join(ctx, " · "), Names: names,
			Body: c.Neighborhood, Where: where(c.County),
		})
	}
	for _, e := range m.Enterprises {
		ctx := []string{}
		if e.Region != nil {
			ctx = append(ctx, e.Region.FullName)
		}
		ctx = append(ctx, "统一社会信用代码 "+e.CreditCode)
		if e.Withdrawn {
			ctx = append(ctx, "已清退")
		}
		docs = append(docs, Doc{
			Type: "enterprise", Title: e.Name, URL: "/enterprises/" + e.ID + "/",
			Context: strings.Join(ctx, " · "), Names: []string{e.Name, e.CreditCode},
			Where: where(e.Region),
		})
	}
	addDocs := func(kind string, list []*content.Document) {
		for _, d := range list {
			names := []string{d.Title}
			ctx := []string{}
			switch d.Kind {
			case content.KindPolicy:
				if d.DocNumber != "" {
					names = append(names, d.DocNumber)
				}
				ctx = append(ctx, d.Issuer, d.Status)
			case content.KindCase:
				names = append(names, d.CaseID)
				ctx = append(ctx, "案例 "+d.CaseID, d.Category)
			}
			body, shift := d.Text, 0
			if d.Summary != "" {
				body = d.Summary + "\n" + body
				shift = utf8.RuneCountInString(d.Summary) + 1
			}
			var anchors []Anchor
			if d.Kind == content.KindPolicy {
				anchors = clauseAnchors(string(d.HTML), d.Text, shift)
			}
			docs = append(docs, Doc{
				Type: kind, Title: d.Title, URL: d.URL, Context: strings.Join(nonEmpty(ctx), " · "),
				Names: names, Body: body, Date: dateString(d), Anchors: anchors,
				Where: where(m.RegionByCode[d.RegionCode]),
			})
		}
	}
	addDocs("policy", m.Policies)
	addDocs("case", m.Cases)
	addDocs("news", m.News)
	return docs
}

// where is the places a document in region r can be narrowed to: its city,
// and its county when r is one; none for the province or no region.
func where(r *model.Region) []Place {
	if r == nil || r.City() == nil {
		return nil
	}
	city := r.City()
	out := []Place{{city.Code, city.Name}}
	if r != city {
		out = append(out, Place{r.Code, r.Name})
	}
	return out
}

// Clause elements as content renders them: a heading, paragraph or list item
// with a clause id ("s2", "s2-3", "s2-3-1", "s2-3-1_2"), whose content starts
// with the clause link ("§") and then the clause's own text.
var (
	clauseStart = regexp.MustCompile(`<(?:h[1-6]|p|li)\s(?:[^>]*\s)?id="(s[0-9][0-9_-]*)"[^>]*>`)
	clauseLink  = regexp.MustCompile(`<a class="clause-link"[^>]*>[^<]*</a>`)
	anyTag      = regexp.MustCompile(`<[^>]*>`)
)

// probeRunes is how much of a clause's text is looked up in the plain text:
// enough to be unambiguous after the previous clause, short enough not to
// cross markup that renders differently in HTML and plain text.
const probeRunes = 12

// clauseAnchors maps a policy's clause ids to rune offsets in its plain text
// (plus shift, the runes put before the text in the indexed body). Each
// clause's first words, taken from the rendered HTML, are looked up in the
// text after the previous clause's start, so the offsets ascend; a clause
// whose words are not found is left out, and a match before it then links to
// the clause before.
func clauseAnchors(body, text string, shift int) []Anchor {
	ms := clauseStart.FindAllStringSubmatchIndex(body, -1)
	var out []Anchor
	from, runes := 0, 0 // byte offset in text where the search resumes, and its rune offset
	for i, m := range ms {
		end := len(body)
		if i+1 < len(ms) {
			end = ms[i+1][0]
		}
		seg := clauseLink.ReplaceAllString(body[m[1]:end], "")
		seg = html.UnescapeString(anyTag.ReplaceAllString(seg, ""))
		seg = strings.TrimLeftFunc(seg, unicode.IsSpace)
		if j := strings.IndexFunc(seg, unicode.IsSpace); j >= 0 {
			seg = seg[:j] // soft breaks and spaces differ between HTML and text
		}
		if rs := []rune(seg); len(rs) > probeRunes {
			seg = string(rs[:probeRunes])
		}
		if utf8.RuneCountInString(seg) < 2 {
			continue
		}
		k := strings.Index(text[from:], seg)
		if k < 0 {
			continue
		}
		runes += utf8.RuneCountInString(text[from : from+k])
		from += k
		out = append(out, Anchor{Off: shift + runes, ID: body[m[2]:m[3]]})
	}
	return out
}

func dateString(d *content.Document) string {
	if d.Date.IsZero() {
		return ""
	}
	return d.Date.Format("2006-01-02")
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
