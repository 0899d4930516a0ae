package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// variantPairs is the documented traditional→simplified folding table: each
// pair is "traditional simplified". It covers characters common in place,
// company and community names and in policy text, so that a query typed in
// traditional characters (or a name stored in them) still matches. It is not
// a converter: one-to-many and context-dependent characters (乾/干, 後/后 in
// names, 髮/發) are left out on purpose, so folding never merges two words a
// reader would keep apart.
var variantPairs = []string{
	"區 区", "業 业", "會 会", "華 华", "園 园", "號 号", "廣 广", "東 东", "國 国", "門 门",
	"開 开", "關 关", "長 长", "陽 阳", "雲 云", "龍 龙", "鳳 凤", "興 兴", "寧 宁", "濟 济",
	"灣 湾", "豐 丰", "縣 县", "鄉 乡", "鎮 镇", "樓 楼", "層 层", "單 单", "棟 栋", "蘭 兰",
	"麗 丽", "錦 锦", "繡 绣", "馬 马", "劉 刘", "陳 陈", "張 张", "楊 杨", "趙 赵", "黃 黄",
	"吳 吴", "孫 孙", "鄧 邓", "許 许", "韓 韩", "馮 冯", "葉 叶", "謝 谢", "羅 罗", "衛 卫",
	"齊 齐", "萬 万", "與 与", "為 为", "發 发", "產 产", "實 实", "場 场", "價 价", "務 务",
	"辦 办", "機 机", "構 构", "處 处", "總 总", "經 经", "貿 贸", "員 员", "團 团", "黨 党",
	"聯 联", "組 组", "織 织", "協 协", "議 议", "規 规", "劃 划", "設 设", "計 计", "電 电",
	"氣 气", "熱 热", "線 线", "環 环", "證 证", "書 书", "學 学", "醫 医", "體 体", "車 车",
	"運 运", "鐵 铁", "銀 银", "資 资", "費 费", "條 条", "權 权", "責 责", "質 质", "愛 爱",
	"樂 乐", "晉 晋", "臺 台", "綠 绿", "紅 红", "藍 蓝", "島 岛", "橋 桥", "廈 厦", "莊 庄",
	"溫 温", "濱 滨", "漢 汉", "澤 泽", "礦 矿", "廠 厂", "鋼 钢", "匯 汇", "達 达", "遠 远",
	"進 进", "舊 旧", "蘇 苏", "農 农", "糧 粮", "倉 仓", "庫 库", "觀 观", "寶 宝", "貴 贵",
	"順 顺", "頤 颐", "領 领", "風 风", "館 馆", "養 养", "鶴 鹤", "點 点", "齡 龄", "護 护",
	"戶 户", "災 灾", "險 险", "監 监", "維 维", "訊 讯", "項 项", "評 评", "級 级", "廳 厅",
}

// foldTable maps every non-ASCII rune that Fold changes to its replacement.
// It is computed once from width.Fold and variantPairs and then only read;
// the same table is written into the manifest for the browser client.
var foldTable = sync.OnceValue(func() map[rune]rune {
	return foldData().table
})

// foldSet holds the table plus a bitset of the BMP runes it covers, so the
// common case (a CJK rune that does not fold) costs one bit test, not a map
// lookup; Fold runs over every character of the site's text.
type foldSet struct {
	table map[rune]rune
	bmp   [0x10000 / 64]uint64
}

var foldData = sync.OnceValue(func() *foldSet {
	m := make(map[rune]rune, 400)
	// width.Fold changes only U+3000 and the U+FF00–U+FFEF block (a test
	// scans every rune to keep this true when x/text is upgraded).
	add := func(r rune) {
		s := string(r)
		f := width.Fold.String(s)
		if f == s {
			return
		}
		fr, n := utf8.DecodeRuneInString(f)
		if n != len(f) {
			return // not one rune: keep the original so positions stay 1:1
		}
		m[r] = lowerASCII(fr)
	}
	add(0x3000)
	for r := rune(0xFF00); r <= 0xFFEF; r++ {
		add(r)
	}
	for _, p := range variantPairs {
		from, size := utf8.DecodeRuneInString(p)
		to, _ := utf8.DecodeRuneInString(p[size+1:])
		if from != to {
			m[from] = to
		}
	}
	fs := &foldSet{table: m}
	for r := range m {
		if r < 0x10000 {
			fs.bmp[r/64] |= 1 << (r % 64)
		}
	}
	return fs
})

func lowerASCII(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + ('a' - 'A')
	}
	return r
}

// foldRune folds one rune; Fold is foldRune applied to every rune, so folded
// text has exactly as many runes as the original and offsets carry over.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return lowerASCII(r)
	}
	fs := foldData()
	if r < 0x10000 && fs.bmp[r/64]&(1<<(r%64)) == 0 {
		return r
	}
	if f, ok := fs.table[r]; ok {
		return f
	}
	return r
}

// Fold is the normalisation shared by the index and search.js: full-width
// forms become half-width (golang.org/x/text/width.Fold, e.g. "Ａ１" → "a1",
// U+3000 → space), ASCII letters become lower case, and the characters in
// variantPairs become their simplified form. Each rune maps to exactly one
// rune, so a position in folded text is the same position in the original.
func Fold(s string) string {
	changed := false
	for _, r := range s {
		if foldRune(r) != r || r == utf8.RuneError {
			changed = true
			break
		}
	}
	if !changed {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}
