// Package urlid owns the rule for ids that become part of a URL: company
// and community numbers, release periods, case numbers.
package urlid

// Pattern is the rule as a regular expression, for the data dictionary and
// the JSON schemas.
const Pattern = `^[A-Za-z0-9_-]{1,40}$`

// Valid reports whether s matches Pattern: 1 to 40 ASCII letters, digits,
// '-' or '_', so it needs no escaping in a path and never names a folder
// above or beside its own.
func Valid(s string) bool {
	if len(s) == 0 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
