package build

import (
	"testing"
	"unicode"
)

// The change summary is read by administrators: every section of the
// shipped site is named in Chinese, not by its folder.
func TestChangeSummaryNamesEverySectionInChinese(t *testing.T) {
	_, res := sharedBuild(t)
	if res.Changes == nil || len(res.Changes.Sections) == 0 {
		t.Fatal("the shared build summarised no page sections")
	}
	for _, c := range res.Changes.Sections {
		han := false
		for _, r := range c.Title {
			han = han || unicode.Is(unicode.Han, r)
		}
		if !han {
			t.Errorf("section %q is titled %q in the change summary; add its Chinese name", c.Name, c.Title)
		}
	}
}
