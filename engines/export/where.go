package main

import (
	"fmt"
	"regexp"
	"strings"
)

// whereSyntax is `column = value`, the value optionally in single or double
// quotes; a quote inside a quoted value is doubled, as in SQL.
var whereSyntax = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('(?:[^']|'')*'|"(?:[^"]|"")*"|[^\s'"=<>!]+)\s*$`)

const whereExample = `e.g. --where "token_id = 'abc'"`

// parseWheres turns --where filters into column → value equalities.
func parseWheres(wheres []string) (map[string]string, error) {
	if len(wheres) == 0 {
		return nil, nil
	}
	equals := make(map[string]string, len(wheres))
	for _, where := range wheres {
		column, value, err := parseWhere(where)
		if err != nil {
			return nil, err
		}
		if previous, seen := equals[column]; seen && previous != value {
			return nil, fmt.Errorf("--where: %s cannot equal both %q and %q", column, previous, value)
		}
		equals[column] = value
	}
	return equals, nil
}

func parseWhere(where string) (column, value string, err error) {
	m := whereSyntax.FindStringSubmatch(where)
	if m == nil {
		return "", "", fmt.Errorf("--where %q: only key-column equality is supported, %s", where, whereExample)
	}
	return m[1], unquote(m[2]), nil
}

// unquote strips a value's quotes and undoubles the quotes inside.
func unquote(value string) string {
	if len(value) < 2 {
		return value
	}
	quote := value[:1]
	if quote != "'" && quote != `"` {
		return value
	}
	return strings.ReplaceAll(value[1:len(value)-1], quote+quote, quote)
}
