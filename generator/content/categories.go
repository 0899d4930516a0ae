package content

// Categories are the case categories of the data contract, in its order;
// each follows a task of the provincial notice.
var Categories = []string{
	"业主组织组建",
	"党建引领",
	"打包整合老旧小区",
	"市场化运作",
	"托底管理",
	"权限下放",
	"物业服务用房",
	"智慧物业",
	"企业评价",
}

// categorySlugs is a fixed table, not a transliteration, so that
// /cases/category/<slug>/ never changes when wording around it does.
var categorySlugs = map[string]string{
	"业主组织组建":   "owners-committee",
	"党建引领":     "party-building",
	"打包整合老旧小区": "old-community-bundling",
	"市场化运作":    "market-operation",
	"托底管理":     "fallback-management",
	"权限下放":     "devolution",
	"物业服务用房":   "service-premises",
	"智慧物业":     "smart-property",
	"企业评价":     "enterprise-evaluation",
}

// CategorySlug returns the stable ASCII URL segment of a case category, or ""
// for a category that is not in Categories.
func CategorySlug(cat string) string { return categorySlugs[cat] }
