package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// functionCall is the start of a call of one of inlined's functions, up to
// its opening parenthesis.
var functionCall = regexp.MustCompile(`^(?i:(whole_days|has_scope_type))\s*\(`)

// inlined are the controls' helper functions in SQLite's own functions,
// each with its two arguments as %[1]s and %[2]s. They give what the Go
// functions give on the table's values, NULL included.
var inlined = map[string]string{
	// The milliseconds between the two timestamps (exact: the table's
	// timestamps have millisecond digits, and a julianday's rounding error
	// is far below half a millisecond), divided into whole days rounded
	// down, which SQLite's integer division does for a non-negative number
	// only, hence the offset of ten million days.
	"whole_days": "((cast(round((julianday(%[2]s) - julianday(%[1]s)) * 86400000) as integer) + 864000000000000) / 86400000 - 10000000)",
	// Anything but NULL or a JSON array of strings goes to the Go function,
	// which says what is wrong with it.
	"has_scope_type": "(case when %[1]s is null then null" +
		" when json_type(%[1]s) = 'array' and not exists (select 1 from json_each(%[1]s) where type <> 'text')" +
		" then exists (select 1 from json_each(%[1]s) where value = %[2]s)" +
		" else has_scope_type(%[1]s, %[2]s) end)",
}

// inlineFunctions rewrites each call of whole_days and has_scope_type into
// its inlined form: the query then runs without calling back from SQLite
// into Go for every row, which cost the report a fifth of its CPU. String
// literals, quoted identifiers and comments are left as they are; a call
// it cannot read (not two arguments, no closing parenthesis) is left to
// the registered Go function, which says what is wrong with it.
func inlineFunctions(sql string) string {
	var out strings.Builder
	for i := 0; i < len(sql); {
		if end := sqlscan.LiteralEnd(sql, i); end > i {
			out.WriteString(sql[i:end])
			i = end
			continue
		}
		if i == 0 || !isWordByte(sql[i-1]) {
			if m := functionCall.FindStringSubmatchIndex(sql[i:]); m != nil {
				if args, end, err := sqlscan.SplitArgs(sql, i+m[1]-1); err == nil && len(args) == 2 {
					fmt.Fprintf(&out, inlined[strings.ToLower(sql[i+m[2]:i+m[3]])],
						"("+inlineFunctions(strings.TrimSpace(args[0]))+")", "("+inlineFunctions(strings.TrimSpace(args[1]))+")")
					i = end
					continue
				}
			}
		}
		out.WriteByte(sql[i])
		i++
	}
	return out.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
