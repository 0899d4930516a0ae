package urlid

import (
	"regexp"
	"strings"
	"testing"
)

func TestValidMatchesPattern(t *testing.T) {
	re := regexp.MustCompile(Pattern)
	for _, s := range []string{"", "C000001", "2022-001", "a_b", strings.Repeat("x", 40), strings.Repeat("x", 41),
		"../x", "a/b", "a b", "小区", "x.y", "%41", "E00001\n"} {
		if got, want := Valid(s), re.MatchString(s); got != want {
			t.Errorf("Valid(%q) = %v, pattern says %v", s, got, want)
		}
	}
}

func FuzzValidMatchesPattern(f *testing.F) {
	re := regexp.MustCompile(Pattern)
	f.Add("C000001")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid(s), re.MatchString(s); got != want {
			t.Errorf("Valid(%q) = %v, pattern says %v", s, got, want)
		}
	})
}
