package dataset

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/diag"

	"github.com/sxwuye/portal/generator/internal/golden"
)

// catalogueCase is one rule of the data contract shown by example: the
// minimal valid site of site_test.go with one change, and the exact report
// an admin then reads. The table is also published as testdata/catalogue.md.
type catalogueCase struct {
	name    string                      // test name
	section string                      // catalogue section
	rule    string                      // the rule, in Chinese, as the catalogue heading
	change  func(s *testSite) *testSite // the one change
	want    []string                    // the whole report, in order
}

var gb18030Bad = []byte("code,name,level,parent_code\n140000,\xC9\xBD\xCE\xF7\xCA\xA1,province,\n140400,\xB3\xA4\xD6\xCE\xCA\xD0,city,140000\n140403,\x81\x20,county,140400\n")

var catalogue = []catalogueCase{
	// 文件与表头
	{name: "missing data file", section: "文件与表头", rule: "每个数据文件都必须存在",
		change: func(s *testSite) *testSite { return s.remove(Progress) },
		want:   []string{"data/progress.csv: 缺少数据文件（工作进展调度）"}},
	{name: "undecodable bytes name the byte offset", section: "文件与表头", rule: "文件须为 UTF-8 或 GB18030（GBK）编码",
		change: func(s *testSite) *testSite {
			return s.rawFile(Regions, gb18030Bad, "以 GB18030 保存，第 4 行混入无法解码的字节 0x81 0x20")
		},
		want: []string{"data/regions.csv:4: 文件无法解码（自动识别为 GB18030（GBK）编码）：字节偏移量 85 处的字节 0x81 无效；请在 Excel 或 WPS 中将文件另存为“CSV UTF-8（逗号分隔）”格式"}},
	{name: "unknown column", section: "文件与表头", rule: "列名须为字段的英文键名或中文名称；x_ 开头的列会被忽略",
		change: func(s *testSite) *testSite { return s.addColumn(Communities, "备注", "临街") },
		want:   []string{"data/communities.csv:1:241: 不是任何字段的英文键名或中文名称（表头第 19 列）：请检查拼写；只供内部使用、不发布的列，列名请以 x_ 开头，实为 \"备注\""}},
	{name: "duplicate column by label", section: "文件与表头", rule: "同一字段不能有两列（英文键名和中文名称算同一字段）",
		change: func(s *testSite) *testSite {
			return s.addColumn(Communities, "小区名称", "示例一号小区", "示例二号小区")
		},
		want: []string{"data/communities.csv:1:241: name 小区名称 与表头第 2 列（B 列）“name”是同一字段，本列（第 19 列）被忽略，实为 \"小区名称\""}},
	{name: "missing required column", section: "文件与表头", rule: "必填字段的列不能缺少",
		change: func(s *testSite) *testSite { return s.dropColumn(Communities, "households") },
		want:   []string{"data/communities.csv:1: households 户数 这一必填列缺失（表头中应有一列名为 households 或 户数）"}},
	{name: "stray double quote", section: "文件与表头", rule: "单元格中的英文双引号须成对出现",
		change: func(s *testSite) *testSite {
			return s.rawFile(Regions, []byte("code,name,level,parent_code\n140000,山西省,province,\n140400,长治\"市,city,140000\n140403,潞州区,county,140400\n140500,晋城市,city,140000\n140502,城区,county,140500\n"),
				"第 3 行名称写成 长治\"市（未加引号的单元格中出现英文双引号）")
		},
		want: []string{"data/regions.csv:3:10: 未加引号的单元格中出现了英文双引号 \"：请把整个单元格用双引号括起来，并把其中的每个 \" 写成 \"\""}},
	{name: "cell beyond the header", section: "文件与表头", rule: "每行的列数不能多于表头",
		change: func(s *testSite) *testSite {
			s.tables[Regions][2] = append(s.tables[Regions][2], "多余")
			s.changes = append(s.changes, `regions.csv 第 3 行末尾多出一个单元格 "多余"`)
			return s
		},
		want: []string{"data/regions.csv:3:24: 该单元格没有对应的列名（本行有 5 列，表头只有 4 列），实为 \"多余\""}},
	{name: "row shorter than the header", section: "文件与表头", rule: "每行的列数不能少于表头",
		change: func(s *testSite) *testSite {
			s.tables[Regions][3] = s.tables[Regions][3][:3]
			s.changes = append(s.changes, "regions.csv 第 4 行少了最后一列")
			return s
		},
		want: []string{"data/regions.csv:4: 本行只有 3 列，少于表头的 4 列（可能少了逗号），本行未读入"}},

	// 单元格
	{name: "required cell empty", section: "单元格", rule: "必填字段不能为空",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "street", " ") },
		want:   []string{"data/communities.csv:2:20: street 街道（乡镇） 不能为空（必填）"}},
	{name: "id with Chinese and spaces", section: "单元格", rule: "编号只能由 1–40 个字母、数字、- 或 _ 组成",
		change: func(s *testSite) *testSite { return s.set(Communities, 2, "id", "小区 2") },
		want:   []string{"data/communities.csv:3:1: id 小区编号 只能由 1 到 40 个英文字母、数字、- 或 _ 组成（编号会成为网址的一部分，不能有空格、汉字或 /），实为 \"小区 2\""}},
	{name: "region code not six digits", section: "单元格", rule: "区划代码为以 14 开头的 6 位数字",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "region_code", "14043") },
		want:   []string{"data/communities.csv:2:13: region_code 所在区县代码 应为以 14 开头的 6 位数字区划代码（山西省统计用区划代码），实为 \"14043\""}},
	{name: "value outside the enum", section: "单元格", rule: "枚举字段只能取规定的值",
		change: func(s *testSite) *testSite { return s.set(Communities, 2, "management_mode", "物业公司") },
		want:   []string{"data/communities.csv:3:33: management_mode 管理方式 应为以下之一：物业服务企业、社区托管、业主自管、单位管理、无物业，实为 \"物业公司\""}},
	{name: "integer with decimals", section: "单元格", rule: "整数字段不能有小数",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "households", "500.5") },
		want:   []string{"data/communities.csv:2:30: households 户数 应为整数，实为 \"500.5\""}},
	{name: "number written in words", section: "单元格", rule: "数值字段须为数字（接受全角数字、％ 和千位分隔符）",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "occupancy_rate", "八成五") },
		want:   []string{"data/communities.csv:2:34: occupancy_rate 入住率（%） 应为数字，实为 \"八成五\""}},
	{name: "number above its range", section: "单元格", rule: "数值须在规定范围内",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "occupancy_rate", "120") },
		want:   []string{"data/communities.csv:2:34: occupancy_rate 入住率（%） 应在 0 到 100 之间，实为 \"120\""}},
	{name: "negative count", section: "单元格", rule: "数量不能为负数",
		change: func(s *testSite) *testSite { return s.set(Communities, 2, "households", "-1") },
		want:   []string{"data/communities.csv:3:26: households 户数 不能小于 0，实为 \"-1\""}},
	{name: "impossible date", section: "单元格", rule: "日期须为真实日期，写作 2022-07-15、2022/7/15 或 2022年7月15日",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "committee_date", "2022-02-30") },
		want:   []string{"data/communities.csv:2:53: committee_date 组建日期 不是有效日期，应写作 2022-07-15（也接受 2022/7/15 或 2022年7月15日），实为 \"2022-02-30\""}},
	{name: "yes or no in other words", section: "单元格", rule: "是否字段只能填 是、否、true、false、1 或 0",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "smart_platform", "已接入") },
		want:   []string{"data/communities.csv:2:86: smart_platform 接入智慧物业平台 应为 是、否、true、false、1 或 0，实为 \"已接入\""}},
	{name: "two-digit year", section: "单元格", rule: "年份为四位数字",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "built_year", "05") },
		want:   []string{"data/communities.csv:2:81: built_year 建成年份 应为四位数字的年份，如 2005，实为 \"05\""}},
	{name: "credit code of wrong length", section: "单元格", rule: "统一社会信用代码为 18 位",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 1, "credit_code", "91140400MA000001") },
		want:   []string{"data/enterprises.csv:2:18: credit_code 统一社会信用代码 应为 18 位统一社会信用代码（数字和大写英文字母，不含 I、O、Z、S、V），实为 \"91140400MA000001\""}},
	{name: "credit code with wrong check character", section: "单元格", rule: "统一社会信用代码的校验码须符合 GB 32100-2015",
		change: func(s *testSite) *testSite {
			return s.set(Enterprises, 1, "credit_code", codeA[:17]+flipCheck(codeA[17]))
		},
		want: []string{"data/enterprises.csv:2:18: credit_code 统一社会信用代码 校验码不正确（GB 32100-2015 第 18 位校验码与前 17 位不符），请核对是否抄错，实为 \"91140400MA00000010\""}},
	{name: "private mobile number too short", section: "单元格", rule: "不公开字段同样校验：联系人手机为 11 位",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 1, "contact_mobile", "1380000000") },
		want:   []string{"data/enterprises.csv:2:82: contact_mobile 联系人手机 应为以 1 开头的 11 位手机号码（不公开字段，不显示原值）"}},

	// 唯一性
	{name: "duplicate enterprise id", section: "唯一性", rule: "编号在数据集内唯一",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 2, "id", "E001") },
		want:   []string{"data/enterprises.csv:3:1: id 企业编号 不得与第 2 行重复，实为 \"E001\""}},
	{name: "duplicate enterprise name", section: "唯一性", rule: "企业名称唯一",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 2, "name", "示例甲物业服务有限公司") },
		want:   []string{"data/enterprises.csv:3:6: name 企业名称 不得与第 2 行重复，实为 \"示例甲物业服务有限公司\""}},
	{name: "duplicate credit code", section: "唯一性", rule: "统一社会信用代码唯一",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 2, "credit_code", codeA) },
		want:   []string{"data/enterprises.csv:3:18: credit_code 统一社会信用代码 不得与第 2 行重复，实为 \"91140400MA0000001M\""}},
	{name: "same community name in one county", section: "唯一性", rule: "同一区县内小区不得重名",
		change: func(s *testSite) *testSite {
			return s.set(Communities, 2, "region_code", "140403").set(Communities, 2, "name", "示例一号小区")
		},
		want: []string{"data/communities.csv:3:6: name 小区名称 在同一区划（140403 潞州区）内不得与第 2 行重复，实为 \"示例一号小区\""}},
	{name: "community evaluated twice in a period", section: "唯一性", rule: "同一评价期次内每个小区只有一条评价",
		change: func(s *testSite) *testSite { return s.copyRow(Evaluations, 1) },
		want:   []string{"data/evaluations.csv:3:6: community_id 小区编号 在同一评价期次（2022）内不得与第 2 行重复，实为 \"C001\""}},
	{name: "city reports twice on one date", section: "唯一性", rule: "同一报送日期内每个市只有一条进展",
		change: func(s *testSite) *testSite { return s.copyRow(Progress, 1) },
		want:   []string{"data/progress.csv:3:12: region_code 市级区划代码 在同一报送日期（2022-07-03）内不得与第 2 行重复，实为 \"140400\""}},

	// 行政区划
	{name: "level contradicts code", section: "regions.csv 行政区划", rule: "级别与代码一致：140000 省级，14xx00 市级，其余区县级",
		change: func(s *testSite) *testSite { return s.set(Regions, 3, "level", "city") },
		want:   []string{"data/regions.csv:4:12: level 级别 应为 county：区划代码 140403 是区县级，实为 \"city\""}},
	{name: "province with a parent", section: "regions.csv 行政区划", rule: "省级区划没有上级",
		change: func(s *testSite) *testSite { return s.set(Regions, 1, "parent_code", "140000") },
		want:   []string{"data/regions.csv:2:21: parent_code 上级区划代码 应为空（省级区划没有上级），实为 \"140000\""}},
	{name: "county without parent", section: "regions.csv 行政区划", rule: "市和区县须填写上级区划代码",
		change: func(s *testSite) *testSite { return s.set(Regions, 3, "parent_code", "") },
		want:   []string{"data/regions.csv:4:19: parent_code 上级区划代码 不能为空（只有省级区划没有上级）"}},
	{name: "parent code unknown", section: "regions.csv 行政区划", rule: "上级区划代码须已存在",
		change: func(s *testSite) *testSite { return s.set(Regions, 3, "parent_code", "140900") },
		want:   []string{"data/regions.csv:4:19: parent_code 上级区划代码 应为行政区划中已有的区划代码，实为 \"140900\""}},
	{name: "county under the province", section: "regions.csv 行政区划", rule: "区县的上级是市，市的上级是省",
		change: func(s *testSite) *testSite { return s.set(Regions, 3, "parent_code", "140000") },
		want:   []string{"data/regions.csv:4:19: parent_code 上级区划代码 区县级区划的上级应为市级区划，而该代码是省级区划“山西省”，实为 \"140000\""}},

	// 企业
	{name: "enterprise region unknown", section: "enterprises.csv 物业服务企业名录", rule: "注册地区划代码须在行政区划中",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 1, "region_code", "140499") },
		want:   []string{"data/enterprises.csv:2:37: region_code 注册地区划代码 应为行政区划（data/regions.csv）中已有的区划代码，实为 \"140499\""}},
	{name: "enterprise registered at province level", section: "enterprises.csv 物业服务企业名录", rule: "注册地须为市或区县",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 1, "region_code", "140000") },
		want:   []string{"data/enterprises.csv:2:37: region_code 注册地区划代码 应为市或区县的区划代码，而该代码是省级区划“山西省”，实为 \"140000\""}},
	{name: "party coverage date missing", section: "enterprises.csv 物业服务企业名录", rule: "已覆盖时须填写覆盖日期",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 1, "party_org_date", "") },
		want:   []string{"data/enterprises.csv:2:49: party_org_date 覆盖日期 不能为空：党组织覆盖方式为“单独组建”时必填"}},
	{name: "party coverage date without coverage", section: "enterprises.csv 物业服务企业名录", rule: "“未覆盖”时不填覆盖日期",
		change: func(s *testSite) *testSite { return s.set(Enterprises, 2, "party_org_date", "2022-07-01") },
		want:   []string{"data/enterprises.csv:3:48: party_org_date 覆盖日期 党组织覆盖方式为“未覆盖”时应为空，实为 \"2022-07-01\""}},

	// 小区
	{name: "text longer than its column allows", section: "communities.csv 住宅小区台账", rule: "文字列有长度上限（见数据字典）",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "name", strings.Repeat("示例", 51)) },
		want:   []string{"data/communities.csv:2:6: name 小区名称 最多 100 个字，实有 102 个字，实为 \"" + strings.Repeat("示例", 30) + "…（共 102 个字）\""}},
	{name: "control character in text", section: "communities.csv 住宅小区台账", rule: "文字中不能有控制字符、双向控制符或零宽字符",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "street", "示例\u202e街道") },
		want:   []string{"data/communities.csv:2:20: street 街道（乡镇） 含有不可见的控制或格式字符 U+202E（第 3 个字），请删除，实为 \"示例\\u{202E}街道\""}},
	{name: "community in a city rather than a county", section: "communities.csv 住宅小区台账", rule: "小区所在区划须为区县",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "region_code", "140400") },
		want:   []string{"data/communities.csv:2:13: region_code 所在区县代码 应为区县的区划代码，而该代码是市级区划“长治市”，实为 \"140400\""}},
	{name: "company-served community without company", section: "communities.csv 住宅小区台账", rule: "管理方式为“物业服务企业”时须填写企业编号",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "enterprise_id", "") },
		want:   []string{"data/communities.csv:2:44: enterprise_id 物业服务企业编号 不能为空：管理方式为“物业服务企业”时必填"}},
	{name: "company given for another mode", section: "communities.csv 住宅小区台账", rule: "其他管理方式不填企业编号",
		change: func(s *testSite) *testSite { return s.set(Communities, 2, "enterprise_id", "E002") },
		want:   []string{"data/communities.csv:3:38: enterprise_id 物业服务企业编号 管理方式为“社区托管”时应为空，实为 \"E002\""}},
	{name: "company not in the register", section: "communities.csv 住宅小区台账", rule: "企业编号须在企业名录中",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "enterprise_id", "E404") },
		want:   []string{"data/communities.csv:2:44: enterprise_id 物业服务企业编号 应为物业服务企业名录（data/enterprises.csv）中已有的企业编号，实为 \"E404\""}},
	{name: "withdrawn company serving a community", section: "communities.csv 住宅小区台账", rule: "已清退的企业不得服务小区",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "enterprise_id", "E003") },
		want:   []string{"data/communities.csv:2:44: enterprise_id 物业服务企业编号 企业“示例丙物业服务有限公司”已清退，不得再服务小区，实为 \"E003\""}},
	{name: "formed committee without date", section: "communities.csv 住宅小区台账", rule: "已组建业主组织时须填写组建日期",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "committee_date", "") },
		want:   []string{"data/communities.csv:2:53: committee_date 组建日期 不能为空：业主组织为“业委会”时必填"}},
	{name: "formed committee without members", section: "communities.csv 住宅小区台账", rule: "已组建业主组织时须填写成员人数",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "committee_members", "") },
		want:   []string{"data/communities.csv:2:64: committee_members 成员人数 不能为空：业主组织为“业委会”时必填"}},
	{name: "committee details without committee", section: "communities.csv 住宅小区台账", rule: "“未组建”时不填组建日期、人数和主任情况",
		change: func(s *testSite) *testSite { return s.set(Communities, 2, "chair_is_party_member", "否") },
		want:   []string{"data/communities.csv:3:46: chair_is_party_member 主任是否党员 业主组织为“未组建”时应为空，实为 \"否\""}},
	{name: "more party members than members", section: "communities.csv 住宅小区台账", rule: "党员人数不大于成员人数",
		change: func(s *testSite) *testSite { return s.set(Communities, 1, "committee_party_members", "8") },
		want:   []string{"data/communities.csv:2:66: committee_party_members 党员人数 不能大于成员人数 7，实为 \"8\""}},

	// 评价
	{name: "period not in site config", section: "evaluations.csv 物业服务项目评价结果", rule: "评价期次须在站点配置中",
		change: func(s *testSite) *testSite { return s.copyRow(Evaluations, 1, "period", "2021") },
		want:   []string{"data/evaluations.csv:3:1: period 评价期次 应为站点配置（site.yaml 的 evaluation.periods）中已有的评价期次，实为 \"2021\""}},
	{name: "configured period without evaluations", section: "evaluations.csv 物业服务项目评价结果", rule: "站点配置的每个评价期次都须有评价记录",
		change: func(s *testSite) *testSite {
			return s.rawFile(Evaluations, []byte(strings.SplitAfter(string(s.csv(Evaluations)), "\n")[0]), "只保留表头")
		},
		want: []string{"data/evaluations.csv: site.yaml 的 evaluation.periods[0] 配置了评价期次 2022，但本文件没有该期的任何评价记录，公示页将是空的：请补上该期的评价结果，或从 site.yaml 中删除该期，实为 \"2022\""}},
	{name: "evaluated community unknown", section: "evaluations.csv 物业服务项目评价结果", rule: "小区编号须在台账中",
		change: func(s *testSite) *testSite { return s.set(Evaluations, 1, "community_id", "C404") },
		want:   []string{"data/evaluations.csv:2:6: community_id 小区编号 应为住宅小区台账（data/communities.csv）中已有的小区编号，实为 \"C404\""}},
	{name: "evaluated company unknown", section: "evaluations.csv 物业服务项目评价结果", rule: "企业编号须在企业名录中",
		change: func(s *testSite) *testSite { return s.set(Evaluations, 1, "enterprise_id", "E404") },
		want:   []string{"data/evaluations.csv:2:11: enterprise_id 企业编号 应为物业服务企业名录（data/enterprises.csv）中已有的企业编号，实为 \"E404\""}},
	{name: "evaluated company differs from current one (warning)", section: "evaluations.csv 物业服务项目评价结果", rule: "评价企业与小区当前企业不同：警告，不阻止发布",
		change: func(s *testSite) *testSite { return s.set(Evaluations, 1, "enterprise_id", "E002") },
		want:   []string{"data/evaluations.csv:2:11: 警告：enterprise_id 企业编号 与小区 C001 当前的物业服务企业 E001 不一致（若评价后更换了企业，可忽略），实为 \"E002\""}},
	{name: "score above the maximum", section: "evaluations.csv 物业服务项目评价结果", rule: "各项得分不超过站点配置的满分",
		change: func(s *testSite) *testSite { return s.set(Evaluations, 1, "facilities", "31") },
		want:   []string{"data/evaluations.csv:2:19: facilities 共有设施设备管理 应在 0 到 30 之间（满分见站点配置 evaluation.maxima），实为 \"31\""}},
	{name: "total not the sum", section: "evaluations.csv 物业服务项目评价结果", rule: "总分（如填写）等于三项之和，误差不超过 0.05",
		change: func(s *testSite) *testSite { return s.set(Evaluations, 1, "total", "88.6") },
		want:   []string{"data/evaluations.csv:2:27: total 总分 应等于三项得分之和 88.5（允许误差 0.05），实为 \"88.6\""}},
	{name: "grade not the computed one", section: "evaluations.csv 物业服务项目评价结果", rule: "等级（如填写）与按分数线计算的等级一致",
		change: func(s *testSite) *testSite { return s.set(Evaluations, 1, "grade", "优秀") },
		want:   []string{"data/evaluations.csv:2:32: grade 等级 应为“良好”（按三项得分之和 88.5 和站点配置的分数线计算），实为 \"优秀\""}},

	// 进展
	{name: "report from a county", section: "progress.csv 工作进展调度", rule: "报送单位须为设区市",
		change: func(s *testSite) *testSite { return s.set(Progress, 1, "region_code", "140403") },
		want:   []string{"data/progress.csv:2:12: region_code 市级区划代码 应为设区市的区划代码，而该代码是区县级区划“潞州区”，实为 \"140403\""}},
	{name: "modes do not add up", section: "progress.csv 工作进展调度", rule: "五种管理方式之和等于小区总数",
		change: func(s *testSite) *testSite { return s.set(Progress, 1, "mode_none", "21") },
		want:   []string{"data/progress.csv:2:19: communities_total 小区总数 应等于五种管理方式之和 101（物业服务企业服务 50 + 社区托管 10 + 业主自管 10 + 单位管理 10 + 无物业 21），实为 \"100\""}},
	{name: "more eligible than communities", section: "progress.csv 工作进展调度", rule: "入住率达 50% 小区数不大于小区总数",
		change: func(s *testSite) *testSite { return s.set(Progress, 1, "eligible_for_committee", "101") },
		want:   []string{"data/progress.csv:2:38: eligible_for_committee 入住率达50%小区数 不能大于小区总数 100，实为 \"101\""}},
	{name: "more committees than communities", section: "progress.csv 工作进展调度", rule: "已组建数不大于小区总数",
		change: func(s *testSite) *testSite { return s.set(Progress, 1, "committees_formed", "101") },
		want:   []string{"data/progress.csv:2:41: committees_formed 已组建物管会（业委会）数 不能大于小区总数 100，实为 \"101\""}},
	{name: "more committees than eligible communities (warning)", section: "progress.csv 工作进展调度", rule: "已组建数大于入住率达 50% 小区数：警告，请核对",
		change: func(s *testSite) *testSite { return s.set(Progress, 1, "committees_formed", "61") },
		want:   []string{"data/progress.csv:2:41: 警告：committees_formed 已组建物管会（业委会）数 大于入住率达50%小区数 60，请核对（入住率未达 50% 的小区也可组建，如属此情况可忽略），实为 \"61\""}},
	{name: "more covered companies than companies", section: "progress.csv 工作进展调度", rule: "党的组织和工作覆盖企业数不大于企业数",
		change: func(s *testSite) *testSite { return s.set(Progress, 1, "enterprises_party_covered", "31") },
		want:   []string{"data/progress.csv:2:47: enterprises_party_covered 党的组织和工作覆盖企业数 不能大于物业服务企业数 30，实为 \"31\""}},
	{name: "more communities without premises than communities", section: "progress.csv 工作进展调度", rule: "无物业服务用房小区数不大于小区总数",
		change: func(s *testSite) *testSite { return s.set(Progress, 1, "service_room_missing", "101") },
		want:   []string{"data/progress.csv:2:50: service_room_missing 无物业服务用房小区数 不能大于小区总数 100，实为 \"101\""}},
}

// flipCheck returns another valid-looking character than the check character.
func flipCheck(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}

func runCase(t testing.TB, c catalogueCase) (*testSite, []string) {
	s := c.change(baseSite())
	_, got := s.load(t)
	return s, got
}

func TestCatalogue(t *testing.T) {
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			_, got := runCase(t, c)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
				if os.Getenv("CATALOGUE_DUMP") != "" {
					fmt.Printf("DUMP %s\t%#v\n", c.name, got)
				}
			}
		})
	}
}

// TestCatalogueFile keeps testdata/catalogue.md in step with the table:
// go test ./generator/dataset -run TestCatalogueFile -update rewrites it.
func TestCatalogueFile(t *testing.T) {
	got := renderCatalogue(t)
	golden.Check(t, "testdata/catalogue.md", got, "go test ./generator/dataset -run TestCatalogueFile -update")
}

func renderCatalogue(t testing.TB) []byte {
	var b bytes.Buffer
	b.WriteString(`# 数据校验错误目录

本目录由测试自动生成（` + "`go test ./generator/dataset -run TestCatalogueFile -update`" + `），请勿手工修改。
每条规则一个例子：在一份正确的最小示例数据上只改动一处，` + "`validate`" + ` 输出的就是下面的信息；
测试逐字核对这些信息，所以它们与程序的实际输出一致。

每个例子有两种写法，内容相同：

- 表格写法（` + "`validate`" + ` 和 ` + "`build`" + ` 默认输出）：“文件 第几行 第几列「中文列名」填的是……，说明”。
  行号和列字母与 Excel、WPS 中看到的一致：表头为第 1 行，单元格内换行不另算一行；列字母按文件中列的实际位置，
  无论表头用英文键名还是中文名称。没有列字母的信息针对整行，没有行号的针对整个文件。
  只因前面某个错误才出现的问题（例如引用了一个编号重复而被拒绝的行）缩进列在那个错误下面。
- 机器写法（` + "`validate --format text`" + `，以及 ` + "`--format json`" + ` 中的同名字段）：` + "`文件:行:列: 字段键名 中文名称 说明，实为 \"单元格原文\"`" + `。
  行号是文件中的物理行号，列号按字符计数（一个汉字算一列），指向单元格的第一个字符（带引号的单元格指向引号）。

标有“警告”的信息不阻止发布，其余都是错误：有错误时不会生成任何页面。

`)
	section := ""
	for _, c := range catalogue {
		if c.section != section {
			section = c.section
			fmt.Fprintf(&b, "## %s\n\n", section)
		}
		s, got := runCase(t, c)
		var sheet bytes.Buffer
		var rep diag.Report
		Load(s.fs(), Options{Config: testConfig()}, &rep)
		diag.WriteSheet(&sheet, rep.Problems())
		fmt.Fprintf(&b, "### %s\n\n", c.rule)
		fmt.Fprintf(&b, "改动：%s\n\n```text\n%s```\n\n机器写法：\n\n```text\n%s\n```\n\n", strings.Join(s.changes, "；"), sheet.String(), strings.Join(got, "\n"))
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}
