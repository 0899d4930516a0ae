package pages

import "github.com/sxwuye/portal/generator/render"

// columnInfo describes a column (栏目) for the government meta tags
// ColumnDescription and ColumnKeywords. Every page of a column names it by
// ColumnName; this table is the one place its description lives.
type columnInfo struct {
	Description string
	Keywords    []string
}

var columns = map[string]columnInfo{
	"首页":     {"山西省社区物业管理能力提升工作的政策文件、典型案例、评价结果公示、工作进展和开放数据。", []string{"社区物业", "物业管理", "山西"}},
	"政策法规":   {"国家、省、市、区县的社区物业管理政策文件全文，可按层级和有效性筛选，每一条款有固定链接。", []string{"政策法规", "物业管理", "政策文件"}},
	"典型案例":   {"各地提升社区物业管理能力的典型做法，可按类别和城市筛选。", []string{"典型案例", "经验做法", "社区物业"}},
	"工作动态":   {"社区物业管理能力提升工作的最新动态。", []string{"工作动态", "社区物业"}},
	"评价结果":   {"全省住宅物业服务项目评价结果公示，含公示期、异议渠道和全部项目的得分、等级与排名。", []string{"评价结果", "公示", "物业服务项目评价"}},
	"工作进展":   {"全省及各市物管会（业委会）组建、无物业服务小区清零、党的组织和工作覆盖三项目标的进展。", []string{"工作进展", "物管会", "业委会", "无物业小区清零"}},
	"开放数据":   {"行政区划、物业服务企业、住宅小区、评价结果和工作进展的开放数据下载及数据字典。", []string{"开放数据", "数据下载", "社区物业"}},
	"小区信息":   {"住宅小区的管理方式、物业服务企业、业主组织、物业服务用房和历次评价结果。", []string{"住宅小区", "物业服务", "业主组织"}},
	"物业服务企业": {"物业服务企业的基本信息、服务的小区和历次评价结果。", []string{"物业服务企业", "评价结果"}},
	"地区概况":   {"全省、各市和区县的住宅小区、物业服务和业主组织概况。", []string{"地区概况", "住宅小区", "社区物业"}},
	"搜索":     {"站内搜索小区、企业、政策、案例、新闻和数据集。", []string{"站内搜索"}},
	"指标口径说明": {"本站公布的各项指标的名称、口径（统计什么、除以什么）、数据来源和日期。", []string{"指标口径", "统计口径", "数据来源"}},
}

// contentSource is the body the site's own content comes from: the
// ContentSource meta of news and of the pages drawn from the data.
func (b *builder) contentSource() string {
	if s := b.m.Config.Filing.ContentSource; s != "" {
		return s
	}
	return b.m.Config.Publisher.Name
}

// describeColumn fills in the column meta of a page from the table.
func describeColumn(p *render.Page) {
	if c, ok := columns[p.ColumnName]; ok {
		p.ColumnDescription, p.ColumnKeywords = c.Description, c.Keywords
	}
}
