package pages

import (
	"html/template"
	"math"
	"net/url"
	"strings"

	"github.com/sxwuye/portal/generator/chart"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// EnterpriseView is /enterprises/<id>/.
type EnterpriseView struct {
	E *model.Enterprise
	// Maxima are the highest scores, shown beside each result.
	Maxima config.Maxima
	// Region path from the city down to the registration region (links).
	Regions []*model.Region
	// History is one line per period with projects (oldest first); Chart draws its averages.
	History []*model.CompanyRank
	Chart   template.HTML
	// Over every evaluation of the company: count, mean, best and worst total.
	Evaluated            int
	Average, Best, Worst float64
	Latest               *model.CompanyRank // nil without evaluations
	// LatestLabel names Latest's release ("2022年度"); Skipped names the
	// releases published after it, where the company was not evaluated
	// ("2023年度", "" when none).
	LatestLabel, Skipped string
	Evaluations          []*model.Evaluation // newest period first
	ServedFormed         int                 // communities served that have a committee
}

func (b *builder) enterprises() {
	for _, e := range b.m.Enterprises {
		b.add(&render.Page{
			Path: enterpriseURL(e.ID), Template: "enterprise", Title: e.Name,
			ColumnName: "物业服务企业", ColumnType: "信息公开",
			Prepare: func(p *render.Page) { b.prepareEnterprise(p, e) },
		})
	}
}

// prepareEnterprise fills in what only the rendering of a company page needs.
func (b *builder) prepareEnterprise(p *render.Page, e *model.Enterprise) {
	v := &EnterpriseView{E: e, History: e.ByPeriod, Regions: regionPath(e.Region), Maxima: b.m.Config.Evaluation.Maxima}
	v.Average, v.Best, v.Worst = math.NaN(), math.NaN(), math.NaN()
	if n := len(e.Evaluations); n > 0 {
		sum := 0.0
		v.Best, v.Worst = math.Inf(-1), math.Inf(1)
		v.Evaluations = make([]*model.Evaluation, n)
		for i, ev := range e.Evaluations {
			sum += ev.Score
			v.Best = math.Max(v.Best, ev.Score)
			v.Worst = math.Min(v.Worst, ev.Score)
			v.Evaluations[n-1-i] = ev // model order is oldest first
		}
		v.Evaluated = n
		v.Average = math.Round(sum/float64(n)*100) / 100
	}
	if len(e.ByPeriod) > 0 {
		v.Latest = e.ByPeriod[len(e.ByPeriod)-1]
		v.LatestLabel = periodLabel(v.Latest.Period)
		v.Skipped = periodLabels(laterPeriods(b.m.Periods, v.Latest.Period))
		c := chart.Bar{ID: "hist", Title: e.Name + "：各期平均分", Max: b.m.Config.Evaluation.Maxima.Total(), Unit: "分",
			Format: render.Score}
		for _, cr := range e.ByPeriod {
			c.Labels = append(c.Labels, cr.Period.ID)
			c.Values = append(c.Values, cr.Average)
		}
		v.Chart = c.SVG()
	}
	for _, c := range e.Communities {
		if c.Formed {
			v.ServedFormed++
		}
	}

	crumbTrail := regionCrumbs(e.Region)
	crumbTrail = append(crumbTrail, render.Crumb{Title: e.Name})
	ld := &placeLD{Context: "https://schema.org", Type: "Organization", Name: e.Name,
		URL: b.m.Config.AbsURL(p.Path), Telephone: e.ServicePhone}
	if e.CreditCode != "" {
		ld.Identifier = &propertyLD{Type: "PropertyValue", PropertyID: "统一社会信用代码", Value: e.CreditCode}
	}
	if e.Region != nil {
		ld.Address = postalAddress(e.Region, "")
	}
	p.Description = e.Name + "：统一社会信用代码、党建覆盖、服务的小区和历次评价结果。"
	source := b.contentSource()
	p.Article = &render.Article{Title: e.Name, PubDate: b.m.Version.Date, Source: source, Author: source, Keywords: []string{e.Name, "物业服务企业"}}
	p.Crumbs, p.JSONLD, p.Data = crumbTrail, []any{ld}, v
}

// EvalRows writes the table of every project result (see RowsHTML for why
// in Go): period, community, total and grade, the three sub-scores against
// their maxima, province rank; each cell names its column in data-l, shown
// before the value when a phone lays the rows out as blocks (eval.css).
func (v *EnterpriseView) EvalRows() template.HTML {
	return render.Fragment(v.writeEvalRows)
}

func (v *EnterpriseView) writeEvalRows(w *render.Writer) {
	const root = "../../" // from /enterprises/<id>/
	m := v.Maxima
	of := func(x, max float64) string { return render.Score(x) + " / " + render.Num(max) }
	for _, ev := range v.Evaluations {
		w.M(`<tr><td class="t" data-l="期次">`)
		w.Text(periodLabel(ev.Period))
		w.M(`</td><th scope="row" class="w"><a href="` + root + "communities/")
		w.URLPart(url.PathEscape(ev.Community.ID))
		w.M(`/">`)
		w.Text(ev.Community.Name)
		w.M("</a></th>")
		labelledCell(w, "总分", of(ev.Score, m.Total()))
		w.M(`<td class="t" data-l="等级"><span class="`)
		w.Text(render.GradeClass(ev.GradeName))
		w.M(`">`)
		w.Text(ev.GradeName)
		w.M("</span></td>")
		labelledCell(w, "基础管理服务", of(ev.BasicService, m.BasicService))
		labelledCell(w, "共有设施设备管理", of(ev.Facilities, m.Facilities))
		labelledCell(w, "群众满意度", of(ev.Satisfaction, m.Satisfaction))
		labelledCell(w, "全省排名", render.Int(ev.RankProvince)+" / "+render.Int(len(ev.Period.Evaluations)))
		w.M("</tr>\n")
	}
}

// CommunityRows writes the table of the communities served: name, county,
// management mode and owners' committee status.
func (v *EnterpriseView) CommunityRows() template.HTML {
	return render.Fragment(v.writeCommunityRows)
}

func (v *EnterpriseView) writeCommunityRows(w *render.Writer) {
	const root = "../../"
	for _, c := range v.E.Communities {
		w.M(`<tr><th scope="row" class="w"><a href="` + root + "communities/")
		w.URLPart(url.PathEscape(c.ID))
		w.M(`/">`)
		w.Text(c.Name)
		w.M("</a></th>")
		county := ""
		if c.County != nil {
			county = c.County.ShortName
		}
		textCell(w, county)
		textCell(w, c.ManagementMode)
		switch {
		case c.Formed:
			textCell(w, c.Committee)
		case c.Eligible:
			w.M("<td>未组建（符合组建条件）</td>")
		default:
			w.M("<td>未组建</td>")
		}
		w.M("</tr>\n")
	}
}

// periodLabel names a release by its year: "2022年度" from its title
// "2022年度全省…公示"; the release id when the title has no 年度.
func periodLabel(p *model.Period) string {
	if i := strings.Index(p.Title, "年度"); i > 0 {
		return p.Title[:i+len("年度")]
	}
	return p.ID
}

// periodLabels joins the labels of releases: "2023年度、2024年度".
func periodLabels(ps []*model.Period) string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, periodLabel(p))
	}
	return strings.Join(out, "、")
}

// laterPeriods returns the releases published after p, oldest first; all
// is the model's list, newest first.
func laterPeriods(all []*model.Period, p *model.Period) []*model.Period {
	var out []*model.Period
	for _, x := range all {
		if x == p {
			break
		}
		out = append([]*model.Period{x}, out...)
	}
	return out
}

// regionPath is the chain from the city down to r (the province left out).
func regionPath(r *model.Region) []*model.Region {
	var out []*model.Region
	for ; r != nil && r.Level != "province"; r = r.Parent {
		out = append([]*model.Region{r}, out...)
	}
	return out
}

// regionCrumbs are the breadcrumbs province → city → county down to r, every one a link.
func regionCrumbs(r *model.Region) []render.Crumb {
	var out []render.Crumb
	for ; r != nil; r = r.Parent {
		out = append([]render.Crumb{{Title: r.Name, URL: regionURL(r.Code)}}, out...)
	}
	return out
}

// placeLD is the schema.org JSON-LD of a company (Organization) or a
// community (Residence). Structs rather than maps: ~27,000 of them live in
// the plan until rendering, and struct fields keep a fixed key order.
type placeLD struct {
	Context    string      `json:"@context"`
	Type       string      `json:"@type"`
	Name       string      `json:"name"`
	URL        string      `json:"url"`
	Identifier *propertyLD `json:"identifier,omitempty"`
	Telephone  string      `json:"telephone,omitempty"`
	Address    *addressLD  `json:"address,omitempty"`
}

type propertyLD struct {
	Type       string `json:"@type"`
	PropertyID string `json:"propertyID"`
	Value      string `json:"value"`
}

type addressLD struct {
	Type            string `json:"@type"`
	AddressCountry  string `json:"addressCountry"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	AddressLocality string `json:"addressLocality,omitempty"`
	StreetAddress   string `json:"streetAddress,omitempty"`
}

// postalAddress is a schema.org PostalAddress for a region and street.
func postalAddress(r *model.Region, street string) *addressLD {
	a := &addressLD{Type: "PostalAddress", AddressCountry: "CN"}
	for x := r; x != nil; x = x.Parent {
		switch x.Level {
		case "province":
			a.AddressRegion = x.Name
		case "city":
			a.AddressLocality = x.Name
		case "county":
			a.StreetAddress = x.Name + street
		}
	}
	return a
}
