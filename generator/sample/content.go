package sample

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Case categories of the data contract (the notice's tasks).
var caseCategories = []string{"业主组织组建", "党建引领", "打包整合老旧小区", "市场化运作", "托底管理", "权限下放", "物业服务用房", "智慧物业", "企业评价"}

// caseText is what a case of a category tells: a title pattern (%s is the
// community), what was done, and what came of it.
var caseText = map[string]struct{ title, did, result string }{
	"业主组织组建":   {"%s依法组建业主委员会", "街道党工委成立工作组提前介入，逐户走访摸清业主意愿，推荐党员业主参选，依法召开首次业主大会选举产生业主委员会", "业委会成员中党员占比过半，主任由党员担任，小区公共收益实现按季度公示"},
	"党建引领":     {"%s以党建联建推动物业服务提升", "社区党组织牵头，物业服务企业党员负责人担任社区兼职委员，建立社区、物管会、企业三方联席会议制度", "群众反映的问题实现“小事不出小区”，年度满意度明显提高"},
	"打包整合老旧小区": {"%s等老旧小区打包引入物业服务", "将相邻的多个无物业老旧小区捆绑打包，统一招引物业服务企业接管，共享维修、保洁和秩序维护人员", "无物业服务的老旧小区实现物业服务全覆盖，单位服务成本有所下降"},
	"市场化运作":    {"%s盘活公共资源反哺物业服务", "在业主大会同意后，将闲置公共用房和停车位用于经营，收益专户管理，定期公示", "公共收益用于补充物业服务费，物业服务企业承接老旧小区的积极性提高"},
	"托底管理":     {"%s实行社区托底管理", "对暂不具备市场化条件的小区，由社区组织公益性岗位提供基本保洁和秩序维护，财政给予过渡期补贴", "小区基本服务有人管、有钱办，逐步向市场化物业服务过渡"},
	"权限下放":     {"%s所在街道承接物业管理事项", "区县将物管会备案、服务质量评价等事项下放至街道，街道明确专人负责，建立事项清单", "办理时限明显缩短，业主办事不出街道"},
	"物业服务用房":   {"%s通过改建补齐物业服务用房", "对没有物业服务用房的小区，利用闲置房屋改建或与相邻小区共用，按规定面积配置到位", "物业服务用房面积达到总建筑面积 2% 且不低于 50 平方米的要求"},
	"智慧物业":     {"%s接入智慧物业管理服务平台", "小区接入智慧物业平台，实现线上报修、费用缴纳、问题投诉和业主表决", "报修平均响应时间缩短，线上表决参与率提高"},
	"企业评价":     {"%s物业服务项目评价结果公开", "按照基础管理服务、共有设施设备管理、群众满意度三项量化打分，并在小区公示评价结果", "评价结果作为企业信用管理依据，服务质量差且拒不整改的企业被清理退出"},
}

// caseMode is the management mode a case of a category is best told about.
var caseMode = map[string]int{"打包整合老旧小区": modeEnterprise, "市场化运作": modeEnterprise, "托底管理": modeCommunity, "企业评价": modeEnterprise, "智慧物业": modeEnterprise}

// policyTopics are the themes generated policies deal with.
var policyTopics = []struct{ title, keyword string }{
	{"加强物业服务用房配置管理", "物业服务用房"}, {"推进物管会和业委会组建", "业主组织"}, {"加强物业服务企业党建工作", "物业党建"},
	{"开展无物业小区清零行动", "无物业小区"}, {"推进老旧小区物业服务打包整合", "老旧小区"}, {"推进智慧物业管理服务平台建设", "智慧物业"},
	{"开展住宅物业服务项目评价", "物业服务评价"}, {"规范住宅专项维修资金使用", "维修资金"}, {"下放物业管理权限", "权限下放"},
	{"做好物业服务托底管理", "托底管理"},
}

// yq quotes a YAML scalar (Go's quoting is a subset of YAML's double-quoted style).
func yq(s string) string { return strconv.Quote(s) }

func yList(xs ...string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = yq(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func writeFile(path, body string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(body), 0o644)
}

const fictionNote = "> 本文为示例数据生成器生成的虚构内容，仅用于演示和测试，所涉单位、小区、人员和数字均不真实。\n\n"

// writeCases writes n fictional cases into content/cases/, dated in order.
func writeCases(dir string, n int, g *geography, L *ledger, seed int64) error {
	r := newRNG(seed, "cases")
	byCounty := map[string][]*community{}
	for _, c := range L.communities {
		byCounty[c.county.code] = append(byCounty[c.county.code], c)
	}
	kw := make([]float64, len(g.counties))
	for i, k := range g.counties {
		kw[i] = float64(len(byCounty[k.code]))
		if k.pilot {
			kw[i] *= 3
		}
	}
	start, span := day(2022, 7, 20), 345.0
	for i := 0; i < n; i++ {
		cat := caseCategories[r.intn(len(caseCategories))]
		k := g.counties[r.weighted(kw)]
		cs := byCounty[k.code]
		if len(cs) == 0 {
			cs = L.communities
		}
		c := pick(r, cs)
		if want, ok := caseMode[cat]; ok {
			for try := 0; try < 12 && c.mode != want; try++ {
				c = pick(r, cs)
			}
		}
		k = c.county
		on := start.AddDate(0, 0, int(float64(i)*span/float64(n))+r.intn(3))
		id := fmt.Sprintf("S%d-%04d", on.Year(), i+1)
		region := k.code
		if r.chance(0.15) {
			region = k.city.code
		}
		t := caseText[cat]
		title := fmt.Sprintf(t.title, k.fullName()+strings.TrimPrefix(c.name, Prefix)) + "（示例）"
		summary := fmt.Sprintf("%s%s%s，%s。", k.fullName(), c.street, strings.TrimPrefix(c.name, Prefix), t.result)
		var b strings.Builder
		b.WriteString("---\n")
		fmt.Fprintf(&b, "id: %s\ntitle: %s\ndate: %s\nregion_code: %s\ncategory: %s\n", yq(id), yq(title), fmtDate(on), yq(region), yq(cat))
		fmt.Fprintf(&b, "source: %s\nsummary: %s\n", yq(Prefix+k.city.name+"社区物业管理能力提升工作专班"), yq(summary))
		fmt.Fprintf(&b, "tags: %s\naliases: []\nsample: true\n---\n\n", yList(cat, k.city.name, "示例"))
		b.WriteString(fictionNote)
		fmt.Fprintf(&b, "## 基本情况\n\n%s位于%s%s，共有住宅 %d 户，入住率 %s%%，目前的管理方式为%s。\n\n",
			c.name, k.fullName(), c.street, c.households, fromTenths(c.occupancy10), modeNames[c.mode])
		fmt.Fprintf(&b, "## 主要做法\n\n%s。\n\n", t.did)
		fmt.Fprintf(&b, "## 取得成效\n\n%s。\n", t.result)
		if err := writeFile(filepath.Join(dir, "content", "cases", id+".md"), b.String()); err != nil {
			return err
		}
	}
	return nil
}

// writePolicies writes n fictional policy documents into content/policies/,
// issued in order, some revised (pointing to a later one) or repealed.
func writePolicies(dir string, n int, g *geography, seed int64) error {
	r := newRNG(seed, "policies")
	slug := func(i int) string { return fmt.Sprintf("sample-policy-%04d", i+1) }
	start, span := day(2019, 1, 10), 1620.0
	for i := 0; i < n; i++ {
		topic := policyTopics[r.intn(len(policyTopics))]
		issued := start.AddDate(0, 0, int(float64(i)*span/float64(n))+r.intn(5))
		published := issued.AddDate(0, 0, r.between(1, 10))
		level := []string{"国家", "省级", "市级", "区县"}[r.weighted([]float64{5, 20, 45, 30})]
		k := pick(r, g.counties)
		issuer, region, place := "", "", ""
		switch level {
		case "国家":
			issuer, place = Prefix+"国家物业管理主管部门", "全国"
		case "省级":
			issuer, place = Prefix+"山西省住房和城乡建设厅", "全省"
		case "市级":
			issuer, region, place = Prefix+k.city.name+"住房和城乡建设局", k.city.code, "全市"
		default:
			issuer, region, place = Prefix+k.fullName()+"住房和城乡建设局", k.code, "全县"
			if n := []rune(k.name); n[len(n)-1] == '区' || n[len(n)-1] == '市' {
				place = "全" + string(n[len(n)-1])
			}
		}
		status, replacedBy := "现行有效", ""
		switch x := r.float(); {
		case x < 0.1 && i < n-1:
			status, replacedBy = "已修订", slug(r.between(i+1, min(i+5, n-1)))
		case x < 0.18:
			status = "已废止"
		}
		title := Prefix + strings.TrimPrefix(issuer, Prefix) + "关于" + topic.title + "的通知"
		var b strings.Builder
		b.WriteString("---\n")
		fmt.Fprintf(&b, "title: %s\nissuer: %s\ndoc_number: %s\nindex_no: %s\n", yq(title), yq(issuer),
			yq(fmt.Sprintf("示例建字〔%d〕%d号", issued.Year(), i+1)), yq(fmt.Sprintf("SL-%d-%05d", issued.Year(), i+1)))
		fmt.Fprintf(&b, "topic: %s\nkeywords: %s\nissued: %s\npublished: %s\nstatus: %s\n", yq("城乡建设/物业管理"),
			yList("物业管理", topic.keyword, "示例"), fmtDate(issued), fmtDate(published), yq(status))
		if replacedBy != "" {
			fmt.Fprintf(&b, "replaced_by: %s\n", yq(replacedBy))
		}
		fmt.Fprintf(&b, "level: %s\n", yq(level))
		if region != "" {
			fmt.Fprintf(&b, "region_code: %s\n", yq(region))
		}
		fmt.Fprintf(&b, "summary: %s\naliases: []\nsample: true\n---\n\n", yq("就"+place+topic.title+"提出要求（虚构示例文件）。"))
		b.WriteString(fictionNote)
		writePolicyBody(&b, r, topic.title, topic.keyword, place, published)
		if err := writeFile(filepath.Join(dir, "content", "policies", slug(i)+".md"), b.String()); err != nil {
			return err
		}
	}
	return nil
}

func writePolicyBody(b *strings.Builder, r *rng, topic, keyword, place string, published time.Time) {
	fmt.Fprintf(b, "为%s，结合%s实际，现就有关事项通知如下。\n\n", topic, place)
	b.WriteString("## 一、总体要求\n\n")
	fmt.Fprintf(b, "（一）坚持党建引领，将%s纳入基层治理工作统筹推进。\n\n", keyword)
	b.WriteString("（二）坚持问题导向，分类施策，确保各项任务按期完成。\n\n")
	b.WriteString("## 二、主要措施\n\n")
	steps := []string{"全面摸清底数，建立工作台账", "明确责任分工，落实属地责任", "加强指导服务，及时总结推广经验", "强化信息公开，接受群众监督", "建立长效机制，定期调度通报"}
	n := r.between(3, len(steps))
	for i := 0; i < n; i++ {
		fmt.Fprintf(b, "%d. %s。\n", i+1, steps[i])
	}
	b.WriteString("\n## 三、保障措施\n\n")
	b.WriteString("（一）加强组织领导。各有关单位要高度重视，主要负责同志亲自抓。\n\n")
	b.WriteString("（二）加强督导检查。对工作推进不力的，予以通报。\n\n")
	fmt.Fprintf(b, "本通知自%d年%d月%d日起施行。\n", published.Year(), int(published.Month()), published.Day())
}
