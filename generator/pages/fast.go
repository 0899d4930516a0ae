package pages

import (
	"math"

	"github.com/sxwuye/portal/generator/render"
)

// Go writers of the two page kinds that make up nine tenths of a province
// build (see render.FastPage): each mirrors, line by line, the template file
// named in its comment, and is used only while templates/ holds exactly the
// files whose hash it records. After editing one of those templates (or the
// layout or a partial), either update the writer to match or leave it: the
// page then renders through the edited template, only slower.
// TestFastPagesMatchTemplates tells which applies and the new hash.

// Sources hashes of the shipped templates the writers mirror.
const (
	communitySources  = "4345879b75c531422ed220843da8a2db5df4fc8f62473ff10caf3ae1526d5f7e"
	enterpriseSources = "de7f9f1f151e6c8a8d004c07be555f5e9266c2ec9e9f321b0b86ff8c96f7f234"
)

// FastPages lists the page writers for the renderer to use (render.UseFast).
func FastPages() []render.FastPage {
	return []render.FastPage{
		{Template: "community", Sources: communitySources, Head: evalCSSHead, Main: writeCommunity},
		{Template: "enterprise", Sources: enterpriseSources, Head: evalCSSHead, Main: writeEnterprise},
	}
}

// evalCSSHead is the "head" block of community.html and enterprise.html.
func evalCSSHead(w *render.Writer, c *render.Ctx) {
	w.M(`<link rel="stylesheet" href="`)
	w.URL(c.Asset("eval.css"))
	w.M(`">`)
}

// writeCommunity is the "main" block of templates/pages/community.html.
func writeCommunity(w *render.Writer, c *render.Ctx) error {
	v := c.Data.(*CommunityView)
	cm := v.C
	root := c.Rel("/")
	evals := v.Evals()
	w.M("\n<h1>")
	w.Text(cm.Name)
	w.M("</h1>\n<p class=\"meta\">")
	if cm.County != nil {
		w.Text(cm.County.FullName)
	}
	if cm.Street != "" {
		w.M(" · ")
		w.Text(cm.Street)
	}
	if cm.Neighborhood != "" {
		w.M(" · ")
		w.Text(cm.Neighborhood)
	}
	w.M("</p>\n\n<section aria-labelledby=\"base-title\">\n  <h2 id=\"base-title\">基本情况</h2>\n  <dl class=\"facts\">\n    <dt>所在地区</dt><dd>")
	for i, r := range v.Regions {
		if i > 0 {
			w.M(" › ")
		}
		w.M(`<a href="`)
		w.URL(root)
		w.M("regions/")
		w.URLPart(r.Code)
		w.M(`/">`)
		w.Text(r.Name)
		w.M("</a>")
	}
	if len(v.Regions) == 0 {
		w.M("未填报")
	}
	w.M("</dd>\n    <dt>街道（乡镇）</dt><dd>")
	textOr(w, cm.Street, "未填报")
	w.M("</dd>\n    <dt>所属社区</dt><dd>")
	textOr(w, cm.Neighborhood, "未填报")
	w.M("</dd>\n    <dt>住宅户数</dt><dd>")
	w.Int(cm.Households)
	w.M(" 户</dd>\n    <dt>入住率</dt><dd>")
	w.Text(render.Pct(cm.OccupancyRate))
	w.M("</dd>")
	if cm.BuiltYear.Valid {
		w.M("\n    <dt>建成年份</dt><dd>")
		w.Itoa(cm.BuiltYear.V)
		w.M(" 年</dd>")
	}
	w.M("\n    <dt>管理方式</dt><dd><strong>")
	w.Text(cm.ManagementMode)
	w.M("</strong>：")
	w.Text(v.ModeText)
	w.M("</dd>\n    <dt>物业服务企业</dt><dd>")
	if e := cm.Enterprise; e != nil {
		w.M(`<a href="`)
		w.URL(root)
		w.M("enterprises/")
		w.URLPart(e.ID)
		w.M(`/">`)
		w.Text(e.Name)
		w.M("</a>")
		if e.Withdrawn {
			w.M(` <span class="status-out">（已清退）</span>`)
		}
		if e.ServicePhone != "" {
			w.M(`<br>服务电话：<a href="tel:`)
			w.URLPart(e.ServicePhone)
			w.M(`">`)
			w.Text(e.ServicePhone)
			w.M("</a>")
		}
	} else {
		w.M("无（")
		w.Text(cm.ManagementMode)
		w.M("）")
	}
	w.M("</dd>\n  </dl>\n</section>\n\n<section aria-labelledby=\"ev-title\">\n  <h2 id=\"ev-title\">评价结果</h2>")
	if len(evals) > 0 {
		e := evals[0]
		w.M("\n  <p>最近一次参评（<a href=\"")
		w.URL(root)
		w.M("evaluations/")
		w.URLPart(e.PeriodID)
		w.M(`/">`)
		w.Text(e.PeriodLabel)
		w.M("</a>）")
		if skipped := v.Skipped(); skipped != "" {
			w.M("；<strong>")
			w.Text(skipped)
			w.M("未参评</strong>。")
			w.Text(e.PeriodLabel)
		} else {
			w.M("：")
		}
		w.M("总分 <strong>")
		w.Text(e.Total)
		w.M("</strong> 分，等级 <span class=\"")
		w.Text(e.GradeClass)
		w.M(`">`)
		w.Text(e.Grade)
		w.M("</span>，全省第 ")
		w.Int(e.RankProvince)
		w.M(" 名（共 ")
		w.Int(e.OfProvince)
		w.M(" 个项目）")
		if e.OfCity != 0 {
			w.M("，全市第 ")
			w.Int(e.RankCity)
			w.M(" 名（共 ")
			w.Int(e.OfCity)
			w.M(" 个）")
		}
		w.M("，区县第 ")
		w.Int(e.RankCounty)
		w.M(" 名（共 ")
		w.Int(e.OfCounty)
		w.M(" 个）。")
		if e.Trend != "" {
			w.M("与上一期相比")
			if e.Trend == "持平" {
				w.M("持平")
			} else {
				if e.Trend == "上升" {
					w.M(`<span class="trend-up">`)
				} else {
					w.M(`<span class="trend-down">`)
				}
				w.Text(e.Trend)
				w.M(" ")
				w.Text(e.Change)
				w.M(" 分</span>")
			}
			w.M("。")
		}
		w.M("</p>\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"ev-cap\">\n  <table class=\"eval-table\">\n    <caption id=\"ev-cap\">历次评价（最新在前）</caption>\n    <thead><tr><th scope=\"col\">期次</th><th scope=\"col\" class=\"num\">基础管理服务</th><th scope=\"col\" class=\"num\">共有设施设备管理</th><th scope=\"col\" class=\"num\">群众满意度</th><th scope=\"col\" class=\"num\">总分</th><th scope=\"col\">等级</th><th scope=\"col\" class=\"num\">全省排名</th><th scope=\"col\" class=\"num\">全市排名</th><th scope=\"col\" class=\"num\">区县排名</th><th scope=\"col\">较上期</th><th scope=\"col\">评价时的企业</th></tr></thead>\n    <tbody>\n")
		writeCommunityEvalRows(w, evals)
		w.M("    </tbody>\n  </table>\n  </div>")
	} else {
		w.M("\n  <p>本小区暂无评价结果。")
		if cm.ManagementMode != "物业服务企业" {
			w.M("评价针对物业服务企业服务的住宅小区。")
		}
		w.M("</p>")
	}
	w.M("\n</section>\n\n<section aria-labelledby=\"cm-title\">\n  <h2 id=\"cm-title\">业主组织（业委会或物管会）</h2>\n  <dl class=\"facts\">\n    <dt>组建情况</dt><dd>")
	switch {
	case cm.Formed:
		w.M("<strong>已组建")
		w.Text(cm.Committee)
		w.M("</strong>")
	case cm.Eligible:
		w.M("<strong>未组建</strong>：入住率已达 50%，应当组建")
	default:
		w.M("<strong>未组建</strong>：入住率未达 50%，暂不要求组建")
	}
	w.M("</dd>")
	if cm.Formed {
		w.M("\n    <dt>成立日期</dt><dd>")
		if !cm.CommitteeDate.IsZero() {
			d := render.Date(cm.CommitteeDate.Time)
			w.M(`<time datetime="`)
			w.Text(d)
			w.M(`">`)
			w.Text(d)
			w.M("</time>")
		} else {
			w.M("未填报")
		}
		w.M("</dd>\n    <dt>成员人数</dt><dd>")
		if cm.CommitteeMembers.Valid {
			w.Itoa(cm.CommitteeMembers.V)
			w.M(" 人")
		} else {
			w.M("未填报")
		}
		w.M("</dd>\n    <dt>党员比例</dt><dd>")
		if math.IsNaN(cm.PartyRatio) {
			w.M("未填报")
		} else {
			w.M("党员 ")
			w.Itoa(cm.CommitteePartyMembers.V)
			w.M(" 人，占 ")
			w.Text(render.Pct(cm.PartyRatio))
			w.M("，")
			if v.PartyRuleMet {
				w.M("达到")
			} else {
				w.M("<strong>未达到</strong>")
			}
			w.M("“原则上不少于 ")
			w.Text(render.Num(v.PartyRule))
			w.M("%”的要求")
		}
		w.M("</dd>\n    <dt>主任是否党员</dt><dd>")
		switch {
		case !cm.ChairIsPartyMember.Valid:
			w.M("未填报")
		case cm.ChairIsPartyMember.V:
			w.M("是")
		default:
			w.M("否（文件要求主任一般应由党员担任）")
		}
		w.M("</dd>")
	}
	w.M("\n  </dl>\n</section>\n\n<section aria-labelledby=\"room-title\">\n  <h2 id=\"room-title\">物业服务用房</h2>\n  <p><strong")
	if cm.ServiceRoom == "不达标" {
		w.M(` class="status-out"`)
	}
	w.M(">")
	w.Text(cm.ServiceRoom)
	w.M("</strong>：")
	if cm.ServiceRoom == "未填报" {
		w.M("未填报")
		if !cm.FloorArea.Valid {
			w.M("小区总建筑面积")
		} else {
			w.M("物业服务用房面积")
		}
		w.M("，无法判断是否达标。")
	} else {
		w.M("小区总建筑面积 ")
		w.Text(v.FloorArea)
		w.M(" m²，应配物业服务用房不少于 ")
		w.Text(v.RoomRequired)
		w.M(" m²，实有 ")
		w.Text(v.RoomArea)
		w.M(" m²。")
	}
	w.M("</p>\n  <p class=\"meta\">规定：物业服务用房不低于物业总建筑面积的 2%，且不少于 50 m²，即应配面积 = max(2% × 总建筑面积, 50 m²)。</p>\n</section>\n\n<section aria-labelledby=\"smart-title\">\n  <h2 id=\"smart-title\">智慧物业平台</h2>\n  <p>")
	switch {
	case !cm.SmartPlatform.Valid:
		w.M("未填报。")
	case cm.SmartPlatform.V:
		w.M("已接入智慧物业管理服务平台。")
	default:
		w.M("尚未接入智慧物业管理服务平台。")
	}
	w.M("</p>\n</section>\n\n")
	return writeFixed(w, c, "partials/glossary-community.html")
}

// writeFixed writes a template that shows no data, rendered once.
func writeFixed(w *render.Writer, c *render.Ctx, name string) error {
	h, err := c.Fixed(name)
	w.HTML(h)
	return err
}

// textOr writes s, or the constant alt when s is empty ({{with}}…{{else}}).
func textOr(w *render.Writer, s string, alt string) {
	if s == "" {
		w.Text(alt)
		return
	}
	w.Text(s)
}

// writeEnterprise is the "main" block of templates/pages/enterprise.html.
func writeEnterprise(w *render.Writer, c *render.Ctx) error {
	v := c.Data.(*EnterpriseView)
	e := v.E
	root := c.Rel("/")
	w.M("\n<h1>")
	w.Text(e.Name)
	w.M("</h1>")
	if e.Withdrawn {
		w.M("\n<div class=\"notice-box\" role=\"note\">\n  <p><strong class=\"status-out\">已清退</strong>：该企业已因服务质量差等原因被清理退出物业服务市场，不得再服务小区。本页保留其历史信息和评价结果，仅供查询。</p>\n</div>")
	}
	w.M("\n<dl class=\"facts\">\n  <dt>统一社会信用代码</dt><dd class=\"tnum\">")
	textOr(w, e.CreditCode, "未填报")
	w.M("</dd>\n  <dt>注册地</dt><dd>")
	for i, r := range v.Regions {
		if i > 0 {
			w.M(" › ")
		}
		w.M(`<a href="`)
		w.URL(c.Rel("/regions/" + r.Code + "/"))
		w.M(`">`)
		w.Text(r.Name)
		w.M("</a>")
	}
	if len(v.Regions) == 0 {
		w.M("未填报")
	}
	w.M("</dd>\n  <dt>状态</dt><dd>")
	if e.Withdrawn {
		w.M(`<span class="status-out">已清退</span>`)
	} else {
		textOr(w, e.Status, "正常")
		w.M("经营")
	}
	w.M("</dd>\n  <dt>党建覆盖</dt><dd>")
	if e.Covered {
		w.M("已覆盖（")
		w.Text(e.PartyOrg)
		if !e.PartyOrgDate.IsZero() {
			d := render.Date(e.PartyOrgDate.Time)
			w.M(`，<time datetime="`)
			w.Text(d)
			w.M(`">`)
			w.Text(d)
			w.M("</time> 起")
		}
		w.M("）")
	} else {
		w.M("未覆盖")
	}
	w.M("</dd>\n  <dt>服务电话</dt><dd>")
	if e.ServicePhone != "" {
		w.M(`<a href="tel:`)
		w.URLPart(e.ServicePhone)
		w.M(`">`)
		w.Text(e.ServicePhone)
		w.M("</a>")
	} else {
		w.M("未填报")
	}
	w.M("</dd>\n  <dt>服务的小区</dt><dd>")
	w.Int(len(e.Communities))
	w.M(" 个")
	if len(e.Communities) > 0 {
		w.M("，其中 ")
		w.Int(v.ServedFormed)
		w.M(" 个已组建业主组织")
	}
	w.M("</dd>\n</dl>\n\n<section aria-labelledby=\"ev-title\">\n  <h2 id=\"ev-title\">评价结果</h2>")
	if v.Evaluated != 0 {
		if l := v.Latest; l != nil {
			w.M("\n  <p>最近一次参评（<a href=\"")
			w.URL(c.Rel("/evaluations/" + l.Period.ID + "/"))
			w.M(`">`)
			w.Text(v.LatestLabel)
			w.M("</a>）")
			if v.Skipped != "" {
				w.M("；<strong>")
				w.Text(v.Skipped)
				w.M("未参评</strong>。")
				w.Text(v.LatestLabel)
			} else {
				w.M("：")
			}
			w.M("参评项目 ")
			w.Int(l.Projects)
			w.M(" 个，平均得分 <strong>")
			w.Text(render.Score(l.Average))
			w.M("</strong> 分，\n  在全省 ")
			w.Int(l.OfProvince)
			w.M(" 家参评企业中排第 <strong>")
			w.Int(l.RankProvince)
			w.M("</strong> 名")
			if len(v.Regions) > 0 {
				w.M("，在")
				w.Text(v.Regions[0].Name)
				w.M(" ")
				w.Int(l.OfCity)
				w.M(" 家参评企业中排第 <strong>")
				w.Int(l.RankCity)
				w.M("</strong> 名")
			}
			w.M("。</p>")
		}
		w.M("\n  <p>历次评价共 ")
		w.Int(v.Evaluated)
		w.M(" 个项目次：平均 ")
		w.Text(render.Score(v.Average))
		w.M(" 分，最高 ")
		w.Text(render.Score(v.Best))
		w.M(" 分，最低 ")
		w.Text(render.Score(v.Worst))
		w.M(" 分。</p>\n  <figure class=\"chart\">")
		w.HTML(v.Chart)
		w.M("<figcaption class=\"visually-hidden\">各期平均分，数据见下表。</figcaption></figure>\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"hist-cap\">\n  <table>\n    <caption id=\"hist-cap\">各期评价汇总（企业排名按其全部项目的平均分）</caption>\n    <thead><tr><th scope=\"col\">期次</th><th scope=\"col\" class=\"num\">项目数</th><th scope=\"col\" class=\"num\">平均分</th><th scope=\"col\" class=\"num\">最高</th><th scope=\"col\" class=\"num\">最低</th><th scope=\"col\" class=\"num\">全省排名</th><th scope=\"col\" class=\"num\">全市排名</th></tr></thead>\n    <tbody>")
		for _, h := range v.History {
			w.M("\n      <tr><th scope=\"row\"><a href=\"")
			w.URL(root)
			w.M("evaluations/")
			w.URLPart(h.Period.ID)
			w.M(`/">`)
			w.Text(h.Period.ID)
			w.M("</a></th><td class=\"num\">")
			w.Int(h.Projects)
			w.M("</td><td class=\"num\">")
			w.Text(render.Score(h.Average))
			w.M("</td><td class=\"num\">")
			w.Text(render.Score(h.Best))
			w.M("</td><td class=\"num\">")
			w.Text(render.Score(h.Low))
			w.M("</td><td class=\"num\">")
			w.Int(h.RankProvince)
			w.M(" / ")
			w.Int(h.OfProvince)
			w.M("</td><td class=\"num\">")
			w.Int(h.RankCity)
			w.M(" / ")
			w.Int(h.OfCity)
			w.M("</td></tr>")
		}
		w.M("\n    </tbody>\n  </table>\n  </div>\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"all-cap\">\n  <table class=\"eval-table\">\n    <caption id=\"all-cap\">每个项目的评价结果（最新在前）</caption>\n    <thead><tr><th scope=\"col\">期次</th><th scope=\"col\">小区</th><th scope=\"col\" class=\"num\">基础管理服务</th><th scope=\"col\" class=\"num\">共有设施设备管理</th><th scope=\"col\" class=\"num\">群众满意度</th><th scope=\"col\" class=\"num\">总分</th><th scope=\"col\">等级</th><th scope=\"col\" class=\"num\">全省排名</th></tr></thead>\n    <tbody>\n")
		v.writeEvalRows(w)
		w.M("    </tbody>\n  </table>\n  </div>")
	} else {
		w.M("\n  <p>该企业暂无评价结果。</p>")
	}
	w.M("\n</section>\n\n<section aria-labelledby=\"cm-title\">\n  <h2 id=\"cm-title\">服务的小区</h2>")
	if len(e.Communities) > 0 {
		w.M("\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"cm-cap\">\n  <table>\n    <caption id=\"cm-cap\">由本企业提供物业服务的小区（")
		w.Itoa(len(e.Communities))
		w.M(" 个）</caption>\n    <thead><tr><th scope=\"col\">小区</th><th scope=\"col\">区县</th><th scope=\"col\">管理方式</th><th scope=\"col\">业主组织</th></tr></thead>\n    <tbody>\n")
		v.writeCommunityRows(w)
		w.M("    </tbody>\n  </table>\n  </div>")
	} else {
		w.M("\n  <p>目前没有登记由本企业服务的小区。</p>")
	}
	w.M("\n</section>\n\n")
	return writeFixed(w, c, "partials/glossary-enterprise.html")
}
