package pages

import (
	"time"

	"github.com/sxwuye/portal/generator/content"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// GoalCard is one of the notice's three goals on the home page.
type GoalCard struct {
	Title      string // e.g. 物管会（业委会）组建率
	Fig        Fig    // the figure, e.g. "72.3%", marked with its indicator
	Source     string // where and as of when: "各市报送，截至 2022-12-18"
	Detail     string // what it counts, e.g. "已组建 12,345 个 / 应组建 17,000 个"
	Target     string // e.g. "目标：2022-12-31 前达到 100%"
	Status     string // "on-track", "behind" or "met": a CSS class
	StatusText string // the same in words: 已达标 / 进度正常 / 落后于目标
	URL        string // details
}

// HomeView is the home page.
type HomeView struct {
	Goals                    []GoalCard
	GoalsDate                time.Time // the report date the goal figures come from
	Latest                   *model.Period
	EvalAverage              *Fig // the latest release's average, as on the province page
	Cases                    []*content.Document
	News                     []*content.Document
	Policies                 []*content.Document
	Cities                   []*model.Region
	Province                 *model.Region
	Communities, Enterprises int
}

func firstN(docs []*content.Document, n int) []*content.Document {
	if len(docs) > n {
		return docs[:n]
	}
	return docs
}

func (b *builder) home() {
	m := b.m
	v := &HomeView{
		Cases: firstN(m.Cases, 5), News: firstN(m.News, 5), Policies: firstN(m.Policies, 5),
		Cities: m.Cities(), Province: m.Province, Communities: len(m.Communities), Enterprises: len(m.Enterprises),
	}
	if len(m.Periods) > 0 && m.Province != nil {
		v.Latest = m.Periods[0]
		f := scoreFig(model.IndEvalAverage, m.Province.Code, v.Latest.Published, v.Latest.Summary.Average)
		v.EvalAverage = &f
	}
	v.Goals, v.GoalsDate = b.goalCards()
	cfg := m.Config
	org := map[string]any{
		"@context": "https://schema.org",
		"@type":    "GovernmentOrganization",
		"name":     cfg.Publisher.Name,
		"url":      cfg.AbsURL("/"),
	}
	if cfg.Publisher.Phone != "" {
		org["telephone"] = cfg.Publisher.Phone
	}
	if cfg.Publisher.Address != "" {
		org["address"] = cfg.Publisher.Address
	}
	site := map[string]any{
		"@context":   "https://schema.org",
		"@type":      "WebSite",
		"name":       cfg.Title,
		"url":        cfg.AbsURL("/"),
		"inLanguage": "zh-CN",
		"publisher":  map[string]any{"@type": "GovernmentOrganization", "name": cfg.Publisher.Name},
		"potentialAction": map[string]any{
			"@type":       "SearchAction",
			"target":      cfg.AbsURL("/search/") + "?q={search_term_string}",
			"query-input": "required name=search_term_string",
		},
	}
	b.add(&render.Page{
		Path: "/", Template: "home", Section: "/", ColumnName: "首页", ColumnType: "首页",
		JSONLD: []any{org, site}, Data: v,
	})
}
