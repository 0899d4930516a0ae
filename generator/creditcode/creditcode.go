// Package creditcode checks unified social credit codes (统一社会信用代码)
// against GB 32100-2015: 18 characters from a 31-character alphabet, the last
// being a check character computed from the first 17.
package creditcode

import "strings"

// alphabet is the code's character set in value order (no I, O, Z, S, V).
const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var weights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CheckChar returns the check character for the first 17 characters, and
// false when they are not 17 characters of the alphabet.
func CheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(alphabet, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * weights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return alphabet[c], true
}

// Valid reports whether s is a well-formed code with a correct check character.
func Valid(s string) bool {
	if len(s) != 18 {
		return false
	}
	c, ok := CheckChar(s[:17])
	return ok && s[17] == c
}

// Complete appends the check character to 17 characters; "" when they are malformed.
func Complete(first17 string) string {
	c, ok := CheckChar(first17)
	if !ok {
		return ""
	}
	return first17 + string(c)
}
