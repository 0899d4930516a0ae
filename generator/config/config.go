// Package config reads site.yaml through viper, applies PORTAL_* environment
// overrides, decodes the result once into a typed Config and validates it.
//
// Nothing else in the generator calls viper: every package receives the
// typed struct, so a misspelt key fails here, once, with its name.
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// FileName is the config file at the root of a site.
const FileName = "site.yaml"

// EnvPrefix prefixes environment overrides: PORTAL_BASE_URL overrides base_url,
// PORTAL_PUBLISHER_PHONE overrides publisher.phone.
const EnvPrefix = "PORTAL"

// Config is the whole of site.yaml.
type Config struct {
	Title       string `mapstructure:"title"`
	ShortTitle  string `mapstructure:"short_title"`
	Description string `mapstructure:"description"`
	// BaseURL is absolute and ends in "/": canonical links, feeds and catalogs use it.
	BaseURL    string `mapstructure:"base_url"`
	SampleData bool   `mapstructure:"sample_data"`
	// VersionDate, when set, is the data version date of every build: the
	// date a snapshot describes (the shipped sample is the state of
	// 2022-12-18), in place of the last commit to data/ or content/. It dates
	// the 公示 status, the staleness report and the "版本" people see.
	VersionDate time.Time `mapstructure:"version_date"`

	Publisher Publisher `mapstructure:"publisher"`
	Filing    Filing    `mapstructure:"filing"`
	Identity  Identity  `mapstructure:"identity"`
	License   License   `mapstructure:"license"`
	Markdown  Markdown  `mapstructure:"markdown"`
	// Encodings forces the encoding of a dataset's CSV ("utf-8" or "gb18030"),
	// keyed by dataset name (communities, enterprises, …). Absent: detected.
	Encodings map[string]string `mapstructure:"encodings"`

	Evaluation Evaluation `mapstructure:"evaluation"`
	Targets    Targets    `mapstructure:"targets"`
	Baseline   Baseline   `mapstructure:"baseline"`
	Menu       []MenuItem `mapstructure:"menu"`

	// raw is the file as read, so that later checks can name a key's line.
	raw []byte
}

// Publisher is the body that runs the site (主办/承办单位 and contact).
type Publisher struct {
	Name      string `mapstructure:"name"`      // 主办单位
	Organizer string `mapstructure:"organizer"` // 承办单位
	Address   string `mapstructure:"address"`
	Phone     string `mapstructure:"phone"`
	Email     string `mapstructure:"email"`
	Postcode  string `mapstructure:"postcode"`
}

// Filing holds the registration numbers shown in the footer; empty values are omitted.
type Filing struct {
	SiteIDCode    string `mapstructure:"site_id_code"` // 网站标识码
	ICP           string `mapstructure:"icp"`          // ICP备案号
	ICPURL        string `mapstructure:"icp_url"`
	PoliceFiling  string `mapstructure:"police"` // 公安机关备案号
	PoliceURL     string `mapstructure:"police_url"`
	SiteDomain    string `mapstructure:"site_domain"`
	ContentSource string `mapstructure:"content_source"` // default ContentSource meta
}

// Identity is what marks the site as a government website beside its
// filings: the emblem in the header and the footer's 党政机关网站标识, 找错
// and 互动交流 entries. Every field is optional; what is not set is not shown.
type Identity struct {
	// Emblem is an image file in templates/static/ shown before the site
	// title (the agency's emblem); EmblemAlt is its text alternative.
	Emblem    string `mapstructure:"emblem"`
	EmblemAlt string `mapstructure:"emblem_alt"`
	// ConacImage (an image file in templates/static/) is the 党政机关网站标识
	// issued by the 中央机构编制委员会办公室; ConacURL is its verification page.
	ConacImage string `mapstructure:"conac_image"`
	ConacURL   string `mapstructure:"conac_url"`
	// JiucuoURL is the site's entry on the national 我为政府网站找错 platform.
	JiucuoURL string `mapstructure:"jiucuo_url"`
	// InteractionURL is the agency's 互动交流 (留言、咨询) platform: a static
	// site takes no messages itself. InteractionTitle defaults to 互动交流.
	InteractionURL   string `mapstructure:"interaction_url"`
	InteractionTitle string `mapstructure:"interaction_title"`
}

// staticImage reports whether name is a plain file name of an image kind
// browsers show, as Identity's image fields must be.
func staticImage(name string) bool {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return false
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return false
}

// checkIdentityFiles checks that the images Identity names are in
// templates/static/ of the site, where they are published from.
func (c *Config) checkIdentityFiles(fsys fs.FS) Errors {
	var errs Errors
	for _, f := range []struct{ key, name string }{
		{"identity.emblem", c.Identity.Emblem}, {"identity.conac_image", c.Identity.ConacImage},
	} {
		if f.name == "" {
			continue
		}
		if !staticImage(f.name) {
			errs = append(errs, Error{File: FileName, Key: f.key, Msg: fmt.Sprintf("应为 templates/static/ 中的图片文件名（.svg、.png、.jpg、.gif 或 .webp），不含路径，实为 %q", f.name)})
			continue
		}
		if _, err := fs.Stat(fsys, "templates/static/"+f.name); err != nil {
			errs = append(errs, Error{File: FileName, Key: f.key, Msg: fmt.Sprintf("找不到图片 templates/static/%s，请先把图片放到该文件夹", f.name)})
		}
	}
	return errs
}

// License of the open data.
type License struct {
	Name string `mapstructure:"name"`
	URL  string `mapstructure:"url"`
}

// Markdown rendering options.
type Markdown struct {
	// UnsafeHTML lets raw HTML in Markdown through. Off by default: content is escaped.
	UnsafeHTML bool `mapstructure:"unsafe_html"`
}

// Evaluation configures scoring and the releases.
type Evaluation struct {
	Maxima  Maxima   `mapstructure:"maxima"`
	Grades  []Grade  `mapstructure:"grades"`
	Periods []Period `mapstructure:"periods"`
}

// Maxima are the highest scores of the three parts.
type Maxima struct {
	BasicService float64 `mapstructure:"basic_service"`
	Facilities   float64 `mapstructure:"facilities"`
	Satisfaction float64 `mapstructure:"satisfaction"`
}

// Total is the highest total score.
func (m Maxima) Total() float64 { return m.BasicService + m.Facilities + m.Satisfaction }

// Grade is a named threshold: a total ≥ Min gets Name (highest Min first).
type Grade struct {
	Name string  `mapstructure:"name"`
	Min  float64 `mapstructure:"min"`
}

// Period is one evaluation release (公示).
type Period struct {
	ID        string    `mapstructure:"id"`
	Title     string    `mapstructure:"title"`
	Basis     string    `mapstructure:"basis"` // slug of the policy requiring the publication
	Published time.Time `mapstructure:"published"`
	Start     time.Time `mapstructure:"notice_start"` // 公示期 start
	End       time.Time `mapstructure:"notice_end"`   // 公示期 end
	Objection Objection `mapstructure:"objection"`
	// Issuer is the office that issued the release ("" : the publisher);
	// DocNumber its document number (文号, e.g. 晋物专班〔2023〕5号), "" when it has none.
	// Both are cited with the release.
	Issuer    string `mapstructure:"issuer"`
	DocNumber string `mapstructure:"doc_number"`
	// Original is the signed original of the release (a PDF or OFD file),
	// relative to content/, e.g. evaluations/2023-notice.pdf; "" when none
	// is published. It is offered on the release page with its size and
	// SHA-256 at /evaluations/<id>/<file name>.
	Original string `mapstructure:"original"`
}

// IssuerOr is the release's issuing office, or publisher when site.yaml names none.
func (p Period) IssuerOr(publisher string) string {
	if p.Issuer != "" {
		return p.Issuer
	}
	return publisher
}

// Objection says how to object to a release (in writing, under real name).
type Objection struct {
	Receiver string `mapstructure:"receiver"` // to whom
	Phone    string `mapstructure:"phone"`
	Address  string `mapstructure:"address"`
	Email    string `mapstructure:"email"`
	Note     string `mapstructure:"note"`
}

// Targets are the notice's dated goals.
type Targets struct {
	// Committee formation rate (%) among eligible communities, by date.
	Committee []RateTarget `mapstructure:"committee"`
	// NoService: communities without property service, count by date (0 = 清零).
	NoService []CountTarget `mapstructure:"no_service"`
	// Party: party organisation/work coverage of companies (%), by date.
	Party []RateTarget `mapstructure:"party"`
	// ReportDays are the days of month before which cities report (3, 18).
	ReportDays []int `mapstructure:"report_days"`
}

// RateTarget is a percentage due by a date.
type RateTarget struct {
	Due  time.Time `mapstructure:"due"`
	Rate float64   `mapstructure:"rate"`
}

// CountTarget is a count due by a date.
type CountTarget struct {
	Due   time.Time `mapstructure:"due"`
	Count int       `mapstructure:"count"`
}

// Baseline is the notice's starting point.
type Baseline struct {
	Date       time.Time `mapstructure:"date"`
	Total      int       `mapstructure:"total"`
	Enterprise int       `mapstructure:"enterprise"`
	Community  int       `mapstructure:"community"`
	Owner      int       `mapstructure:"owner"`
	Unit       int       `mapstructure:"unit"`
	None       int       `mapstructure:"none"`
	Source     string    `mapstructure:"source"` // slug of the policy it comes from
}

// MenuItem is an entry of the main navigation.
type MenuItem struct {
	Title string `mapstructure:"title"`
	URL   string `mapstructure:"url"`
}

// Error is a config problem, naming the key.
type Error struct {
	File string
	Key  string
	Msg  string
	// Line and Col locate the key (or the syntax error) in site.yaml; 0
	// when unknown, e.g. for a value set only through the environment.
	Line, Col int
}

func (e Error) Error() string {
	if e.Key == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": " + e.Key + ": " + e.Msg
}

// Errors is every problem of a config.
type Errors []Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Load reads FileName from fsys, applies environment overrides from env (a
// lookup such as os.LookupEnv; nil means none) and returns the validated config.
// A returned error is Errors, listing every problem.
func Load(fsys fs.FS, env func(string) (string, bool)) (*Config, error) {
	raw, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		return nil, Errors{{File: FileName, Msg: "无法读取站点配置文件：" + err.Error()}}
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(strings.NewReader(string(raw))); err != nil {
		return nil, Errors{syntaxError(err)}
	}
	if env != nil {
		applyEnv(v, env)
	}
	var c Config
	var meta mapstructure.Metadata
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		Result:           &c,
		Metadata:         &meta,
		WeaklyTypedInput: true,
		DecodeHook:       mapstructure.ComposeDecodeHookFunc(dateHook),
	})
	if err != nil {
		return nil, Errors{{File: FileName, Msg: err.Error()}}
	}
	if err := dec.Decode(v.AllSettings()); err != nil {
		return nil, locate(raw, typeErrors(err))
	}
	var errs Errors
	unused := append([]string(nil), meta.Unused...)
	sort.Strings(unused)
	for _, k := range unused {
		errs = append(errs, Error{File: FileName, Key: k, Msg: "未知的配置项（请检查拼写）"})
	}
	errs = append(errs, c.validate()...)
	errs = append(errs, c.checkIdentityFiles(fsys)...)
	if len(errs) > 0 {
		return nil, locate(raw, errs)
	}
	c.normalise()
	c.raw = raw
	return &c, nil
}

// applyEnv overrides every scalar key of the file with PORTAL_<KEY> where set.
// Keys are walked from the config struct, not from the environment, so an
// unrelated PORTAL_ variable can never inject an unknown key.
func applyEnv(v *viper.Viper, env func(string) (string, bool)) {
	for _, key := range scalarKeys(reflect.TypeOf(Config{}), "") {
		name := EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
		if val, ok := env(name); ok {
			v.Set(key, val)
		}
	}
}

func scalarKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("mapstructure")
		if tag == "" {
			continue
		}
		key := prefix + tag
		switch f.Type.Kind() {
		case reflect.Struct:
			if f.Type == reflect.TypeOf(time.Time{}) {
				keys = append(keys, key)
			} else {
				keys = append(keys, scalarKeys(f.Type, key+".")...)
			}
		case reflect.Slice, reflect.Map:
			// lists and maps are edited in site.yaml, not through the environment
		default:
			keys = append(keys, key)
		}
	}
	return keys
}

var dateLayouts = []string{"2006-01-02", "2006/1/2", "2006年1月2日"}

// dateHook decodes "2022-07-15" (or a YAML timestamp) into a UTC midnight time.
func dateHook(from, to reflect.Type, data any) (any, error) {
	if to != reflect.TypeOf(time.Time{}) {
		return data, nil
	}
	switch d := data.(type) {
	case time.Time:
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), nil
	case string:
		if strings.TrimSpace(d) == "" {
			return time.Time{}, nil // an empty optional date; required ones are checked in validate
		}
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, strings.TrimSpace(d)); err == nil {
				return t, nil
			}
		}
		return nil, fmt.Errorf("日期 %q 无法识别，应为 2006-01-02 格式", d)
	}
	return data, nil
}

func (c *Config) validate() Errors {
	var errs Errors
	bad := func(key, msg string) { errs = append(errs, Error{File: FileName, Key: key, Msg: msg}) }
	if strings.TrimSpace(c.Title) == "" {
		bad("title", "站点名称不能为空")
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("base_url", fmt.Sprintf("应为以 http:// 或 https:// 开头的完整网址，实为 %q", c.BaseURL))
	}
	for _, k := range []struct{ key, val string }{
		{"filing.icp_url", c.Filing.ICPURL}, {"filing.police_url", c.Filing.PoliceURL}, {"license.url", c.License.URL},
		{"identity.conac_url", c.Identity.ConacURL}, {"identity.jiucuo_url", c.Identity.JiucuoURL},
		{"identity.interaction_url", c.Identity.InteractionURL},
	} {
		if k.val == "" {
			continue
		}
		if u, err := url.Parse(k.val); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			bad(k.key, fmt.Sprintf("只允许 http(s) 网址，实为 %q", k.val))
		}
	}
	if (c.Identity.ConacImage == "") != (c.Identity.ConacURL == "") {
		bad("identity", "党政机关网站标识须同时填写图片 conac_image 和验证网址 conac_url")
	}
	if c.Identity.Emblem != "" && strings.TrimSpace(c.Identity.EmblemAlt) == "" {
		bad("identity.emblem_alt", "填写了徽标图片 emblem 时须写明其文字说明 emblem_alt（供读屏软件朗读）")
	}
	for name, enc := range c.Encodings {
		if e := strings.ToLower(enc); e != "utf-8" && e != "utf8" && e != "gb18030" && e != "gbk" {
			bad("encodings."+name, fmt.Sprintf("编码只能是 utf-8 或 gb18030，实为 %q", enc))
		}
	}
	m := c.Evaluation.Maxima
	if m.BasicService <= 0 || m.Facilities <= 0 || m.Satisfaction <= 0 {
		bad("evaluation.maxima", "三项评分的满分都必须大于 0")
	}
	if len(c.Evaluation.Grades) == 0 {
		bad("evaluation.grades", "至少需要一个等级")
	}
	for i, g := range c.Evaluation.Grades {
		if strings.TrimSpace(g.Name) == "" {
			bad(fmt.Sprintf("evaluation.grades[%d].name", i), "等级名称不能为空")
		}
		if i > 0 && g.Min >= c.Evaluation.Grades[i-1].Min {
			bad(fmt.Sprintf("evaluation.grades[%d].min", i), "等级须按分数线从高到低排列")
		}
	}
	if n := len(c.Evaluation.Grades); n > 0 && c.Evaluation.Grades[n-1].Min > 0 {
		bad(fmt.Sprintf("evaluation.grades[%d].min", n-1), "最低等级的分数线应为 0，使每个总分都有等级")
	}
	seen := map[string]bool{}
	for i, p := range c.Evaluation.Periods {
		key := fmt.Sprintf("evaluation.periods[%d]", i)
		if !validSlug(p.ID) {
			bad(key+".id", fmt.Sprintf("期次编号只能由字母、数字、- 和 _ 组成，实为 %q", p.ID))
		}
		if seen[p.ID] {
			bad(key+".id", fmt.Sprintf("期次编号重复：%q", p.ID))
		}
		seen[p.ID] = true
		if p.Title == "" {
			bad(key+".title", "公示标题不能为空")
		}
		if p.Published.IsZero() || p.Start.IsZero() || p.End.IsZero() {
			bad(key, "须填写发布日期 published、公示期 notice_start 和 notice_end")
		} else if p.End.Before(p.Start) {
			bad(key+".notice_end", "公示期结束日期早于开始日期")
		}
		if p.Objection.Receiver == "" || (p.Objection.Phone == "" && p.Objection.Address == "") {
			bad(key+".objection", "须写明异议受理单位及电话或地址")
		}
	}
	for i, mi := range c.Menu {
		if mi.Title == "" || !strings.HasPrefix(mi.URL, "/") {
			bad(fmt.Sprintf("menu[%d]", i), "菜单项须有标题，且网址以 / 开头")
		}
	}
	for i, t := range c.Targets.Committee {
		if i > 0 && !t.Due.After(c.Targets.Committee[i-1].Due) {
			bad(fmt.Sprintf("targets.committee[%d].due", i), "目标日期须从早到晚排列")
		}
	}
	for i, t := range c.Targets.Party {
		if i > 0 && !t.Due.After(c.Targets.Party[i-1].Due) {
			bad(fmt.Sprintf("targets.party[%d].due", i), "目标日期须从早到晚排列")
		}
	}
	b := c.Baseline
	if b.Total != 0 && b.Enterprise+b.Community+b.Owner+b.Unit+b.None != b.Total {
		bad("baseline", fmt.Sprintf("五种管理方式之和 %d 与总数 %d 不一致", b.Enterprise+b.Community+b.Owner+b.Unit+b.None, b.Total))
	}
	return errs
}

func (c *Config) normalise() {
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.ShortTitle == "" {
		c.ShortTitle = c.Title
	}
	if c.License.Name == "" {
		c.License = License{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"}
	}
	if c.Identity.InteractionURL != "" && c.Identity.InteractionTitle == "" {
		c.Identity.InteractionTitle = "互动交流"
	}
	if len(c.Targets.ReportDays) == 0 {
		c.Targets.ReportDays = []int{3, 18}
	}
}

func validSlug(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Period returns the period with that id.
func (c *Config) Period(id string) (Period, bool) {
	for _, p := range c.Evaluation.Periods {
		if p.ID == id {
			return p, true
		}
	}
	return Period{}, false
}

// GradeOf returns the grade name of a total.
func (c *Config) GradeOf(total float64) string {
	for _, g := range c.Evaluation.Grades {
		if total+1e-9 >= g.Min {
			return g.Name
		}
	}
	return c.Evaluation.Grades[len(c.Evaluation.Grades)-1].Name
}

// BasePath is the path part of the base URL, "/" or e.g. "/portal/": pages
// served at unknown addresses (404.html, redirects) link from it.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// AbsURL joins the base URL and a site path such as "/cases/2022-001/".
func (c *Config) AbsURL(p string) string {
	return strings.TrimSuffix(c.BaseURL, "/") + path.Clean("/"+p) + trailingSlash(p)
}

func trailingSlash(p string) string {
	if strings.HasSuffix(p, "/") && p != "/" {
		return "/"
	}
	return ""
}
