package main

import (
	"fmt"
	"regexp"
	"strings"
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
		if end := skipLiteral(sql, i); end > i {
			out.WriteString(sql[i:end])
			i = end
			continue
		}
		if i == 0 || !isWordByte(sql[i-1]) {
			if m := functionCall.FindStringSubmatchIndex(sql[i:]); m != nil {
				if args, end := callArgs(sql, i+m[1]); len(args) == 2 {
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

// callArgs reads a call's arguments from just after its opening
// parenthesis: the top-level arguments and the index after the closing
// parenthesis; no arguments when there is none.
func callArgs(sql string, from int) ([]string, int) {
	depth, start := 0, from
	var args []string
	for i := from; i < len(sql); {
		if end := skipLiteral(sql, i); end > i {
			i = end
			continue
		}
		switch sql[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return append(args, sql[start:i]), i + 1
			}
			depth--
		case ',':
			if depth == 0 {
				args = append(args, sql[start:i])
				start = i + 1
			}
		}
		i++
	}
	return nil, len(sql)
}

// skipLiteral is the index after the string literal, quoted identifier or
// comment starting at sql[i], or i when none starts there. A doubled quote
// inside a literal reads as the literal's end followed by a new one, which
// comes to the same.
func skipLiteral(sql string, i int) int {
	end := func(from int, closing string) int {
		if j := strings.Index(sql[from:], closing); j >= 0 {
			return from + j + len(closing)
		}
		return len(sql)
	}
	switch rest := sql[i:]; {
	case rest[0] == '\'' || rest[0] == '"' || rest[0] == '`':
		return end(i+1, rest[:1])
	case strings.HasPrefix(rest, "--"):
		return end(i+2, "\n")
	case strings.HasPrefix(rest, "/*"):
		return end(i+2, "*/")
	}
	return i
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
