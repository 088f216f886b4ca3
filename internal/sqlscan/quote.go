package sqlscan

import "strings"

// QuoteIdentifier quotes name as an SQL identifier, in SQLite and
// PostgreSQL alike.
func QuoteIdentifier(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteLiteral quotes s as an SQL string literal (standard_conforming_strings
// in PostgreSQL).
func QuoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
