package pages

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/sxwuye/portal/generator/chart"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/render"
)

// largeRelease is the number of projects above which a release page shows
// only the province and per-city summaries and leaves the project tables to
// the per-city pages, so no page gets heavy.
const largeRelease = 600

// Site paths of the pages of this issue. Ids and codes are validated as
// ASCII slugs upstream, so they are safe path segments.
func communityURL(id string) string        { return "/communities/" + id + "/" }
func enterpriseURL(id string) string       { return "/enterprises/" + id + "/" }
func regionURL(code string) string         { return "/regions/" + code + "/" }
func periodURL(id string) string           { return "/evaluations/" + id + "/" }
func periodCityURL(id, city string) string { return "/evaluations/" + id + "/" + city + "/" }

// releaseDownloads are a release's files, as the open-data phase reports
// them (with size and hash); before that phase has run (unit tests), the
// paths its naming scheme gives.
func (b *builder) releaseDownloads(period string) []Download {
	if dls := opendata.ReleaseDownloads(b.in.Datasets, period); len(dls) > 0 {
		out := make([]Download, 0, len(dls))
		for _, d := range dls {
			out = append(out, Download{Label: d.Name, Note: d.Note, URL: d.Path, Bytes: d.Bytes, SHA256: d.SHA256})
		}
		return out
	}
	var out []Download
	for _, f := range opendata.Formats {
		if f.Kind == "csv" { // the machines' CSV is published per dataset only
			continue
		}
		out = append(out, Download{Label: f.Name, Note: f.Note, URL: opendata.ReleasePath(period, f)})
	}
	return out
}

// Download is a link to a data file.
type Download struct {
	Label, Note, URL string
	Bytes            int    // 0 when unknown
	SHA256           string // "" when unknown
}

// Size is the file size for people: 12.3 KB, 1.2 MB.
func (d Download) Size() string {
	switch {
	case d.Bytes <= 0:
		return ""
	case d.Bytes < 1024:
		return fmt.Sprintf("%d B", d.Bytes)
	case d.Bytes < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(d.Bytes)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(d.Bytes)/1024/1024)
}

// EvalIndexView is /evaluations/.
type EvalIndexView struct {
	Periods []*model.Period // newest first
	Grades  []config.Grade
}

// GradeRow is one grade of a distribution table.
type GradeRow struct {
	Grade string
	Min   float64 // the grade's threshold
	Count int
	Share float64 // percent of projects
}

// EvalCityRow is a city's line in a release's per-city summary.
type EvalCityRow struct {
	City    *model.Region
	URL     string
	Summary model.EvalSummary
}

// Option is a choice of a filter select.
type Option struct {
	Value, Label string
	City         string // county options: their city code, so picking a city narrows the list
}

// EvalReleaseView is a release page (/evaluations/<period>/) or one city's
// part of it (/evaluations/<period>/<city>/); City is nil on the former.
type EvalReleaseView struct {
	Period     *model.Period
	Basis      *content.Document // the policy requiring the publication (nil when missing)
	NoticeDays int               // length of the 公示期 in days, both ends included
	City       *model.Region     // nil on the province release page
	Summary    model.EvalSummary
	Grades     []GradeRow
	Chart      template.HTML // grade distribution (its numbers are in Grades)
	Cities     []EvalCityRow // per-city summaries (release page only)
	// Rows is the project table; nil on a large release page (see Large).
	// The template writes them with RowsHTML.
	Rows      []*model.Evaluation
	root      string // link prefix from the page to the site root
	Large     bool
	Downloads []Download
	Maxima    config.Maxima
	// Filter choices for the enhanced table.
	CityOptions, CountyOptions, GradeOptions []Option
	// MultiCity: rows span several cities (rows carry data-city, the city filter shows).
	MultiCity bool
}

func (b *builder) evaluations() {
	m := b.m
	cfg := m.Config
	b.add(&render.Page{
		Path: "/evaluations/", Template: "evaluations", Title: "评价结果公示", Section: "/evaluations/",
		Description: "山西省住宅物业服务项目评价结果公示：各期评价的发布日期、项目数量和等级分布。",
		Crumbs:      crumbs("评价结果公示", ""), ColumnName: "评价结果", ColumnType: "公示公告",
		Data: &EvalIndexView{Periods: m.Periods, Grades: cfg.Evaluation.Grades},
	})
	for _, p := range m.Periods {
		basis := m.Policy(p.Basis)
		days := int(math.Round(p.End.Sub(p.Start).Hours()/24)) + 1
		large := len(p.Evaluations) > largeRelease
		v := &EvalReleaseView{
			Period: p, Basis: basis, NoticeDays: days, Summary: p.Summary,
			Grades: gradeRows(cfg, p.Summary), Large: large,
			Downloads: b.releaseDownloads(p.ID), Maxima: cfg.Evaluation.Maxima,
			GradeOptions: gradeOptions(cfg), MultiCity: len(p.Cities) > 1,
		}
		v.Chart = gradeChart("grades-"+p.ID, p.Title+"：等级分布", p.Summary)
		for _, pc := range p.Cities {
			v.Cities = append(v.Cities, EvalCityRow{City: pc.City, URL: periodCityURL(p.ID, pc.City.Code), Summary: pc.Summary})
			v.CityOptions = append(v.CityOptions, Option{Value: pc.City.Code, Label: pc.City.Name})
		}
		if !large {
			v.Rows = p.Evaluations
			v.CountyOptions = countyOptions(p.Evaluations)
		}
		v.root = render.Relative(periodURL(p.ID), "/")
		b.add(&render.Page{
			Path: periodURL(p.ID), Template: "evaluation", Title: p.Title, Section: "/evaluations/",
			Description: "住宅物业服务项目评价结果公示：公示期、异议方式、等级分布和每个项目的得分与排名。",
			Crumbs:      crumbs("评价结果公示", "/evaluations/", p.Title, ""),
			ColumnName:  "评价结果", ColumnType: "公示公告",
			Article: &render.Article{Title: p.Title, PubDate: p.Published, Source: cfg.Publisher.Name},
			Data:    v,
		})
		for _, pc := range p.Cities {
			cv := &EvalReleaseView{
				Period: p, Basis: basis, NoticeDays: days, City: pc.City, Summary: pc.Summary,
				Grades: gradeRows(cfg, pc.Summary), Rows: pc.Evaluations,
				Downloads: v.Downloads, Maxima: v.Maxima, GradeOptions: v.GradeOptions,
				CountyOptions: countyOptions(pc.Evaluations),
			}
			cv.root = render.Relative(periodCityURL(p.ID, pc.City.Code), "/")
			cv.Chart = gradeChart("grades-"+p.ID+"-"+pc.City.Code, pc.City.Name+"：等级分布", pc.Summary)
			title := p.Title + "（" + pc.City.Name + "）"
			b.add(&render.Page{
				Path: periodCityURL(p.ID, pc.City.Code), Template: "evaluation", Title: title, Section: "/evaluations/",
				Description: pc.City.Name + "住宅物业服务项目评价结果：每个项目的得分、等级和排名。",
				Crumbs:      crumbs("评价结果公示", "/evaluations/", p.Title, periodURL(p.ID), pc.City.Name, ""),
				ColumnName:  "评价结果", ColumnType: "公示公告",
				Article: &render.Article{Title: title, PubDate: p.Published, Source: cfg.Publisher.Name},
				Data:    cv,
			})
		}
	}
}

func gradeRows(cfg *config.Config, s model.EvalSummary) []GradeRow {
	rows := make([]GradeRow, 0, len(s.Grades))
	for i, g := range s.Grades {
		r := GradeRow{Grade: g.Grade, Count: g.Count, Share: model.Percent(g.Count, s.Projects)}
		if i < len(cfg.Evaluation.Grades) {
			r.Min = cfg.Evaluation.Grades[i].Min
		}
		rows = append(rows, r)
	}
	return rows
}

func gradeOptions(cfg *config.Config) []Option {
	out := make([]Option, 0, len(cfg.Evaluation.Grades))
	for _, g := range cfg.Evaluation.Grades {
		out = append(out, Option{Value: g.Name, Label: g.Name})
	}
	return out
}

// countyOptions lists the counties of a set of evaluations, by code.
func countyOptions(evs []*model.Evaluation) []Option {
	seen := map[*model.Region]bool{}
	var counties []*model.Region
	for _, ev := range evs {
		if c := ev.Community.County; c != nil && !seen[c] {
			seen[c] = true
			counties = append(counties, c)
		}
	}
	sortRegions(counties)
	out := make([]Option, 0, len(counties))
	for _, c := range counties {
		o := Option{Value: c.Code, Label: c.ShortName}
		if city := c.City(); city != nil {
			o.City = city.Code
		}
		out = append(out, o)
	}
	return out
}

func sortRegions(rs []*model.Region) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Code < rs[j].Code })
}

// gradeChart draws a grade distribution; the page shows the same numbers in a table.
func gradeChart(id, title string, s model.EvalSummary) template.HTML {
	c := chart.Bar{ID: id, Title: title, Unit: "个"}
	for _, g := range s.Grades {
		c.Labels = append(c.Labels, g.Grade)
		c.Values = append(c.Values, float64(g.Count))
	}
	return c.SVG()
}

// RowsHTML writes the project table's rows. A city table has thousands of
// rows at province scale; written here, with every value escaped, they cost
// a fraction of the same markup executed through html/template's reflection.
// Columns: [city rank,] province rank, community, county, company, the three
// sub-scores, total, grade (word and colour class).
func (v *EvalReleaseView) RowsHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(v.Rows) * 420)
	for _, ev := range v.Rows {
		c := ev.Community
		b.WriteString(`<tr data-county="`)
		b.WriteString(html.EscapeString(c.RegionCode))
		b.WriteByte('"')
		if v.MultiCity {
			b.WriteString(` data-city="`)
			if c.City != nil {
				b.WriteString(html.EscapeString(c.City.Code))
			}
			b.WriteByte('"')
		}
		b.WriteByte('>')
		if v.City != nil {
			cell(&b, strconv.Itoa(ev.RankCity))
		}
		cell(&b, strconv.Itoa(ev.RankProvince))
		b.WriteString(`<th scope="row">`)
		link(&b, v.root+"communities/"+url.PathEscape(c.ID)+"/", c.Name)
		b.WriteString(`</th><td>`)
		if c.County != nil {
			b.WriteString(html.EscapeString(c.County.ShortName))
		}
		b.WriteString(`</td><td>`)
		if e := ev.Enterprise; e != nil {
			link(&b, v.root+"enterprises/"+url.PathEscape(e.ID)+"/", e.Name)
		} else {
			b.WriteString("—")
		}
		b.WriteString(`</td>`)
		cell(&b, render.Score(ev.BasicService))
		cell(&b, render.Score(ev.Facilities))
		cell(&b, render.Score(ev.Satisfaction))
		cell(&b, render.Score(ev.Score))
		b.WriteString(`<td class="`)
		b.WriteString(html.EscapeString(render.GradeClass(ev.GradeName)))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(ev.GradeName))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// cell writes a <td> holding escaped text.
func cell(b *strings.Builder, text string) {
	b.WriteString("<td>")
	b.WriteString(html.EscapeString(text))
	b.WriteString("</td>")
}

// link writes <a href="href">text</a>; href is a relative path built from
// validated ids, text is escaped.
func link(b *strings.Builder, href, text string) {
	b.WriteString(`<a href="`)
	b.WriteString(html.EscapeString(href))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(text))
	b.WriteString("</a>")
}
