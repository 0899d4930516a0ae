package pages

import (
	"encoding/json"
	"strings"

	"github.com/sxwuye/portal/generator/model"
)

// ReleaseCitation formats a reference to a release page (the province's,
// a city's or a county's) in the style of GB/T 7714-2015 for electronic
// documents, naming the issuing office and the document number:
//
//	发布单位. 题名: 文号[EB/OL]. (发布日期)[引用日期]. 获取路径.
//
// A reporter citing one project's result adds the row's anchor to the
// address (…/evaluations/2023/#C000224), which every release page honours.
func ReleaseCitation(p *model.Period, publisher, title, url string) string {
	if p.DocNumber != "" {
		title += ": " + p.DocNumber
	}
	return citation(p.IssuerOr(publisher), title, "EB/OL", p.Published, url)
}

// rowIndexName is the file beside a large release's page that says which
// page lists each project: a shared link …/evaluations/2023/#C000224 to a
// page without that row is sent on to the city or county page that has it.
const rowIndexName = "rows.json"

// releaseRowIndex writes rows.json beside each release page: which page
// lists each project, {"140100/": ["C000001", …], "140100/140105/": […]},
// page paths relative to the release page, ids in page order. A release
// that is not split lists every project on its own page ("./"); a split
// one on its city pages, or a split city's county pages.
func (b *builder) releaseRowIndex() {
	for _, p := range b.m.Periods {
		if len(p.Evaluations) == 0 {
			continue
		}
		var buf strings.Builder
		buf.WriteByte('{')
		n := 0
		add := func(rel string, evs []*model.Evaluation) {
			if n > 0 {
				buf.WriteByte(',')
			}
			n++
			k, _ := json.Marshal(rel)
			buf.Write(k)
			buf.WriteString(":[")
			for i, ev := range evs {
				if i > 0 {
					buf.WriteByte(',')
				}
				v, _ := json.Marshal(ev.CommunityID)
				buf.Write(v)
			}
			buf.WriteByte(']')
		}
		if len(p.Evaluations) <= largeRelease {
			add("./", p.Evaluations)
		}
		for _, pc := range p.Cities {
			if len(p.Evaluations) <= largeRelease {
				break
			}
			if !splitCity(pc) {
				add(pc.City.Code+"/", pc.Evaluations)
				continue
			}
			for _, pk := range pc.Counties() {
				add(pc.City.Code+"/"+pk.County.Code+"/", pk.Evaluations)
			}
		}
		buf.WriteString("}\n")
		b.file(strings.TrimPrefix(periodURL(p.ID), "/")+rowIndexName, []byte(buf.String()))
	}
}
