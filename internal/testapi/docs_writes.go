package testapi

import "regexp"

// writeSQL tells a documented example that revokes or creates tokens.
var writeSQL = regexp.MustCompile(`(?is)^\s*(begin|insert|delete|update)\b`)

// IsWriteSQL tells the documented examples that revoke or create tokens:
// each engine's docs tests run them as scripts on a fixture of their own,
// not as queries compared across engines.
func IsWriteSQL(sql string) bool { return writeSQL.MatchString(sql) }

// RotatedPlaceholder is the token id the documented rotation asks to
// replace; the tests put a real one in its place.
const RotatedPlaceholder = "tok_to_rotate"
