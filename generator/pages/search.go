package pages

// search is implemented in a later step; until then it adds no page.
func (b *builder) search() {}
