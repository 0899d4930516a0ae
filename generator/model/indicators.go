package model

// The published indicators, defined once. Reporters quote the portal's
// numbers, so every figure the site shows has one name, one 口径 (what it
// counts over what) and one source, the same on every page. Figures from
// different sources carry different names: the cities' reports and the
// community ledger count different things (the ledger lists communities one
// by one and need not hold them all), so "物管会（业委会）组建率" is the reported
// rate only, and the ledger's is "台账小区业主组织组建率".
//
// Pages take an indicator's name from here, mark each figure with its ID
// (so a test can collect every page that shows it and require one value per
// place and date) and link its 口径 on the indicators page (/indicators/#ID).

// Source is where a figure comes from.
type Source string

// The sources.
const (
	// SourceReports: the cities' progress reports (data/progress.csv), as of
	// a report date; province figures are the sum of the cities reporting.
	SourceReports Source = "reports"
	// SourceLedger: the community ledger (data/communities.csv and
	// data/enterprises.csv), as of the data version; it holds the
	// communities entered so far, not necessarily all.
	SourceLedger Source = "ledger"
	// SourceRelease: an evaluation release (公示), as of its publication.
	SourceRelease Source = "release"
)

// Text is the source in words.
func (s Source) Text() string {
	switch s {
	case SourceReports:
		return "各市报送"
	case SourceLedger:
		return "本平台住宅小区台账"
	}
	return "评价结果公示"
}

// Indicator is a published figure's definition.
type Indicator struct {
	ID     string // anchor on /indicators/ and the mark on every figure
	Name   string // the one name every page gives it
	Basis  string // 口径: what is counted over what
	Source Source
	Unit   string // "%", "个", "家", "分"
}

// The indicators, in the order of the indicators page.
var (
	IndCommitteeRate = Indicator{ID: "committee-rate", Name: "物管会（业委会）组建率", Source: SourceReports, Unit: "%",
		Basis: "已组建物管会或业委会的小区数 ÷ 入住率达到 50% 的小区数（应组建数），均为各市报送数；全省为报送各市之和。"}
	IndNoService = Indicator{ID: "no-service", Name: "无物业服务小区", Source: SourceReports, Unit: "个",
		Basis: "没有任何物业管理（无物业服务企业、社区托管、业主自管或单位管理）的住宅小区数，目标为清零；全省为报送各市之和。"}
	IndPartyRate = Indicator{ID: "party-rate", Name: "物业服务企业党的组织和工作覆盖率", Source: SourceReports, Unit: "%",
		Basis: "已实现党的组织或党的工作覆盖的物业服务企业数 ÷ 物业服务企业总数，均为各市报送数；全省为报送各市之和。"}
	IndCommunitiesReported = Indicator{ID: "communities-reported", Name: "住宅小区总数", Source: SourceReports, Unit: "个",
		Basis: "各市报送的辖区住宅小区总数，等于五种管理方式的小区数之和。"}
	IndLedgerCommunities = Indicator{ID: "ledger-communities", Name: "台账收录小区数", Source: SourceLedger, Unit: "个",
		Basis: "本平台住宅小区台账逐个登记的小区数。台账仍在补录，不一定是全部小区，因此与各市报送的住宅小区总数不同。"}
	IndLedgerCommitteeRate = Indicator{ID: "ledger-committee-rate", Name: "台账小区业主组织组建率", Source: SourceLedger, Unit: "%",
		Basis: "台账中入住率达到 50% 且已组建业委会或物管会的小区数 ÷ 台账中入住率达到 50% 的小区数。只统计台账收录的小区，与各市报送的物管会（业委会）组建率口径不同。"}
	IndLedgerCommittees = Indicator{ID: "ledger-committees", Name: "台账小区已组建业主组织数", Source: SourceLedger, Unit: "个",
		Basis: "台账中已组建业委会或物管会的小区数，按业委会、物管会分列；含入住率未达到 50%、不计入组建率的小区。"}
	IndLedgerPartyRate = Indicator{ID: "ledger-party-rate", Name: "台账企业党建覆盖率", Source: SourceLedger, Unit: "%",
		Basis: "登记在本地、未清退的物业服务企业中，已实现党的组织或党的工作覆盖的企业数 ÷ 企业数。只统计本平台企业名录中的企业，与各市报送的覆盖率口径不同。"}
	IndServiceRoomRate = Indicator{ID: "service-room-rate", Name: "物业服务用房达标率", Source: SourceLedger, Unit: "%",
		Basis: "台账中物业服务用房面积不低于总建筑面积 2% 且不少于 50 平方米的小区数 ÷ 填报了建筑面积和用房面积的小区数；未填报的小区不计入。"}
	IndEvalAverage = Indicator{ID: "eval-average", Name: "评价平均得分", Source: SourceRelease, Unit: "分",
		Basis: "一期评价中参评项目总分（基础服务、设施设备、满意度三项得分之和）的算术平均，保留一位小数。"}
	IndEvalGrades = Indicator{ID: "eval-grades", Name: "各等级项目数", Source: SourceRelease, Unit: "个",
		Basis: "一期评价中按站点配置的等级分数线划分的各等级项目数，各等级之和等于参评项目数。"}
)

// Indicators lists every indicator in page order.
func Indicators() []Indicator {
	return []Indicator{IndCommitteeRate, IndNoService, IndPartyRate, IndCommunitiesReported,
		IndLedgerCommunities, IndLedgerCommitteeRate, IndLedgerCommittees, IndLedgerPartyRate, IndServiceRoomRate,
		IndEvalAverage, IndEvalGrades}
}

// GoalIndicator is the indicator a goal is measured by.
func GoalIndicator(id GoalID) Indicator {
	switch id {
	case GoalCommittee:
		return IndCommitteeRate
	case GoalNoService:
		return IndNoService
	}
	return IndPartyRate
}

// FormedAll is every formed committee of the ledger, eligible or not:
// OwnersCommittees + ManagementCommittees.
func (s RegionStats) FormedAll() int { return s.OwnersCommittees + s.ManagementCommittees }

// FormedBelowThreshold counts committees formed in communities below the
// 50% occupancy threshold: formed, but not counted in the rate.
func (s RegionStats) FormedBelowThreshold() int { return s.FormedAll() - s.EligibleFormed }
