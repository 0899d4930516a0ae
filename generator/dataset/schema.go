package dataset

// This file is the data dictionary. Every column of every dataset is declared
// once here, with its Chinese label, type, rules and description; the reader,
// the validator, the download writers, datapackage.json and the dictionary
// on each dataset page all read it, so none of them can drift from the others.

import "github.com/sxwuye/portal/generator/urlid"

// Type is the declared type of a column.
type Type string

// The column types of the data contract.
const (
	TypeID         Type = "id"          // 1–40 of A-Z a-z 0-9 - _; becomes a URL segment
	TypeCode       Type = "code"        // 6-digit division code
	TypeText       Type = "text"        // free text
	TypeEnum       Type = "enum"        // one of Field.Enum
	TypeInteger    Type = "integer"     // whole number
	TypeNumber     Type = "number"      // decimal number
	TypeDate       Type = "date"        // 2006-01-02 (2006/1/2 and 2006年1月2日 accepted)
	TypeBool       Type = "bool"        // 是/否/true/false/1/0
	TypeYear       Type = "year"        // four-digit year
	TypeCreditCode Type = "credit_code" // 18-char unified social credit code, GB 32100-2015
	TypeMobile     Type = "mobile"      // 11-digit mainland mobile number
)

// Field is one column of a dataset.
type Field struct {
	Key      string   // canonical key, also the machine CSV and JSON name
	Label    string   // Chinese label, also accepted as header and used in the people's CSV
	Type     Type     // declared type
	Required bool     // may not be empty (conditional requirements are in Rules and the validator)
	Private  bool     // validated, then dropped: never in any output
	Unique   bool     // unique within the dataset
	Enum     []string // allowed values for TypeEnum
	Min, Max *float64 // numeric range, inclusive
	Pattern  string   // regular expression published in datapackage.json for codes and ids
	// MaxLen is the most characters a text cell may hold (TypeText); 0 means
	// DefaultTextMax. A long cell would otherwise be copied into a page,
	// every download and the search index.
	MaxLen  int
	Default string // value of an empty cell (before validation), e.g. status 正常
	// UniqueWithin names another column: the value is unique among the rows
	// sharing that column's value (community name within a county).
	UniqueWithin string
	Rules        string // the rules in words, for the dictionary
	Desc         string // what the column means, for the dictionary
}

// DefaultTextMax bounds the text columns that set no MaxLen.
const DefaultTextMax = 200

// TextMax is the bound on f's text cells.
func (f *Field) TextMax() int {
	if f.MaxLen > 0 {
		return f.MaxLen
	}
	return DefaultTextMax
}

// ForeignKey links a column to another dataset's key.
type ForeignKey struct {
	Field     string // column in this dataset
	Dataset   string // referenced dataset name
	Reference string // referenced column
}

// Schema is one dataset: one CSV file in data/.
type Schema struct {
	Name        string // dataset name, also the URL segment: /data/<name>/
	File        string // data/<name>.csv
	Title       string // Chinese title
	Fields      []Field
	PrimaryKey  []string
	ForeignKeys []ForeignKey
}

// PublicFields returns the fields that may appear in outputs, in order.
func (s *Schema) PublicFields() []Field {
	out := make([]Field, 0, len(s.Fields))
	for _, f := range s.Fields {
		if !f.Private {
			out = append(out, f)
		}
	}
	return out
}

// Field returns the field with a key.
func (s *Schema) Field(key string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Display is how a field is named in messages: "occupancy_rate 入住率（%）".
func (f Field) Display() string { return f.Key + " " + f.Label }

func num(v float64) *float64 { return &v }

const (
	idPattern   = urlid.Pattern
	codePattern = `^14[0-9]{4}$`
	// CreditCodePattern is the shape of a unified social credit code (check character validated separately).
	CreditCodePattern = `^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$`
)

// Names of the datasets, in publication order.
const (
	Regions     = "regions"
	Enterprises = "enterprises"
	Communities = "communities"
	Evaluations = "evaluations"
	Progress    = "progress"
)

// Modes of management, committee kinds, party-work forms and statuses.
var (
	ManagementModes = []string{"物业服务企业", "社区托管", "业主自管", "单位管理", "无物业"}
	CommitteeKinds  = []string{"业委会", "物管会", "未组建"}
	PartyOrgForms   = []string{"单独组建", "联合组建", "党建指导员", "未覆盖"}
	Statuses        = []string{"正常", "清退"}
	Levels          = []string{"province", "city", "county"}
)

// Schemas is every dataset of the data contract, in publication order.
var Schemas = []*Schema{
	{
		Name: Regions, File: "data/regions.csv", Title: "行政区划",
		PrimaryKey:  []string{"code"},
		ForeignKeys: []ForeignKey{{Field: "parent_code", Dataset: Regions, Reference: "code"}},
		Fields: []Field{
			{Key: "code", Label: "区划代码", Type: TypeCode, Required: true, Unique: true, Pattern: codePattern,
				Rules: "6 位数字，唯一；省为 140000，市为 14xx00，其余为区县", Desc: "国家统计局统计用区划代码（2023 年）。"},
			{Key: "name", Label: "名称", Type: TypeText, MaxLen: 50, Required: true, Rules: "必填", Desc: "行政区划名称。"},
			{Key: "level", Label: "级别", Type: TypeEnum, Required: true, Enum: Levels,
				Rules: "province、city 或 county", Desc: "区划级别：province 省，city 市，county 区县（含县级市和功能区）。"},
			{Key: "parent_code", Label: "上级区划代码", Type: TypeCode, Pattern: codePattern,
				Rules: "须为已有区划代码；仅省级为空", Desc: "上一级行政区划的代码。"},
		},
	},
	{
		Name: Enterprises, File: "data/enterprises.csv", Title: "物业服务企业名录",
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{Field: "region_code", Dataset: Regions, Reference: "code"}},
		Fields: []Field{
			{Key: "id", Label: "企业编号", Type: TypeID, Required: true, Unique: true, Pattern: idPattern,
				Rules: "必填，唯一；1–40 位字母、数字、- 或 _", Desc: "本平台为企业分配的稳定编号，用于网址 /enterprises/<编号>/。"},
			{Key: "name", Label: "企业名称", Type: TypeText, MaxLen: 100, Required: true, Unique: true, Rules: "必填，唯一", Desc: "企业在营业执照上的名称。"},
			{Key: "credit_code", Label: "统一社会信用代码", Type: TypeCreditCode, Required: true, Unique: true, Pattern: CreditCodePattern,
				Rules: "必填，唯一；18 位，校验码符合 GB 32100-2015", Desc: "企业的统一社会信用代码。"},
			{Key: "region_code", Label: "注册地区划代码", Type: TypeCode, Required: true, Pattern: codePattern,
				Rules: "须为行政区划中的市或区县", Desc: "企业注册地所在的市或区县。"},
			{Key: "party_org", Label: "党组织覆盖方式", Type: TypeEnum, Required: true, Enum: PartyOrgForms,
				Rules: "单独组建、联合组建、党建指导员或未覆盖", Desc: "企业实现党的组织和工作覆盖的方式；“党建指导员”指由社区选派党建工作指导员实现工作覆盖。"},
			{Key: "party_org_date", Label: "覆盖日期", Type: TypeDate,
				Rules: "覆盖方式不是“未覆盖”时必填；“未覆盖”时须为空", Desc: "实现党的组织或工作覆盖的日期。"},
			{Key: "status", Label: "状态", Type: TypeEnum, Enum: Statuses, Default: "正常",
				Rules: "正常或清退，空白视为正常", Desc: "“清退”表示企业因服务质量差等原因已被清理退出物业服务市场，不得再服务小区。"},
			{Key: "service_phone", Label: "服务电话", Type: TypeText, MaxLen: 50, Rules: "可选，公开", Desc: "面向业主公开的物业服务电话。"},
			{Key: "contact_person", Label: "联系人", Type: TypeText, MaxLen: 50, Private: true, Rules: "可选，不公开", Desc: "企业对接主管部门的联系人（不公开）。"},
			{Key: "contact_mobile", Label: "联系人手机", Type: TypeMobile, Private: true, Rules: "可选，不公开；填写时为 11 位手机号", Desc: "联系人手机号（不公开）。"},
		},
	},
	{
		Name: Communities, File: "data/communities.csv", Title: "住宅小区台账",
		PrimaryKey: []string{"id"},
		ForeignKeys: []ForeignKey{
			{Field: "region_code", Dataset: Regions, Reference: "code"},
			{Field: "enterprise_id", Dataset: Enterprises, Reference: "id"},
		},
		Fields: []Field{
			{Key: "id", Label: "小区编号", Type: TypeID, Required: true, Unique: true, Pattern: idPattern,
				Rules: "必填，唯一；1–40 位字母、数字、- 或 _", Desc: "本平台为小区分配的稳定编号，用于网址 /communities/<编号>/。"},
			{Key: "name", Label: "小区名称", Type: TypeText, MaxLen: 100, Required: true, UniqueWithin: "region_code", Rules: "必填；同一区县内不得重名", Desc: "住宅小区名称。"},
			{Key: "region_code", Label: "所在区县代码", Type: TypeCode, Required: true, Pattern: codePattern,
				Rules: "须为行政区划中的区县", Desc: "小区所在区县的区划代码。"},
			{Key: "street", Label: "街道（乡镇）", Type: TypeText, MaxLen: 100, Required: true, Rules: "必填", Desc: "小区所在的街道办事处或乡镇。"},
			{Key: "neighborhood", Label: "社区", Type: TypeText, MaxLen: 100, Rules: "可选", Desc: "小区所属的社区（居委会）。"},
			{Key: "households", Label: "户数", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填，不小于 0 的整数", Desc: "小区住宅户数。"},
			{Key: "occupancy_rate", Label: "入住率（%）", Type: TypeNumber, Required: true, Min: num(0), Max: num(100),
				Rules: "必填，0 到 100", Desc: "已入住户数占总户数的百分比；达到 50% 的小区应组建物管会或业委会。"},
			{Key: "management_mode", Label: "管理方式", Type: TypeEnum, Required: true, Enum: ManagementModes,
				Rules: "物业服务企业、社区托管、业主自管、单位管理或无物业", Desc: "小区目前的物业管理方式。"},
			{Key: "enterprise_id", Label: "物业服务企业编号", Type: TypeID, Pattern: idPattern,
				Rules: "管理方式为“物业服务企业”时必填，其他方式时须为空；须为企业名录中未清退的企业", Desc: "为小区提供物业服务的企业编号。"},
			{Key: "committee", Label: "业主组织", Type: TypeEnum, Required: true, Enum: CommitteeKinds,
				Rules: "业委会、物管会或未组建", Desc: "业委会即业主大会选举产生的业主委员会；物管会即在社区居委会下设立、代行业委会职责的物业管理委员会。"},
			{Key: "committee_date", Label: "组建日期", Type: TypeDate, Rules: "已组建时必填，未组建时须为空", Desc: "业委会或物管会成立日期。"},
			{Key: "committee_members", Label: "成员人数", Type: TypeInteger, Min: num(0), Rules: "已组建时必填，不小于 0", Desc: "业委会或物管会成员人数。"},
			{Key: "committee_party_members", Label: "党员人数", Type: TypeInteger, Min: num(0), Rules: "不大于成员人数", Desc: "成员中的中共党员人数；通知要求党员比例原则上不少于 50%。"},
			{Key: "chair_is_party_member", Label: "主任是否党员", Type: TypeBool, Rules: "是、否、true、false、1 或 0", Desc: "业委会或物管会主任是否为中共党员；通知要求主任一般由党员担任。"},
			{Key: "floor_area", Label: "总建筑面积（㎡）", Type: TypeNumber, Min: num(0), Rules: "可选，不小于 0", Desc: "小区物业总建筑面积，单位平方米。"},
			{Key: "service_room_area", Label: "物业服务用房面积（㎡）", Type: TypeNumber, Min: num(0), Rules: "可选，不小于 0",
				Desc: "物业服务用房面积；按规定应不低于总建筑面积的 2% 且不低于 50 平方米。"},
			{Key: "built_year", Label: "建成年份", Type: TypeYear, Rules: "可选，四位年份", Desc: "小区建成年份。"},
			{Key: "smart_platform", Label: "接入智慧物业平台", Type: TypeBool, Rules: "可选；是或否", Desc: "小区是否已接入智慧物业管理服务平台。"},
		},
	},
	{
		Name: Evaluations, File: "data/evaluations.csv", Title: "物业服务项目评价结果",
		PrimaryKey: []string{"period", "community_id"},
		ForeignKeys: []ForeignKey{
			{Field: "community_id", Dataset: Communities, Reference: "id"},
			{Field: "enterprise_id", Dataset: Enterprises, Reference: "id"},
		},
		Fields: []Field{
			{Key: "period", Label: "评价期次", Type: TypeID, Required: true, Pattern: idPattern,
				Rules: "必填，须为站点配置中已有的期次", Desc: "评价期次，如 2022；标题和发布日期见站点配置。"},
			{Key: "community_id", Label: "小区编号", Type: TypeID, Required: true, UniqueWithin: "period", Pattern: idPattern,
				Rules: "必填，须为台账中的小区；同一期次内唯一", Desc: "被评价的住宅小区（物业服务项目）。"},
			{Key: "enterprise_id", Label: "企业编号", Type: TypeID, Required: true, Pattern: idPattern,
				Rules: "必填，须为企业名录中的企业；与小区当前企业不一致时给出警告", Desc: "评价时为该小区提供服务的物业服务企业。"},
			{Key: "basic_service", Label: "基础管理服务", Type: TypeNumber, Required: true, Min: num(0),
				Rules: "必填，0 到配置的满分（默认 40）", Desc: "基础管理服务得分。"},
			{Key: "facilities", Label: "共有设施设备管理", Type: TypeNumber, Required: true, Min: num(0),
				Rules: "必填，0 到配置的满分（默认 30）", Desc: "共有设施设备管理得分。"},
			{Key: "satisfaction", Label: "群众满意度", Type: TypeNumber, Required: true, Min: num(0),
				Rules: "必填，0 到配置的满分（默认 30）", Desc: "群众满意度得分。"},
			{Key: "total", Label: "总分", Type: TypeNumber, Rules: "可选；填写时须等于三项之和（误差不超过 0.05）", Desc: "三项得分之和。"},
			{Key: "grade", Label: "等级", Type: TypeText, MaxLen: 20, Rules: "可选；填写时须与按配置分数线计算的等级一致",
				Desc: "评价等级：默认 90 分及以上优秀，80 分及以上良好，60 分及以上合格，其余不合格。"},
			{Key: "evaluator", Label: "评价单位", Type: TypeText, MaxLen: 100, Required: true, Rules: "必填", Desc: "组织评价的单位。"},
			{Key: "evaluated_on", Label: "评价日期", Type: TypeDate, Required: true, Rules: "必填", Desc: "完成评价的日期。"},
		},
	},
	{
		Name: Progress, File: "data/progress.csv", Title: "工作进展调度",
		PrimaryKey:  []string{"report_date", "region_code"},
		ForeignKeys: []ForeignKey{{Field: "region_code", Dataset: Regions, Reference: "code"}},
		Fields: []Field{
			{Key: "report_date", Label: "报送日期", Type: TypeDate, Required: true, Rules: "必填", Desc: "各市向省工作专班报送进展的日期（每月 3 日、18 日前）。"},
			{Key: "region_code", Label: "市级区划代码", Type: TypeCode, Required: true, UniqueWithin: "report_date", Pattern: codePattern,
				Rules: "须为设区的市；同一报送日期内唯一", Desc: "报送进展的设区市。"},
			{Key: "communities_total", Label: "小区总数", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填，等于五种管理方式之和", Desc: "全市住宅小区总数。"},
			{Key: "mode_enterprise", Label: "物业服务企业服务", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填", Desc: "由物业服务企业服务的小区数。"},
			{Key: "mode_community", Label: "社区托管", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填", Desc: "由社区托底管理的小区数。"},
			{Key: "mode_owner", Label: "业主自管", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填", Desc: "由业主自行管理的小区数。"},
			{Key: "mode_unit", Label: "单位管理", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填", Desc: "由原产权单位管理的小区数。"},
			{Key: "mode_none", Label: "无物业", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填", Desc: "没有任何物业服务的小区数；目标为 2022 年 9 月底前清零。"},
			{Key: "eligible_for_committee", Label: "入住率达50%小区数", Type: TypeInteger, Required: true, Min: num(0),
				Rules: "必填，不大于小区总数", Desc: "入住率达到 50%、应当组建物管会或业委会的小区数。"},
			{Key: "committees_formed", Label: "已组建物管会（业委会）数", Type: TypeInteger, Required: true, Min: num(0),
				Rules: "必填", Desc: "已组建物管会或业委会的小区数。"},
			{Key: "enterprises_total", Label: "物业服务企业数", Type: TypeInteger, Required: true, Min: num(0), Rules: "必填", Desc: "全市物业服务企业数。"},
			{Key: "enterprises_party_covered", Label: "党的组织和工作覆盖企业数", Type: TypeInteger, Required: true, Min: num(0),
				Rules: "必填，不大于物业服务企业数", Desc: "已实现党的组织或工作覆盖的物业服务企业数。"},
			{Key: "service_room_missing", Label: "无物业服务用房小区数", Type: TypeInteger, Min: num(0), Rules: "可选", Desc: "没有物业服务用房或用房不足的小区数。"},
		},
	},
}

// SchemaByName returns the schema of a dataset.
func SchemaByName(name string) *Schema {
	for _, s := range Schemas {
		if s.Name == name {
			return s
		}
	}
	return nil
}
