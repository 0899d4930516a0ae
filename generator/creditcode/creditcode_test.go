package creditcode

import "testing"

func TestValid(t *testing.T) {
	// 91350100M000100Y43 is the worked example published with GB 32100-2015.
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"91350100M000100Y43", true},
		{"91350100M000100Y44", false},
		{"91350100M000100Y4", false},
		{"91350100M000100YI3", false}, // I is not in the alphabet
		{"", false},
	} {
		if got := Valid(tc.code); got != tc.want {
			t.Errorf("Valid(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
	if got := Complete("91350100M000100Y4"); got != "91350100M000100Y43" {
		t.Errorf("Complete = %q", got)
	}
}
