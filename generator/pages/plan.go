package pages

// The sections of the site, in one place. Early sections need only the
// model, so their pages (the bulk: every community and company) can render
// while the open-data and search phases run; late sections show what those
// phases produce (download sizes, the index manifest) or must see every
// other page (redirects at old addresses, feeds). Within each list the
// order is the order pages are rendered in.

func (b *builder) earlySections() []func() {
	return []func(){
		b.home,
		b.policies,
		b.cases,
		b.news,
		b.enterprises,
		b.communities,
		b.regions,
		b.progress,
		b.indicatorsPage,
		b.singlePages,
		b.sitemapPage,
		b.notFound,
	}
}

func (b *builder) lateSections() []func() {
	return []func(){
		b.evaluations,
		b.data,
		b.search,
		b.redirects,
		b.feeds,
	}
}
