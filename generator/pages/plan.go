package pages

// sections lists every part of the site in one place. Each method adds its
// pages to the plan; the order here is the order pages are rendered in.
func (b *builder) sections() []func() {
	return []func(){
		b.home,
		b.policies,
		b.cases,
		b.news,
		b.evaluations,
		b.enterprises,
		b.communities,
		b.regions,
		b.progress,
		b.data,
		b.search,
		b.singlePages,
		b.sitemapPage,
		b.notFound,
		b.redirects,
		b.feeds,
	}
}
