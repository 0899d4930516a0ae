package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A deterministic generator of a sample-like corpus: fictional communities,
// companies (all marked 示例), policies, cases, news and datasets with the
// shape of the real data (names of 2–8 characters built from a limited set of
// common name characters, so bigrams repeat across names as they do in a
// province; long policy bodies).

const nameChars = "阳光晨曦锦绣华府翠苑金色家园幸福和平新村东方明珠龙城迎泽汾河滨湖桃李春风丽景" +
	"盛世名门书香雅居康乐安居泰和瑞祥鑫源富力嘉禾御景天悦蓝湾水岸绿洲兴业安宁万科碧桂紫荆" +
	"锦江怡然清华秀峰南山北岭东湖西苑中心华庭君临尚品欣城宏远长青松柏梧桐红星光明建设胜利" +
	"文化工人铁路电力煤矿钢厂机械纺织化工邮电供销粮食卫生教育财政税务公安交通水利农机林业"

var cities = []string{"太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"}

var suffixes = []string{"小区", "花园", "家园", "苑", "公寓", "新村", "家属院", "大厦", "名苑", "华庭", "府", "里"}

var policyWords = []string{
	"物业服务", "业主委员会", "物管会", "社区", "党建引领", "全覆盖", "专项行动", "住宅小区", "物业管理",
	"各市", "工作专班", "按照", "要求", "推进", "落实", "建立健全", "长效机制", "业主自治", "托底管理",
	"服务质量", "评价", "考核", "公示", "监督", "投诉", "维修资金", "公共收益", "老旧小区", "改造",
	"党组织", "组建率", "入住率", "街道", "乡镇", "住建部门", "民政部门", "协调", "矛盾纠纷", "化解",
}

type gen struct{ r *rand.Rand }

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, 0x5eed))} }

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) word(n int) string {
	rs := []rune(nameChars)
	var b strings.Builder
	for range n {
		b.WriteRune(rs[g.r.IntN(len(rs))])
	}
	return b.String()
}

// words returns a pool of n distinct-ish two-character words; names draw from
// a pool so that, as in real data, a word is shared by dozens of names.
func (g *gen) words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.word(2)
	}
	return out
}

func (g *gen) prose(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n*3; i++ {
		b.WriteString(g.pick(policyWords))
		switch g.r.IntN(9) {
		case 0:
			b.WriteString("，")
		case 1:
			b.WriteString("。\n")
		case 2:
			fmt.Fprintf(&b, "%d", g.r.IntN(3000))
		}
	}
	return b.String()
}

// corpus makes communities, companies and document counts as given.
func corpus(seed uint64, communities, companies, policies, cases, news, datasets int) []Doc {
	g := newGen(seed)
	pool := g.words(communities/40 + 20)
	// County k lies in city k % 11; codes follow the national scheme.
	counties := make([]string, 117)
	for i := range counties {
		counties[i] = g.word(2) + []string{"县", "区", "市"}[i%3]
	}
	where := func(k int, county bool) []Place {
		ci := k % len(cities)
		out := []Place{{fmt.Sprintf("14%02d00", ci+1), cities[ci]}}
		if county {
			out = append(out, Place{fmt.Sprintf("14%02d%02d", ci+1, k/len(cities)+1), counties[k]})
		}
		return out
	}
	compNames := make([]string, companies)
	var docs []Doc
	for i := range compNames {
		compNames[i] = "示例" + g.pick(pool) + g.word(1) + "物业服务有限公司"
		k := g.r.IntN(len(counties))
		docs = append(docs, Doc{
			Type:    "enterprise",
			Title:   compNames[i],
			URL:     fmt.Sprintf("/enterprises/E%05d/", i),
			Context: fmt.Sprintf("%s%s · 服务 %d 个小区", cities[k%len(cities)], counties[k], g.r.IntN(40)),
			Names:   []string{compNames[i], fmt.Sprintf("91140%02dMA%07dX", i%100, i)},
			Where:   where(k, i%4 != 0), // some registered with the city only
		})
	}
	for i := range communities {
		name := g.pick(pool)
		if g.r.IntN(3) == 0 {
			name += g.pick(pool)
		}
		name += g.pick(suffixes)
		if g.r.IntN(12) == 0 {
			name += fmt.Sprintf("%d号院", g.r.IntN(20)+1)
		}
		mgr := "无物业管理"
		if len(compNames) > 0 && g.r.IntN(2) == 0 {
			mgr = compNames[g.r.IntN(len(compNames))]
			mgr = strings.TrimSuffix(strings.TrimPrefix(mgr, "示例"), "服务有限公司")
			mgr = "示例·" + mgr
		}
		k := g.r.IntN(len(counties))
		docs = append(docs, Doc{
			Type:    "community",
			Title:   name,
			URL:     fmt.Sprintf("/communities/C%06d/", i),
			Context: fmt.Sprintf("%s%s · %s街道 · %s", cities[k%len(cities)], counties[k], g.word(2), mgr),
			Names:   []string{name},
			Where:   where(k, true),
		})
	}
	for i := range policies {
		title := "关于" + g.pick(policyWords) + g.pick(policyWords) + "的通知（示例）"
		docs = append(docs, Doc{
			Type: "policy", Title: title, URL: fmt.Sprintf("/policies/p%03d/", i),
			Context: "山西省住房和城乡建设厅（示例） · 晋建示〔2022〕" + fmt.Sprint(i) + "号",
			Names:   []string{"晋建示〔2022〕" + fmt.Sprint(i) + "号"},
			Body:    g.prose(4000), Date: fmt.Sprintf("2022-%02d-%02d", i%12+1, i%28+1),
		})
	}
	for i := range cases {
		docs = append(docs, Doc{
			Type: "case", Title: g.pick(pool) + "社区" + g.pick(policyWords) + "经验（示例）",
			URL: fmt.Sprintf("/cases/K%04d/", i), Context: cities[i%len(cities)] + " · 党建引领",
			Body: g.prose(1500), Date: "2022-06-01", Where: where(i%len(cities), false),
		})
	}
	for i := range news {
		docs = append(docs, Doc{
			Type: "news", Title: cities[i%len(cities)] + g.pick(policyWords) + "工作推进会召开（示例）",
			URL: fmt.Sprintf("/news/n%03d/", i), Body: g.prose(800), Date: "2022-07-01",
		})
	}
	for i := range datasets {
		docs = append(docs, Doc{
			Type: "dataset", Title: g.pick(policyWords) + "数据集（示例）", URL: fmt.Sprintf("/data/d%02d/", i),
			Body: g.prose(60),
		})
	}
	return docs
}
