package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sxwuye/portal/generator/diag"
	"go.yaml.in/yaml/v3"

	"github.com/sxwuye/portal/generator/urlid"
)

// pos is a 1-based place in the .md file.
type pos struct{ line, col int }

// frontMatter is a file split into its YAML header and Markdown body.
type frontMatter struct {
	yaml     []byte
	yamlLine int // line of the file where the YAML starts
	body     []byte
	bodyLine int // line of the file where the body starts
}

type splitError struct {
	line int
	msg  string
}

// splitFrontMatter cuts "---\n<yaml>\n---\n<body>". CRLF is normalised to LF
// first (line numbers do not change) and a UTF-8 BOM is ignored.
func splitFrontMatter(src []byte) (frontMatter, *splitError) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line := 1 + bytes.Count(src[:off], []byte("\n"))
		return frontMatter{}, &splitError{line, fmt.Sprintf("不是有效的 UTF-8 文本（第 %d 字节），请以 UTF-8 编码保存", off)}
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\n") != "---" {
		return frontMatter{}, &splitError{1, "缺少前置元数据：文件第一行应为 ---，其后是 YAML 格式的 title 等字段，再以 --- 结束"}
	}
	var y strings.Builder
	for i := 1; i < len(lines); i++ {
		t := strings.TrimRight(lines[i], " \t\n")
		if t == "---" || t == "..." {
			var body strings.Builder
			for _, l := range lines[i+1:] {
				body.WriteString(l)
			}
			return frontMatter{yaml: []byte(y.String()), yamlLine: 2, body: []byte(body.String()), bodyLine: i + 2}, nil
		}
		y.WriteString(lines[i])
	}
	return frontMatter{}, &splitError{1, "前置元数据没有结束：第一行的 --- 之后缺少结束的 --- 行"}
}

// valueType is how a front matter value is decoded.
type valueType int

const (
	tString valueType = iota
	tDate
	tBool
	tInt
	tList    // sequence of strings, or one string split at separators
	tAliases // sequence of site paths, or one path
)

// field is one allowed front matter key of a kind.
type field struct {
	key, label string
	typ        valueType
	required   bool
	// set checks a non-empty value of the field's type against the key's
	// own rules and stores it in the document; it returns the message of
	// the problem when the value is rejected. Aliases, checked item by
	// item, are stored by decodeValue itself and have no set.
	set setter
}

// setter stores a decoded value; see field.set.
type setter func(d *Document, v value, env fieldEnv) string

// value is a decoded front matter value: text always, and the typed form
// of dates, integers, booleans and lists.
type value struct {
	text  string
	date  time.Time
	num   int
	flag  bool
	items []string
}

// fieldEnv is what a check needs beyond the value itself.
type fieldEnv struct {
	kind Kind
	opt  Options
}

// common keys shared by every kind.
var (
	fTitle   = field{"title", "标题", tString, true, setText(func(d *Document) *string { return &d.Title })}
	fSummary = field{"summary", "摘要", tString, true, setText(func(d *Document) *string { return &d.Summary })}
	fAliases = field{"aliases", "旧地址", tAliases, false, nil}
	fSample  = field{"sample", "示例内容", tBool, false, func(d *Document, v value, _ fieldEnv) string { d.Sample = v.flag; return "" }}
)

// Setters of the fields table.
var (
	setIssued   setter = func(d *Document, v value, _ fieldEnv) string { d.Issued = v.date; return "" }
	setDate     setter = func(d *Document, v value, _ fieldEnv) string { d.Date = v.date; return "" }
	setKeywords setter = func(d *Document, v value, _ fieldEnv) string { d.Keywords = v.items; return "" }
)

// setText stores a string with no rules of its own.
func setText(to func(*Document) *string) setter {
	return func(d *Document, v value, _ fieldEnv) string {
		*to(d) = v.text
		return ""
	}
}

// setOneOf stores a string that must be one of list; what names the list
// in the message.
func setOneOf(list []string, what string, to func(*Document) *string) setter {
	return func(d *Document, v value, _ fieldEnv) string {
		if !contains(list, v.text) {
			return fmt.Sprintf("未知的%s，应为 %s 之一", what, strings.Join(list, "、"))
		}
		*to(d) = v.text
		return ""
	}
}

func setReplacedBy(d *Document, v value, _ fieldEnv) string {
	if !validSlug(v.text) {
		return "应为另一政策文件的文件名（不含 .md），只能使用小写英文字母、数字、- 或 _"
	}
	d.ReplacedBy = v.text
	return ""
}

func setCaseID(d *Document, v value, _ fieldEnv) string {
	if !urlid.Valid(v.text) {
		return "案例编号即网址，只能使用 1–40 个英文字母、数字、- 或 _，例如 2022-001"
	}
	d.CaseID = v.text
	return ""
}

// setRegion stores a region code known to data/regions.csv; a case's
// region is a city or a county.
func setRegion(d *Document, v value, env fieldEnv) string {
	s := v.text
	if !isRegionCode(s) {
		return "应为 6 位数字的行政区划代码"
	}
	if env.opt.RegionLevel != nil {
		lvl := env.opt.RegionLevel(s)
		if lvl == "" {
			return "未知的区划代码（不在 data/regions.csv 中）"
		}
		if env.kind == KindCase && lvl != "city" && lvl != "county" {
			return "应为市或区县的区划代码"
		}
	}
	d.RegionCode = s
	return ""
}

// fields lists the allowed keys of each kind, in the order of the data contract.
var fields = map[Kind][]field{
	KindPolicy: {
		fTitle,
		{"issuer", "发文机关", tString, true, setText(func(d *Document) *string { return &d.Issuer })},
		{"doc_number", "发文字号", tString, false, setText(func(d *Document) *string { return &d.DocNumber })},
		{"index_no", "索引号", tString, false, setText(func(d *Document) *string { return &d.IndexNo })},
		{"topic", "主题分类", tString, true, setText(func(d *Document) *string { return &d.Topic })},
		{"keywords", "主题词", tList, true, setKeywords},
		{"issued", "成文日期", tDate, true, setIssued},
		{"published", "发布日期", tDate, true, setDate},
		{"status", "有效性", tString, true, setOneOf(Statuses, "有效性", func(d *Document) *string { return &d.Status })},
		{"replaced_by", "替代文件", tString, false, setReplacedBy},
		{"level", "层级", tString, true, setOneOf(Levels, "层级", func(d *Document) *string { return &d.Level })},
		{"region_code", "区划代码", tString, false, setRegion},
		fSummary, fAliases, fSample,
	},
	KindCase: {
		{"id", "案例编号", tString, true, setCaseID},
		fTitle,
		{"date", "发布日期", tDate, true, setDate},
		{"region_code", "所在地区代码", tString, true, setRegion},
		{"category", "案例类别", tString, true, setOneOf(Categories, "类别", func(d *Document) *string { return &d.Category })},
		{"source", "来源", tString, true, setText(func(d *Document) *string { return &d.CaseSource })},
		fSummary,
		{"tags", "标签", tList, false, func(d *Document, v value, _ fieldEnv) string { d.Tags = v.items; return "" }},
		fAliases, fSample,
	},
	KindNews: {
		fTitle,
		{"date", "发布日期", tDate, true, setDate},
		{"region_code", "区划代码", tString, false, setRegion},
		fSummary,
		{"keywords", "关键词", tList, false, setKeywords},
		fAliases, fSample,
	},
	KindPage: {
		fTitle,
		{"menu_order", "菜单顺序", tInt, false, func(d *Document, v value, _ fieldEnv) string { d.MenuOrder = v.num; return "" }},
		{"summary", "摘要", tString, false, fSummary.set},
		fAliases, fSample,
	},
}

// Allowed enumerations.
var (
	Statuses = []string{"现行有效", "已修订", "已废止"}
	Levels   = []string{"国家", "省级", "市级", "区县"}
)

// levelRegion is the region level a policy's region_code must have.
var levelRegion = map[string]string{"省级": "province", "市级": "city", "区县": "county"}

func lookupField(kind Kind, key string) (field, bool) {
	for _, f := range fields[kind] {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

// fieldName is "key 标签", the Field of a diag.Problem.
func fieldName(kind Kind, key string) string {
	f, _ := lookupField(kind, key)
	return f.key + " " + f.label
}

func allowedKeys(kind Kind) string {
	var parts []string
	for _, f := range fields[kind] {
		parts = append(parts, f.key+"（"+f.label+"）")
	}
	return strings.Join(parts, "、")
}

var yamlErrRe = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner): it reports their line 0-based, the scanner's 1-based.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'": true, "did not find expected ',' or '}'": true,
	"did not find expected '-' indicator": true, "did not find expected <document start>": true,
	"did not find expected <stream-start>": true, "did not find expected key": true,
	"did not find expected node content": true, "found duplicate %TAG directive": true,
	"found duplicate %YAML directive": true, "found incompatible YAML document": true,
	"found undefined tag handle": true,
}

// yamlMessages explains the errors admins meet most, in Chinese.
var yamlMessages = map[string]string{
	"did not find expected ',' or ']'":               "方括号列表 [ ] 没有闭合，或列表项之间缺少英文逗号",
	"did not find expected ',' or '}'":               "花括号 { } 没有闭合，或项之间缺少英文逗号",
	"mapping values are not allowed in this context": "这一行多了一个“: ”；值里含有英文冒号时请给整个值加上引号",
	"could not find expected ':'":                    "缺少“键: 值”中的英文冒号",
	"did not find expected key":                      "缩进不一致：每个键都应顶格书写",
	"found character that cannot start any token":    "值以制表符或 @、` 等字符开头，请改用空格缩进或给值加上引号",
	"found unexpected end of stream":                 "引号没有闭合",
}

// yamlErrorPlace returns the 1-based line within the YAML (1 when unknown)
// and a message for admins.
func yamlErrorPlace(e string) (int, string) {
	m := yamlErrRe.FindStringSubmatch(e)
	if m == nil {
		return 1, e
	}
	problem := m[2]
	line := 1
	if m[1] != "" {
		line, _ = strconv.Atoi(m[1])
		if yamlParserProblems[problem] {
			line++
		}
	}
	if zh, ok := yamlMessages[problem]; ok {
		return line, zh + "（" + problem + "）"
	}
	return line, problem
}

// decodeFrontMatter fills d from the YAML, reporting every problem.
func decodeFrontMatter(file string, kind Kind, fm frontMatter, opt Options, d *Document, rep *diag.Report) {
	d.positions = map[string]pos{}
	at := func(n *yaml.Node) pos { return pos{fm.yamlLine + n.Line - 1, n.Column} }

	root, err := parseYAML(fm.yaml)
	if err != nil {
		line, msg := yamlErrorPlace(err.Error())
		rep.Errorf(file, fm.yamlLine+line-1, 0, "", nil, "前置元数据不是有效的 YAML：%s", msg)
		return
	}
	var pairs []*yaml.Node
	switch {
	case root == nil:
		// Empty front matter: every required key is missing.
	case root.Kind == yaml.MappingNode:
		pairs = root.Content
	default:
		p := at(root)
		rep.Errorf(file, p.line, p.col, "", nil, "前置元数据应为“键: 值”形式的映射")
		return
	}

	dec := valueDecoder{file: file, env: fieldEnv{kind, opt}, at: at, d: d, rep: rep}
	seen := map[string]pos{}
	for i := 0; i+1 < len(pairs); i += 2 {
		k, v := pairs[i], pairs[i+1]
		kp := at(k)
		f, ok := lookupField(kind, k.Value)
		if !ok || k.Kind != yaml.ScalarNode {
			rep.Errorf(file, kp.line, kp.col, "", diag.V(k.Value), "未知的键；%s允许的键为：%s", kindLabel[kind], allowedKeys(kind))
			continue
		}
		name := f.key + " " + f.label
		if first, dup := seen[f.key]; dup {
			rep.Errorf(file, kp.line, kp.col, name, nil, "重复的键（第 %d 行已出现）", first.line)
			continue
		}
		seen[f.key] = kp
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		vp := at(v)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			vp = kp // an empty value has no place of its own
		}
		d.positions[f.key] = vp
		dec.decodeValue(f, v, vp)
	}
	for _, f := range fields[kind] {
		if f.required {
			if _, ok := seen[f.key]; !ok {
				rep.Errorf(file, 1, 0, f.key+" "+f.label, nil, "缺少必填的键")
			}
		}
	}
	// A replacement only makes sense for a document that is no longer in force.
	if kind == KindPolicy && d.ReplacedBy != "" && d.Status == "现行有效" {
		p := d.positions["replaced_by"]
		rep.Errorf(file, p.line, p.col, fieldName(kind, "replaced_by"), diag.V(d.ReplacedBy), "有效性为“现行有效”的文件不应填写替代文件；请将 status 改为 已修订 或 已废止")
	}
	if kind == KindPolicy && d.RegionCode != "" && d.Level != "" && opt.RegionLevel != nil {
		p := d.positions["region_code"]
		want, ok := levelRegion[d.Level]
		got := opt.RegionLevel(d.RegionCode)
		switch {
		case got == "":
			// already reported as unknown
		case !ok:
			rep.Errorf(file, p.line, p.col, fieldName(kind, "region_code"), diag.V(d.RegionCode), "层级为“%s”的文件不填区划代码", d.Level)
		case got != want:
			rep.Errorf(file, p.line, p.col, fieldName(kind, "region_code"), diag.V(d.RegionCode), "与层级“%s”不符：应为%s的区划代码", d.Level, regionLevelLabel[want])
		}
	}
}

var kindLabel = map[Kind]string{KindPolicy: "政策文件", KindCase: "典型案例", KindNews: "工作动态", KindPage: "单页"}

var regionLevelLabel = map[string]string{"province": "省级", "city": "市级", "county": "区县级"}

// parseYAML decodes one YAML document into its root node. The decoder is
// third-party code fed with admin input, so a panic becomes an error.
func parseYAML(src []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("%v", r)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// valueDecoder decodes the values of one document's front matter.
type valueDecoder struct {
	file string
	env  fieldEnv
	at   func(*yaml.Node) pos // place of a node in the .md file
	d    *Document
	rep  *diag.Report
}

// decodeValue checks one value, at vp, against its field's type and
// rules, and stores it in the document.
func (dc *valueDecoder) decodeValue(f field, v *yaml.Node, vp pos) {
	name := f.key + " " + f.label
	bad := func(p pos, value *string, format string, args ...any) {
		dc.rep.Errorf(dc.file, p.line, p.col, name, value, format, args...)
	}

	if f.typ == tList || f.typ == tAliases {
		items, positions, ok := listValue(v, dc.at)
		if !ok {
			bad(vp, nil, "应为字符串列表，例如 [甲, 乙]")
			return
		}
		for i, it := range items {
			if it == "" {
				bad(positions[i], nil, "列表中不能有空项")
				return
			}
		}
		if f.required && len(items) == 0 {
			bad(vp, nil, "不能为空")
			return
		}
		if f.typ == tAliases {
			for i, a := range items {
				if msg := checkAlias(a); msg != "" {
					bad(positions[i], diag.V(a), "%s", msg)
					continue
				}
				dc.d.Aliases = append(dc.d.Aliases, a)
				dc.d.aliasPos = append(dc.d.aliasPos, positions[i])
			}
			return
		}
		f.set(dc.d, value{items: items}, dc.env)
		return
	}

	if v.Kind != yaml.ScalarNode {
		bad(vp, nil, "应为单个值，不能是列表或映射")
		return
	}
	s := strings.TrimSpace(v.Value)
	if v.Tag == "!!null" {
		s = ""
	}
	if s == "" {
		if f.required {
			bad(vp, nil, "不能为空")
		}
		return
	}

	val := value{text: s}
	switch f.typ {
	case tDate:
		t, ok := parseDate(s)
		if !ok {
			bad(vp, diag.V(s), "不是有效的日期，应写作 2022-07-15、2022/7/15 或 2022年7月15日")
			return
		}
		val.date = t
	case tBool:
		switch s {
		case "true":
			val.flag = true
		case "false":
		default:
			bad(vp, diag.V(s), "应为 true 或 false")
			return
		}
	case tInt:
		n, err := strconv.Atoi(s)
		if err != nil {
			bad(vp, diag.V(s), "应为整数")
			return
		}
		val.num = n
	}
	if msg := f.set(dc.d, val, dc.env); msg != "" {
		bad(vp, diag.V(s), "%s", msg)
	}
}

// listValue accepts a YAML sequence of scalars, or one scalar that is split
// at the separators admins type in Chinese documents (主题词 are often
// written "物业 管理 通知" or "物业；管理").
func listValue(v *yaml.Node, at func(*yaml.Node) pos) ([]string, []pos, bool) {
	switch v.Kind {
	case yaml.SequenceNode:
		var items []string
		var ps []pos
		for _, it := range v.Content {
			for it.Kind == yaml.AliasNode && it.Alias != nil {
				it = it.Alias
			}
			if it.Kind != yaml.ScalarNode {
				return nil, nil, false
			}
			s := strings.TrimSpace(it.Value)
			if it.Tag == "!!null" {
				s = ""
			}
			items = append(items, s)
			ps = append(ps, at(it))
		}
		return items, ps, true
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, nil, true
		}
		parts := strings.FieldsFunc(v.Value, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '；' || r == ';' || r == '，' || r == ',' || r == '、' || r == '\u3000'
		})
		ps := make([]pos, len(parts))
		for i := range ps {
			ps[i] = at(v)
		}
		return parts, ps, true
	}
	return nil, nil, false
}

// checkAlias returns why an old path is not acceptable, or "".
func checkAlias(a string) string {
	if !strings.HasPrefix(a, "/") || !strings.HasSuffix(a, "/") || a == "/" {
		return "旧地址应为以 / 开头并以 / 结尾的站内路径，例如 /cases/old-example/"
	}
	// One slash off each end, not all: "//host/x/" must show its empty segment.
	for _, seg := range strings.Split(a[1:len(a)-1], "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "旧地址不能含有空段、. 或 .."
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.~", c) >= 0) {
				return "旧地址只能使用英文字母、数字和 - _ . ~（不能有中文、空格、? 或 #）"
			}
		}
	}
	return ""
}

func isRegionCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var (
	dateDashRe = regexp.MustCompile(`^(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})$`)
	dateCNRe   = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
)

// parseDate accepts 2006-01-02, 2006/1/2 and 2006年1月2日 (the forms of the
// data contract) and rejects impossible dates such as 2022-02-30.
func parseDate(s string) (time.Time, bool) {
	var y, m, d string
	if p := dateDashRe.FindStringSubmatch(s); p != nil && p[2] == p[4] {
		y, m, d = p[1], p[3], p[5]
	} else if p := dateCNRe.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else {
		return time.Time{}, false
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return time.Time{}, false
	}
	return t, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
