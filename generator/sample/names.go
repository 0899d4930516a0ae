package sample

import (
	"fmt"
	"strings"
)

// Every generated name starts with Prefix, so no row can be mistaken for a
// real company, community or body, whatever words follow.
const Prefix = "示例·"

var (
	brandFirst  = []rune("晨和安嘉瑞祥华鑫恒泰康宁兴福顺德惠佳盛丰悦宏信诚美君润锦汇元益达金银绿青新远正明博众合聚天乐万永长同志弘普诺启")
	brandSecond = []rune("光顺居禾景和宇泽安邦辉源通鸿禧城茂昌家馨晟程睿宸晖阳峰祺悦成业东川林雅宜韵泓瀚禄嘉盈航涛达隆信鼎坤瑞")
	firmSuffix  = []string{"物业服务有限公司", "物业管理有限公司", "物业服务有限责任公司", "物业管理服务有限公司", "物业发展有限公司", "物业服务股份有限公司"}

	placeWords = []string{
		"丁香", "锦绣", "阳光", "幸福", "和平", "康乐", "紫荆", "翠竹", "桃源", "金桂", "银杏", "玉兰", "海棠", "松柏",
		"梧桐", "兰亭", "青年", "朝阳", "东方", "滨河", "南湖", "学府", "书香", "怡景", "明珠", "水岸", "绿洲", "枫林",
		"柳岸", "杏坛", "春晖", "秋实", "星河", "月华", "晨曦", "云锦", "万和", "百合", "文华", "安居", "宜居", "颐和",
		"泰和", "嘉禾", "润泽", "瑞祥", "祥和", "富康", "盛世", "天悦", "金地", "银河", "翡翠", "琥珀", "玫瑰", "牡丹",
		"芙蓉", "荷塘", "竹韵", "龙城", "汾河", "太行", "沁河", "丹河", "上党", "康宁", "永安", "长兴", "福源", "兴盛",
		"和谐", "育才", "建设", "振兴", "光明", "新华", "红旗", "东风", "胜利", "友谊", "团结", "锦华", "东湖", "清风",
		"碧水", "蓝天", "君悦", "恒大", "华景", "凤鸣", "鹤翔", "紫薇", "芳草", "杨柳", "石榴", "葡萄", "香山", "锦江",
	}
	homeSuffix = []string{"苑", "小区", "花园", "家园", "新村", "公寓", "嘉园", "华府", "雅居", "名苑", "佳苑", "里", "新城", "庭院", "府", "雅苑"}
	unitWords  = []string{
		"机械厂", "纺织厂", "化肥厂", "煤矿", "电厂", "供电局", "粮食局", "钢铁厂", "水泥厂", "铁路", "医院", "师范学校",
		"农机厂", "棉纺厂", "化工厂", "汽修厂", "建筑公司", "运输公司", "邮电局", "木材厂", "印刷厂", "食品厂",
	}
	unitSuffix = []string{"家属院", "宿舍", "职工住宅", "生活区"}
	directions = []string{"", "", "", "东", "西", "南", "北", "新", "中"}
	phases     = []string{"二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期"}
	surnames   = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
)

// firmNamer hands out company names, unique within each city by construction
// (a shuffled list of brand × suffix) and across cities by the city's name.
type firmNamer struct {
	r      *rng
	combos map[string][]int // city code → remaining shuffled combination indices
}

func newFirmNamer(r *rng) *firmNamer { return &firmNamer{r: r, combos: map[string][]int{}} }

func (n *firmNamer) name(c *city) (string, error) {
	list, ok := n.combos[c.code]
	if !ok {
		total := len(brandFirst) * len(brandSecond) * len(firmSuffix)
		list = make([]int, total)
		for i := range list {
			list[i] = i
		}
		n.r.shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	}
	for len(list) > 0 {
		k := list[len(list)-1]
		list = list[:len(list)-1]
		s := k % len(firmSuffix)
		k /= len(firmSuffix)
		a, b := brandFirst[k/len(brandSecond)], brandSecond[k%len(brandSecond)]
		if a == b {
			continue
		}
		n.combos[c.code] = list
		return Prefix + c.short + string(a) + string(b) + firmSuffix[s], nil
	}
	n.combos[c.code] = list
	return "", fmt.Errorf("示例企业名称已用尽（%s）", c.name)
}

// homeNamer hands out community names unique within a county.
type homeNamer struct {
	r    *rng
	used map[string]map[string]bool // county code → names
}

func newHomeNamer(r *rng) *homeNamer { return &homeNamer{r: r, used: map[string]map[string]bool{}} }

func (n *homeNamer) name(countyCode string, unit bool) string {
	used := n.used[countyCode]
	if used == nil {
		used = map[string]bool{}
		n.used[countyCode] = used
	}
	base := ""
	for try := 0; try < 40; try++ {
		if unit {
			base = pick(n.r, directions) + pick(n.r, unitWords) + pick(n.r, unitSuffix)
		} else {
			base = pick(n.r, directions) + pick(n.r, placeWords) + pick(n.r, homeSuffix)
		}
		if !used[base] {
			used[base] = true
			return Prefix + base
		}
	}
	// Crowded county: later phases of an existing estate.
	for _, p := range phases {
		if !used[base+p] {
			used[base+p] = true
			return Prefix + base + p
		}
	}
	for i := 10; ; i++ {
		s := fmt.Sprintf("%s%d期", base, i)
		if !used[s] {
			used[s] = true
			return Prefix + s
		}
	}
}

// neighborhood is a fictional 社区 (residents' committee) name.
func neighborhood(r *rng) string {
	w := pick(r, placeWords)
	if strings.HasSuffix(w, "社区") {
		return Prefix + w
	}
	return Prefix + w + "社区"
}

// person is a fictional contact: a surname and 某某, the usual anonymised form.
func person(r *rng) string { return string(pick(r, surnames)) + "某某" }

// mobile is a fictional 11-digit number in the 139 0000 range.
func mobile(r *rng) string { return fmt.Sprintf("1390000%04d", r.intn(10000)) }

// phone is a fictional landline: the city's real area code and a 0000 number.
func phone(r *rng, c *city) string { return fmt.Sprintf("%s-0000%04d", c.areaCode, r.intn(10000)) }
