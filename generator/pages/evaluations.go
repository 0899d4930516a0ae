package pages

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/chart"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/render"
)

// largeRelease is where a release is split into city and county pages (model.LargeRelease).
const largeRelease = model.LargeRelease

// Site paths of the pages of this issue. Ids and codes are validated as
// ASCII slugs upstream, so they are safe path segments.
func communityURL(id string) string        { return "/communities/" + id + "/" }
func enterpriseURL(id string) string       { return "/enterprises/" + id + "/" }
func regionURL(code string) string         { return "/regions/" + code + "/" }
func periodURL(id string) string           { return "/evaluations/" + id + "/" }
func periodCityURL(id, city string) string { return "/evaluations/" + id + "/" + city + "/" }
func periodCountyURL(id, city, county string) string {
	return "/evaluations/" + id + "/" + city + "/" + county + "/"
}

// splitCity reports whether a city's part of a release is listed per county.
func splitCity(pc *model.PeriodCity) bool { return pc.ByCounty() }

// releaseCountyURL is where a county's projects of a release are listed:
// the county's own page when its city is split, else the city page with
// the table filtered to the county.
func releaseCountyURL(p *model.Period, city, county *model.Region) string {
	for _, pc := range p.Cities {
		if pc.City == city && splitCity(pc) {
			return periodCountyURL(p.ID, city.Code, county.Code)
		}
	}
	return periodCityURL(p.ID, city.Code) + "?county=" + url.QueryEscape(county.Code)
}

// releaseDownloads are the files of a release page: the province's
// (city and county "" ), a city's or a split city's county's, as the
// open-data phase reports them (with size and hash); before that phase has
// run (unit tests), the paths its naming scheme gives.
func (b *builder) releaseDownloads(period, city, county string) []Download {
	if r := opendata.FindRelease(b.in.Datasets, period); r != nil {
		dls := r.Downloads
		if code := cmp.Or(county, city); code != "" {
			dls = nil
			for _, pt := range r.Parts {
				if pt.Code == code {
					dls = pt.Downloads
				}
			}
		}
		return downloadsOf(dls)
	}
	var out []Download
	for _, f := range opendata.Formats {
		if f.Kind == "csv" { // the machines' CSV is published per dataset only
			continue
		}
		u := opendata.ReleasePath(period, f)
		if city != "" {
			u = opendata.ReleasePartPath(period, city, county, f)
		}
		out = append(out, Download{Label: f.Name, Note: f.Note, URL: u})
	}
	return out
}

// releaseOriginal is the signed original of a release, nil when there is none.
func (b *builder) releaseOriginal(period string) *Download {
	if r := opendata.FindRelease(b.in.Datasets, period); r != nil && r.Original != nil {
		d := downloadsOf([]opendata.Download{*r.Original})[0]
		return &d
	}
	return nil
}

func downloadsOf(dls []opendata.Download) []Download {
	out := make([]Download, 0, len(dls))
	for _, d := range dls {
		out = append(out, Download{Label: d.Name, Note: d.Note, URL: d.Path, Bytes: d.Bytes, SHA256: d.SHA256})
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
func (d Download) Size() string { return opendata.FileSize(d.Bytes) }

// Notice is a release's 公示 status as of the data version date, never the
// build clock: a page built again later from the same data says the same.
// While the notice is open (or not yet begun) the objection route is the
// page's most prominent block; once it is over the route stays as a record.
type Notice struct {
	State    NoticeState
	Start    time.Time // first day of the 公示期
	End      time.Time // last day, included
	AsOf     time.Time // the data version date the state is judged on
	Receiver string
}

// NoticeState is where a release's 公示期 stands on a day.
type NoticeState int

const (
	NoticeUnknown  NoticeState = iota // no data version date: nothing is claimed
	NoticeUpcoming                    // the 公示期 has not begun
	NoticeOpen                        // 公示中: objections are received
	NoticeClosed                      // 公示已结束
)

// noticeOf judges a release's 公示 on the data version's day (dates are
// whole days: the end day is still open).
func noticeOf(p *model.Period, asOf time.Time) Notice {
	n := Notice{Start: p.Start, End: p.End, AsOf: asOf, Receiver: p.Objection.Receiver}
	if asOf.IsZero() {
		return n
	}
	day := func(t time.Time) string { return t.UTC().Format("2006-01-02") }
	switch d := day(asOf); {
	case d < day(p.Start):
		n.State = NoticeUpcoming
	case d <= day(p.End):
		n.State = NoticeOpen
	default:
		n.State = NoticeClosed
	}
	return n
}

// Open reports whether objections are (or will be) received: the route is
// then shown first and prominently.
func (n Notice) Open() bool { return n.State != NoticeClosed }

// Label is the status in words, shown next to the release's title.
func (n Notice) Label() string {
	switch n.State {
	case NoticeUpcoming:
		return "即将公示"
	case NoticeOpen:
		return "公示中"
	case NoticeClosed:
		return "公示已结束"
	}
	return "公示期"
}

// Sentence says what the status means for a resident, with its dates.
func (n Notice) Sentence() string {
	start, end := render.Date(n.Start), render.Date(n.End)
	switch n.State {
	case NoticeUpcoming:
		return "公示期自 " + start + " 起至 " + end + " 止，期间可对评价结果提出异议。"
	case NoticeOpen:
		return "公示期至 " + end + " 止（含当日），对评价结果有异议的，请在此之前以书面形式实名提出。"
	case NoticeClosed:
		return "公示期 " + start + " 至 " + end + " 已结束。"
	}
	return "公示期 " + start + " 至 " + end + "。"
}

// EvalIndexView is /evaluations/.
type EvalIndexView struct {
	Periods []*model.Period // newest first
	Grades  []config.Grade
	Notices []Notice // Periods' 公示 status, index for index
}

// GradeRow is one grade of a distribution table.
type GradeRow struct {
	Grade string
	Min   float64 // the grade's threshold
	Range string  // the threshold in words: "≥ 90 分", or "低于 60 分" for the lowest grade
	Count int
	Share float64 // percent of projects
}

// EvalPartRow is a city's line in a release's per-city summary, or a
// county's line in a split city's per-county summary.
type EvalPartRow struct {
	Region  *model.Region
	URL     string
	Summary model.EvalSummary
}

// Option is a choice of a filter select.
type Option struct {
	Value, Label string
	City         string // county options: their city code, so picking a city narrows the list
}

// EvalReleaseView is a release page (/evaluations/<period>/), one city's
// part of it (/evaluations/<period>/<city>/) or, when the city's part is
// large, one county's (/evaluations/<period>/<city>/<county>/).
type EvalReleaseView struct {
	Period     *model.Period
	Notice     Notice
	Basis      *content.Document // the policy requiring the publication (nil when missing)
	NoticeDays int               // length of the 公示期 in days, both ends included
	City       *model.Region     // nil on the province release page
	County     *model.Region     // set on a county page only
	Summary    model.EvalSummary
	Grades     []GradeRow
	Chart      template.HTML // grade distribution (its numbers are in Grades)
	// Parts are the per-city summaries (release page) or the per-county
	// summaries (city page of a large city), each linking its page.
	Parts []EvalPartRow
	// PartLevel names the parts: "市" or "区县".
	PartLevel string
	// Rows is the project table; nil when the page is Large (the rows are
	// on the Parts' pages). The template writes them with RowsHTML.
	Rows  []*model.Evaluation
	root  string // link prefix from the page to the site root
	Large bool
	// Downloads are this page's files: the province's on the release
	// page, the city's or county's on theirs; Province the province's
	// (on every page) and Original the signed original (nil when none).
	Downloads, Province []Download
	Original            *Download
	// Citation cites this page (GB/T 7714, issuer and document number);
	// Permalink is its absolute address, RowExample a project id for the
	// row-link hint, RowIndex the rows.json that says which page lists
	// each project.
	Citation, Permalink, RowExample, RowIndex string
	Maxima                                    config.Maxima
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
		Data: b.evalIndex(),
	})
	for _, p := range m.Periods {
		basis := m.Policy(p.Basis)
		days := int(math.Round(p.End.Sub(p.Start).Hours()/24)) + 1
		large := len(p.Evaluations) > largeRelease
		v := &EvalReleaseView{
			Period: p, Notice: noticeOf(p, m.Version.Date), Basis: basis, NoticeDays: days, Summary: p.Summary,
			Grades: gradeRows(cfg, p.Summary), Large: large, PartLevel: "市",
			Downloads: b.releaseDownloads(p.ID, "", ""), Maxima: cfg.Evaluation.Maxima,
			GradeOptions: gradeOptions(cfg), MultiCity: len(p.Cities) > 1,
			Original: b.releaseOriginal(p.ID), RowIndex: periodURL(p.ID) + rowIndexName,
		}
		v.Province = v.Downloads
		b.cite(v, p.Title, periodURL(p.ID), p.Evaluations)
		v.Chart = gradeChart("grades-"+p.ID, p.Title+"：等级分布", p.Summary)
		for _, pc := range p.Cities {
			v.Parts = append(v.Parts, EvalPartRow{Region: pc.City, URL: periodCityURL(p.ID, pc.City.Code), Summary: pc.Summary})
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
			Article: &render.Article{Title: p.Title, PubDate: p.Published, Source: cfg.Publisher.Name, Author: cfg.Publisher.Name, Keywords: []string{"物业服务项目评价", "评价结果公示"}},
			Data:    v,
		})
		for _, pc := range p.Cities {
			b.evaluationCity(v, pc)
		}
	}
}

func (b *builder) evalIndex() *EvalIndexView {
	v := &EvalIndexView{Periods: b.m.Periods, Grades: b.m.Config.Evaluation.Grades}
	for _, p := range b.m.Periods {
		v.Notices = append(v.Notices, noticeOf(p, b.m.Version.Date))
	}
	return v
}

// evaluationCity adds a city's page of a release and, when the city's part
// is large, a page per county.
func (b *builder) evaluationCity(rv *EvalReleaseView, pc *model.PeriodCity) {
	cfg := b.m.Config
	p, city := rv.Period, pc.City
	cityURL := periodCityURL(p.ID, city.Code)
	part := func(s model.EvalSummary) *EvalReleaseView {
		return &EvalReleaseView{
			Period: p, Notice: rv.Notice, Basis: rv.Basis, NoticeDays: rv.NoticeDays, City: city, Summary: s,
			Grades: gradeRows(cfg, s), Province: rv.Province, Original: rv.Original, RowIndex: rv.RowIndex,
			Maxima: rv.Maxima, GradeOptions: rv.GradeOptions,
		}
	}
	cv := part(pc.Summary)
	cv.Downloads = b.releaseDownloads(p.ID, city.Code, "")
	b.cite(cv, p.Title+"（"+city.Name+"）", cityURL, pc.Evaluations)
	cv.Chart = gradeChart("grades-"+p.ID+"-"+city.Code, city.Name+"：等级分布", pc.Summary)
	cv.root = render.Relative(cityURL, "/")
	var counties []*model.Region
	byCounty := map[*model.Region][]*model.Evaluation{}
	if splitCity(pc) {
		cv.Large, cv.PartLevel = true, "区县"
		for _, ev := range pc.Evaluations {
			c := ev.Community.County
			if byCounty[c] == nil {
				counties = append(counties, c)
			}
			byCounty[c] = append(byCounty[c], ev)
		}
		sortRegions(counties)
		for _, c := range counties {
			cv.Parts = append(cv.Parts, EvalPartRow{Region: c, URL: periodCountyURL(p.ID, city.Code, c.Code),
				Summary: summarise(cfg, p, byCounty[c])})
		}
	} else {
		cv.Rows = pc.Evaluations
		cv.CountyOptions = countyOptions(pc.Evaluations)
	}
	title := p.Title + "（" + city.Name + "）"
	b.add(&render.Page{
		Path: cityURL, Template: "evaluation", Title: title, Section: "/evaluations/",
		Description: city.Name + "住宅物业服务项目评价结果：每个项目的得分、等级和排名。",
		Crumbs:      crumbs("评价结果公示", "/evaluations/", p.Title, periodURL(p.ID), city.Name, ""),
		ColumnName:  "评价结果", ColumnType: "公示公告",
		Article: &render.Article{Title: title, PubDate: p.Published, Source: cfg.Publisher.Name, Author: cfg.Publisher.Name, Keywords: []string{"物业服务项目评价", "评价结果公示", city.Name}},
		Data:    cv,
	})
	for _, pr := range cv.Parts {
		c, evs := pr.Region, byCounty[pr.Region]
		// City order is county order: ranks grow with falling scores
		// everywhere; sorting again states it instead of relying on it.
		sortByRank(evs, func(e *model.Evaluation) int { return e.RankCounty })
		kv := part(pr.Summary)
		kv.County, kv.Rows = c, evs
		kv.Downloads = b.releaseDownloads(p.ID, city.Code, c.Code)
		b.cite(kv, p.Title+"（"+city.Name+c.Name+"）", pr.URL, evs)
		kv.Chart = gradeChart("grades-"+p.ID+"-"+c.Code, city.Name+c.Name+"：等级分布", pr.Summary)
		kv.root = render.Relative(pr.URL, "/")
		title := p.Title + "（" + city.Name + c.Name + "）"
		b.add(&render.Page{
			Path: pr.URL, Template: "evaluation", Title: title, Section: "/evaluations/",
			Description: city.Name + c.Name + "住宅物业服务项目评价结果：每个项目的得分、等级和排名。",
			Crumbs: crumbs("评价结果公示", "/evaluations/", p.Title, periodURL(p.ID), city.Name, cityURL,
				c.Name, ""),
			ColumnName: "评价结果", ColumnType: "公示公告",
			Article: &render.Article{Title: title, PubDate: p.Published, Source: cfg.Publisher.Name, Author: cfg.Publisher.Name, Keywords: []string{"物业服务项目评价", "评价结果公示", city.Name, c.Name}},
			Data:    kv,
		})
	}
}

// cite fills the citation block of a release page titled title at site path
// page, whose row links are shown with the first of evs as the example.
func (b *builder) cite(v *EvalReleaseView, title, page string, evs []*model.Evaluation) {
	cfg := b.m.Config
	v.Permalink = cfg.AbsURL(page)
	v.Citation = ReleaseCitation(v.Period, cfg.Publisher.Name, title, v.Permalink)
	if len(evs) > 0 {
		v.RowExample = evs[0].CommunityID
	}
}

// summarise is model's summary of a set of results (projects, average
// rounded to 0.01, grades in config order) for sets the model does not
// keep: a county's part of a release.
func summarise(cfg *config.Config, p *model.Period, evs []*model.Evaluation) model.EvalSummary {
	s := model.EvalSummary{Period: p, Projects: len(evs)}
	index := map[string]int{}
	for i, g := range cfg.Evaluation.Grades {
		s.Grades = append(s.Grades, model.GradeCount{Grade: g.Name})
		index[g.Name] = i
	}
	sum := 0.0
	for _, ev := range evs {
		sum += ev.Score
		if i, ok := index[ev.GradeName]; ok {
			s.Grades[i].Count++
		}
	}
	if len(evs) > 0 {
		s.Average = math.Round(sum/float64(len(evs))*100) / 100
	}
	return s
}

// sortByRank orders results by a rank, then community id.
func sortByRank(evs []*model.Evaluation, rank func(*model.Evaluation) int) {
	sort.SliceStable(evs, func(i, j int) bool {
		if ri, rj := rank(evs[i]), rank(evs[j]); ri != rj {
			return ri < rj
		}
		return evs[i].CommunityID < evs[j].CommunityID
	})
}

func gradeRows(cfg *config.Config, s model.EvalSummary) []GradeRow {
	rows := make([]GradeRow, 0, len(s.Grades))
	for i, g := range s.Grades {
		r := GradeRow{Grade: g.Grade, Count: g.Count, Share: model.Percent(g.Count, s.Projects)}
		if i < len(cfg.Evaluation.Grades) {
			r.Min = cfg.Evaluation.Grades[i].Min
			r.Range = "≥ " + render.Num(r.Min) + " 分"
			if r.Min <= 0 && i > 0 {
				r.Range = "低于 " + render.Num(cfg.Evaluation.Grades[i-1].Min) + " 分"
			}
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

// RowsHTML writes the project table's rows. A table has hundreds of rows
// at province scale; written here, with every value escaped, they cost a
// fraction of the same markup executed through html/template's reflection.
// Columns: the page's own rank (county, city or province), community,
// [county,] total, grade (word and colour class), the three sub-scores,
// company, then the wider ranks ([city rank,] [province rank]): what a
// resident looks for comes first, so a phone shows it on the row's first
// lines (eval.css, in plain text flow) and a screen reader reads it first.
// A county page has no county column and its rows no data-county.
//
// Every row repeats the same markup, so it is kept lean: cells leave out
// their end tags, which HTML makes optional before the next cell and the
// row's end (the parsed table is the same, for browsers and assistive
// technology alike); rows keep theirs so each reads as one line.
func (v *EvalReleaseView) RowsHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(v.Rows) * 320)
	for _, ev := range v.Rows {
		c := ev.Community
		// The row's id is the community id: …/#C000224 links one
		// project's result (rowlink.js marks it and finds it on split pages).
		b.WriteString(`<tr id="`)
		b.WriteString(html.EscapeString(c.ID))
		b.WriteString(`" tabindex="-1"`)
		if v.County == nil {
			b.WriteString(` data-county="`)
			b.WriteString(html.EscapeString(c.RegionCode))
			b.WriteByte('"')
		}
		if v.MultiCity {
			b.WriteString(` data-city="`)
			if c.City != nil {
				b.WriteString(html.EscapeString(c.City.Code))
			}
			b.WriteByte('"')
		}
		b.WriteByte('>')
		// The page's own rank first, the wider ones after the company.
		// It links the row itself, to copy or share.
		rank := ev.RankProvince
		switch {
		case v.County != nil:
			rank = ev.RankCounty
		case v.City != nil:
			rank = ev.RankCity
		}
		b.WriteString(`<td><a class="row-link" href="#`)
		b.WriteString(html.EscapeString(url.PathEscape(c.ID)))
		b.WriteString(`" title="本项目结果的链接">`)
		b.WriteString(strconv.Itoa(rank))
		b.WriteString(`</a>`)
		b.WriteString(`<th scope="row">`)
		link(&b, v.root+"communities/"+url.PathEscape(c.ID)+"/", c.Name)
		if v.County == nil {
			b.WriteString(`<td>`)
			if c.County != nil {
				b.WriteString(html.EscapeString(c.County.ShortName))
			}
		}
		openCell(&b, render.Score(ev.Score))
		b.WriteString(`<td class="`)
		b.WriteString(html.EscapeString(render.GradeClass(ev.GradeName)))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(ev.GradeName))
		openCell(&b, render.Score(ev.BasicService))
		openCell(&b, render.Score(ev.Facilities))
		openCell(&b, render.Score(ev.Satisfaction))
		b.WriteString(`<td>`)
		if e := ev.Enterprise; e != nil {
			link(&b, v.root+"enterprises/"+url.PathEscape(e.ID)+"/", e.Name)
		} else {
			b.WriteString("—")
		}
		if v.County != nil {
			openCell(&b, strconv.Itoa(ev.RankCity))
		}
		if v.City != nil {
			openCell(&b, strconv.Itoa(ev.RankProvince))
		}
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}

// TableKind names the release table's shape for eval.css, which labels
// cells by their position: rel-province (province rank only), rel-city
// (city rank first, province rank last) or rel-county (county rank first,
// city and province ranks last; no county column).
func (v *EvalReleaseView) TableKind() string {
	switch {
	case v.County != nil:
		return "rel-county"
	case v.City != nil:
		return "rel-city"
	}
	return "rel-province"
}

// openCell writes a <td> holding escaped text and no end tag (release rows:
// the next cell or the row's end closes it).
func openCell(b *strings.Builder, text string) {
	b.WriteString("<td>")
	b.WriteString(html.EscapeString(text))
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
