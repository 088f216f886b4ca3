// Package sqlscan reads just enough of a SQL text to rewrite function calls
// in it: where a literal, quoted identifier or comment ends, and the
// top-level arguments of a call. internal/controls writes the controls'
// helper functions' calls with it, for SQLite and for PostgreSQL.
package sqlscan

import (
	"errors"
	"strings"
)

// ErrUnclosed means a call's argument list has no closing parenthesis.
var ErrUnclosed = errors.New("no closing parenthesis")

// SplitArgs reads the parenthesised argument list opening at sql[open]: its
// top-level arguments and the index after the closing parenthesis.
func SplitArgs(sql string, open int) ([]string, int, error) {
	depth, start := 0, open+1
	var args []string
	for i := open; i < len(sql); {
		if end := LiteralEnd(sql, i); end > i {
			i = end
			continue
		}
		switch sql[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return append(args, sql[start:i]), i + 1, nil
			}
		case ',':
			if depth == 1 {
				args = append(args, sql[start:i])
				start = i + 1
			}
		}
		i++
	}
	return nil, 0, ErrUnclosed
}

// LiteralEnd is the index after the string literal, quoted identifier or
// comment starting at sql[i], or i when none starts there. A line comment
// ends before its newline.
func LiteralEnd(sql string, i int) int {
	rest := sql[i:]
	switch {
	case rest[0] == '\'' || rest[0] == '"':
		q := rest[0]
		for j := 1; j < len(rest); j++ {
			if rest[j] == q {
				if j+1 < len(rest) && rest[j+1] == q { // a doubled quote
					j++
					continue
				}
				return i + j + 1
			}
		}
		return len(sql)
	case strings.HasPrefix(rest, "--"):
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			return i + j
		}
		return len(sql)
	case strings.HasPrefix(rest, "/*"):
		if j := strings.Index(rest[2:], "*/"); j >= 0 {
			return i + 2 + j + 2
		}
		return len(sql)
	}
	return i
}
