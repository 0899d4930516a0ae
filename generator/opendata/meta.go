package opendata

import (
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"go.yaml.in/yaml/v3"
)

// MetaFile is the admin-editable dataset metadata, relative to the site root.
const MetaFile = "data/datasets.yaml"

// Meta is the content of data/datasets.yaml: the catalogue-level facts and
// one entry per dataset. Column descriptions are not here: they live next
// to each column's definition in dataset/schema.go.
type Meta struct {
	Themes   []Theme
	Datasets []*DatasetMeta // in dataset.Schemas order
	// Missing is true when the file does not exist and defaults were used.
	Missing bool
}

// Theme is a 数据领域 with the ASCII slug of its facet page /data/theme/<slug>/.
type Theme struct {
	Slug, Name string
}

// Contact is a dataset's contact point.
type Contact struct {
	Name, Email, Phone string
}

// License names a licence and links its text.
type License struct {
	Name, URL string
}

// DatasetMeta describes one dataset for people and catalogs.
type DatasetMeta struct {
	Name        string
	Title       string
	Description string
	Theme       string   // 数据领域, one of Meta.Themes by name
	Publisher   string   // 数据提供方
	Frequency   string   // 更新频率, one of the keys of frequencies
	AccessLevel string   // 开放属性, one of the keys of accessLevels
	Keywords    []string // at least one
	Contact     Contact
	License     License // empty: site.yaml license
	// Temporal coverage; zero dates: derived from the dataset's date columns.
	TemporalStart, TemporalEnd time.Time
	Spatial                    string // e.g. 山西省
	Issued                     time.Time
	Line                       int // line of the entry in datasets.yaml, 0 for defaults
}

// frequency maps a 更新频率 to its ISO 8601 repeating interval (Project
// Open Data) and its EU frequency vocabulary code (DCAT).
type frequency struct{ iso, eu string }

var frequencies = map[string]frequency{
	"每日":  {"R/P1D", "DAILY"},
	"每周":  {"R/P1W", "WEEKLY"},
	"每半月": {"R/P0.5M", "MONTHLY_2"},
	"每月":  {"R/P1M", "MONTHLY"},
	"每季度": {"R/P3M", "QUARTERLY"},
	"每半年": {"R/P6M", "ANNUAL_2"},
	"每年":  {"R/P1Y", "ANNUAL"},
	"不定期": {"irregular", "IRREG"},
}

// frequencyNames lists frequencies in a stable order for messages.
var frequencyNames = []string{"每日", "每周", "每半月", "每月", "每季度", "每半年", "每年", "不定期"}

// accessLevels maps a 开放属性 to Project Open Data's accessLevel and the EU access-right code.
var accessLevels = map[string]struct{ pod, eu string }{
	"无条件开放": {"public", "PUBLIC"},
	"有条件开放": {"restricted public", "RESTRICTED"},
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// LoadMeta reads data/datasets.yaml from fsys (rooted at the site root) and
// reports every problem into rep with its line. A missing file is a warning
// and yields defaults built from the data dictionary, so generated sites
// still build; an entry for every dataset is required when the file exists.
func LoadMeta(fsys fs.FS, rep *diag.Report) *Meta {
	b, err := fs.ReadFile(fsys, MetaFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			rep.Warnf(MetaFile, 0, 0, "", nil, "缺少数据集说明文件，开放数据页面将使用默认的标题和说明")
		} else {
			rep.Errorf(MetaFile, 0, 0, "", nil, "无法读取数据集说明文件：%v", err)
		}
		return DefaultMeta()
	}
	m, probs := parseMeta(b)
	for _, p := range probs {
		rep.Add(p)
	}
	return m
}

// DefaultMeta is the metadata used without data/datasets.yaml: titles from
// the data dictionary, one theme, everything public.
func DefaultMeta() *Meta {
	m := &Meta{Themes: []Theme{{Slug: "property", Name: "物业管理"}}, Missing: true}
	for _, s := range dataset.Schemas {
		m.Datasets = append(m.Datasets, &DatasetMeta{
			Name: s.Name, Title: s.Title, Description: s.Title + "。", Theme: "物业管理",
			Frequency: "不定期", AccessLevel: "无条件开放", Keywords: []string{s.Title}, Spatial: "山西省",
		})
	}
	return m
}

// metaParser turns YAML nodes into Meta, collecting problems with positions.
type metaParser struct {
	probs []diag.Problem
}

func (p *metaParser) errorf(n *yaml.Node, field string, value *string, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	p.probs = append(p.probs, diag.Problem{Severity: diag.Error, File: MetaFile, Line: line, Column: col,
		Field: field, Value: value, Message: fmt.Sprintf(format, args...)})
}

// fields checks that n is a mapping with only the allowed keys and returns
// its values by key; unknown keys and duplicates are reported.
func (p *metaParser) fields(n *yaml.Node, where string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, where, nil, "应为“键: 值”形式的映射")
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ok := false
		for _, a := range allowed {
			if a == k.Value {
				ok = true
			}
		}
		switch {
		case !ok:
			p.errorf(k, join(where, k.Value), nil, "未知的键（可用：%s）", strings.Join(allowed, "、"))
		case out[k.Value] != nil:
			p.errorf(k, join(where, k.Value), nil, "键重复")
		default:
			out[k.Value] = v
		}
	}
	return out
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// str reads a scalar; absent is "" (callers decide whether that is allowed).
func (p *metaParser) str(n *yaml.Node, field string, _ bool) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, field, nil, "应为文字")
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (p *metaParser) strList(n *yaml.Node, field string) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Value != "" {
		return []string{strings.TrimSpace(n.Value)}
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, field, nil, "应为列表，如 [小区, 物业]")
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range n.Content {
		s := p.str(c, field, false)
		switch {
		case s == "":
			p.errorf(c, field, nil, "列表中不能有空项")
		case seen[s]:
			p.errorf(c, field, &s, "重复")
		default:
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (p *metaParser) date(n *yaml.Node, field string) time.Time {
	s := p.str(n, field, false)
	if s == "" {
		return time.Time{}
	}
	t, ok := dataset.ParseDate(s)
	if !ok {
		p.errorf(n, field, &s, "应为日期，如 2022-07-15")
	}
	return t
}

func (p *metaParser) contact(n *yaml.Node, field string) Contact {
	if n == nil {
		return Contact{}
	}
	f := p.fields(n, field, "name", "email", "phone")
	c := Contact{Name: p.str(f["name"], field+".name", false), Email: p.str(f["email"], field+".email", false),
		Phone: p.str(f["phone"], field+".phone", false)}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			p.errorf(f["email"], field+".email", &c.Email, "应为电子邮件地址，如 name@example.gov.cn")
		}
	}
	return c
}

func (p *metaParser) license(n *yaml.Node, field string) License {
	if n == nil {
		return License{}
	}
	f := p.fields(n, field, "name", "url")
	l := License{Name: p.str(f["name"], field+".name", false), URL: p.str(f["url"], field+".url", false)}
	if l.Name == "" {
		p.errorf(n, field+".name", nil, "许可协议须写名称")
	}
	if u, err := url.Parse(l.URL); l.URL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		p.errorf(n, field+".url", &l.URL, "许可协议须写以 https:// 开头的网址")
	}
	return l
}

// defaults are values an entry inherits when it leaves them out.
type defaults struct {
	publisher, frequency, access, spatial string
	contact                               Contact
	license                               License
}

func parseMeta(b []byte) (*Meta, []diag.Problem) {
	p := &metaParser{}
	m := &Meta{}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		line := 0
		var te *yaml.TypeError
		msg := err.Error()
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if n, ok := yamlLine(msg); ok {
			line = n
		}
		p.probs = append(p.probs, diag.Problem{Severity: diag.Error, File: MetaFile, Line: line,
			Message: "YAML 格式错误：" + msg})
		return DefaultMeta(), p.probs
	}
	if len(doc.Content) == 0 {
		p.errorf(nil, "", nil, "文件为空")
		return DefaultMeta(), p.probs
	}
	root := p.fields(doc.Content[0], "", "themes", "defaults", "datasets")

	if t := root["themes"]; t == nil || t.Kind != yaml.SequenceNode || len(t.Content) == 0 {
		p.errorf(doc.Content[0], "themes", nil, "须列出至少一个数据领域（slug 和 name）")
	} else {
		seen := map[string]bool{}
		for i, n := range t.Content {
			where := fmt.Sprintf("themes[%d]", i)
			f := p.fields(n, where, "slug", "name")
			th := Theme{Slug: p.str(f["slug"], where+".slug", true), Name: p.str(f["name"], where+".name", true)}
			if !slugRE.MatchString(th.Slug) {
				p.errorf(n, where+".slug", &th.Slug, "应为小写英文字母、数字和 -，如 property-service（用于网址）")
			}
			if th.Name == "" {
				p.errorf(n, where+".name", nil, "须写数据领域的中文名称")
			}
			if seen[th.Slug] || seen["name:"+th.Name] {
				p.errorf(n, where, &th.Name, "数据领域重复")
			}
			seen[th.Slug], seen["name:"+th.Name] = true, true
			m.Themes = append(m.Themes, th)
		}
	}

	var def defaults
	if d := root["defaults"]; d != nil {
		f := p.fields(d, "defaults", "publisher", "update_frequency", "access_level", "spatial", "contact", "license")
		def.publisher = p.str(f["publisher"], "defaults.publisher", false)
		def.frequency = p.str(f["update_frequency"], "defaults.update_frequency", false)
		def.access = p.str(f["access_level"], "defaults.access_level", false)
		def.spatial = p.str(f["spatial"], "defaults.spatial", false)
		def.contact = p.contact(f["contact"], "defaults.contact")
		def.license = p.license(f["license"], "defaults.license")
	}

	byName := map[string]*DatasetMeta{}
	if ds := root["datasets"]; ds == nil || ds.Kind != yaml.SequenceNode {
		p.errorf(doc.Content[0], "datasets", nil, "须为数据集列表")
	} else {
		for i, n := range ds.Content {
			d := p.dataset(n, fmt.Sprintf("datasets[%d]", i), def, m.Themes)
			if d == nil {
				continue
			}
			if byName[d.Name] != nil {
				p.errorf(n, "name", &d.Name, "数据集重复（第 %d 行已有）", byName[d.Name].Line)
				continue
			}
			byName[d.Name] = d
		}
	}
	for _, s := range dataset.Schemas {
		d := byName[s.Name]
		if d == nil {
			p.errorf(nil, "datasets", &s.Name, "缺少数据集“%s”的说明", s.Title)
			d = &DatasetMeta{Name: s.Name, Title: s.Title, Description: s.Title + "。"}
		}
		m.Datasets = append(m.Datasets, d)
	}
	return m, p.probs
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func yamlLine(msg string) (int, bool) {
	mm := yamlLineRE.FindStringSubmatch(msg)
	if mm == nil {
		return 0, false
	}
	n := 0
	fmt.Sscanf(mm[1], "%d", &n)
	return n, n > 0
}

func (p *metaParser) dataset(n *yaml.Node, where string, def defaults, themes []Theme) *DatasetMeta {
	f := p.fields(n, where, "name", "title", "description", "theme", "publisher", "update_frequency",
		"access_level", "keywords", "contact", "license", "temporal", "spatial", "issued")
	if n.Kind != yaml.MappingNode {
		return nil
	}
	d := &DatasetMeta{Line: n.Line}
	d.Name = p.str(f["name"], "name", true)
	if dataset.SchemaByName(d.Name) == nil {
		names := make([]string, len(dataset.Schemas))
		for i, s := range dataset.Schemas {
			names[i] = s.Name
		}
		at := f["name"]
		if at == nil {
			at = n
		}
		p.errorf(at, where+".name", &d.Name, "未知的数据集（可用：%s）", strings.Join(names, "、"))
		return nil
	}
	where = d.Name
	need := func(key, val string) {
		if val == "" {
			at := f[key]
			if at == nil {
				at = n
			}
			p.errorf(at, where+"."+key, nil, "必填")
		}
	}
	d.Title = p.str(f["title"], where+".title", true)
	need("title", d.Title)
	d.Description = p.str(f["description"], where+".description", true)
	need("description", d.Description)
	d.Theme = p.str(f["theme"], where+".theme", true)
	need("theme", d.Theme)
	if d.Theme != "" {
		found := false
		var names []string
		for _, t := range themes {
			names = append(names, t.Name)
			found = found || t.Name == d.Theme
		}
		if !found {
			p.errorf(f["theme"], where+".theme", &d.Theme, "须为 themes 中列出的数据领域（%s）", strings.Join(names, "、"))
		}
	}
	d.Publisher = or(p.str(f["publisher"], where+".publisher", false), def.publisher)
	need("publisher", d.Publisher)
	d.Frequency = or(p.str(f["update_frequency"], where+".update_frequency", false), def.frequency)
	need("update_frequency", d.Frequency)
	if _, ok := frequencies[d.Frequency]; d.Frequency != "" && !ok {
		at := f["update_frequency"]
		if at == nil {
			at = n
		}
		p.errorf(at, where+".update_frequency", &d.Frequency, "应为%s之一", strings.Join(frequencyNames, "、"))
	}
	d.AccessLevel = or(p.str(f["access_level"], where+".access_level", false), def.access)
	need("access_level", d.AccessLevel)
	if _, ok := accessLevels[d.AccessLevel]; d.AccessLevel != "" && !ok {
		at := f["access_level"]
		if at == nil {
			at = n
		}
		p.errorf(at, where+".access_level", &d.AccessLevel, "应为“无条件开放”或“有条件开放”（不予开放的数据不应发布）")
	}
	d.Keywords = p.strList(f["keywords"], where+".keywords")
	if len(d.Keywords) == 0 {
		at := f["keywords"]
		if at == nil {
			at = n
		}
		p.errorf(at, where+".keywords", nil, "须写至少一个关键词")
	}
	d.Contact = def.contact
	if f["contact"] != nil {
		d.Contact = p.contact(f["contact"], where+".contact")
	}
	if d.Contact.Name == "" {
		p.errorf(n, where+".contact.name", nil, "须写联系人或联系部门（可在 defaults.contact 中统一填写）")
	}
	d.License = def.license
	if f["license"] != nil {
		d.License = p.license(f["license"], where+".license")
	}
	if t := f["temporal"]; t != nil {
		tf := p.fields(t, where+".temporal", "start", "end")
		d.TemporalStart = p.date(tf["start"], where+".temporal.start")
		d.TemporalEnd = p.date(tf["end"], where+".temporal.end")
		if d.TemporalStart.IsZero() != d.TemporalEnd.IsZero() {
			p.errorf(t, where+".temporal", nil, "须同时写 start 和 end，或都不写（按数据中的日期自动计算）")
		} else if d.TemporalEnd.Before(d.TemporalStart) {
			p.errorf(t, where+".temporal", nil, "结束日期早于开始日期")
		}
	}
	d.Spatial = or(p.str(f["spatial"], where+".spatial", false), def.spatial)
	need("spatial", d.Spatial)
	d.Issued = p.date(f["issued"], where+".issued")
	return d
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// resolve fills the defaults that come from site.yaml.
func (d *DatasetMeta) resolve(cfg *config.Config) DatasetMeta {
	out := *d
	if out.License.Name == "" {
		out.License = License{Name: cfg.License.Name, URL: cfg.License.URL}
	}
	if out.Publisher == "" {
		out.Publisher = cfg.Publisher.Name
	}
	if out.Contact.Name == "" {
		out.Contact = Contact{Name: cfg.Publisher.Name, Email: cfg.Publisher.Email, Phone: cfg.Publisher.Phone}
	}
	return out
}

// theme returns a theme by name.
func (m *Meta) theme(name string) Theme {
	for _, t := range m.Themes {
		if t.Name == name {
			return t
		}
	}
	return Theme{Slug: "other", Name: name}
}

// dataset returns a dataset's metadata.
func (m *Meta) dataset(name string) *DatasetMeta {
	for _, d := range m.Datasets {
		if d.Name == name {
			return d
		}
	}
	s := dataset.SchemaByName(name)
	return &DatasetMeta{Name: name, Title: s.Title, Description: s.Title + "。", Frequency: "不定期", AccessLevel: "无条件开放"}
}
