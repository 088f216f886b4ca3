package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// evaluationTime is the expression a control's :now becomes: the time the
// wrapper's evaluation CTE fixes once per query.
const evaluationTime = "(select evaluation_time from evaluation)"

// translator turns one control's SQLite-dialect query into PostgreSQL's:
// :now into evaluationTime, each :variable into its column of the evaluation
// CTE (bound to $2, $3, … in order of first use, $1 being the evaluation
// time), and the report's helper functions into inline expressions.
type translator struct {
	control string
	known   map[string]bool
	params  []string // variables in order of first use: $2, $3, …
}

// functions are the report's SQLite helpers as PostgreSQL expressions, as
// docs/compliance.md defines them. Each takes its arguments already
// translated.
var functions = map[string]struct {
	arity int
	sql   func(args []string) string
}{
	// whole days from a to b, rounded down; NULL when either is NULL.
	"whole_days": {2, func(a []string) string {
		return fmt.Sprintf("floor((extract(epoch from %s) - extract(epoch from %s)) / 86400)::int", a[1], a[0])
	}},
	// the JSON array s holds t; NULL when s is NULL.
	"has_scope_type": {2, func(a []string) string {
		return fmt.Sprintf("(%s @> jsonb_build_array(%s))", a[0], a[1])
	}},
	// SQLite's date() of the report's UTC timestamps: the day in UTC,
	// whatever the session's TimeZone.
	"date": {1, func(a []string) string {
		return fmt.Sprintf("to_char(%s at time zone 'UTC', 'YYYY-MM-DD')", a[0])
	}},
}

// translate rewrites sql; string literals, quoted identifiers and comments
// are left as they are.
func (t *translator) translate(sql string) (string, error) {
	var out strings.Builder
	for i := 0; i < len(sql); {
		if end := sqlscan.LiteralEnd(sql, i); end > i {
			out.WriteString(sql[i:end])
			if sql[i] == '\'' && (concatenated(sql[end:]) || strings.HasSuffix(strings.TrimSpace(out.String()[:out.Len()-(end-i)]), "||")) {
				out.WriteString("::text")
			}
			i = end
			continue
		}
		c := sql[i]
		switch {
		case c == ':' && strings.HasPrefix(sql[i:], "::"):
			out.WriteString("::")
			i += 2
		case c == ':' && i+1 < len(sql) && isIdentStart(sql[i+1]):
			end := identEnd(sql, i+1)
			p, err := t.param(sql[i+1 : end])
			if err != nil {
				return "", err
			}
			out.WriteString(p)
			i = end
		case isIdentStart(c) && (i == 0 || (!isIdent(sql[i-1]) && sql[i-1] != '.')):
			end := identEnd(sql, i)
			word := sql[i:end]
			fn, isFunction := functions[strings.ToLower(word)]
			open := skipSpace(sql, end)
			if !isFunction || open >= len(sql) || sql[open] != '(' {
				out.WriteString(word)
				i = end
				continue
			}
			args, next, err := sqlscan.SplitArgs(sql, open)
			if err != nil {
				return "", fmt.Errorf("%s(…): %w", word, err)
			}
			if len(args) != fn.arity {
				return "", fmt.Errorf("%s takes %d arguments, got %d", word, fn.arity, len(args))
			}
			for k, arg := range args {
				if args[k], err = t.translate(strings.TrimSpace(arg)); err != nil {
					return "", err
				}
				args[k] = operand(args[k])
			}
			out.WriteString(fn.sql(args))
			i = next
		default:
			out.WriteByte(c)
			i++
		}
	}
	return out.String(), nil
}

// param is what :name becomes: the variable's column of the wrapper's
// evaluation CTE, which binds and checks it once per query.
func (t *translator) param(name string) (string, error) {
	if name == "now" {
		return evaluationTime, nil
	}
	if !t.known[name] {
		return "", fmt.Errorf("control %s uses :%s, which is not one of the report's variables (its --help lists them)", t.control, name)
	}
	if !slices.Contains(t.params, name) {
		t.params = append(t.params, name)
	}
	return fmt.Sprintf("(select %s from evaluation)", name), nil
}

// concatenated tells whether rest starts, after spaces, with ||. A string
// literal beside || is typed text: in PostgreSQL an untyped literal beside
// a jsonb would be read as JSON (jsonb || jsonb), in SQLite it is text.
func concatenated(rest string) bool {
	return strings.HasPrefix(strings.TrimLeft(rest, " \t\r\n"), "||")
}

// operand is expr safe to use as an operand: parenthesised unless it is a
// column name, a string literal or already parenthesised whole.
func operand(expr string) string {
	simple := true
	for i := 0; i < len(expr); i++ {
		simple = simple && (isIdent(expr[i]) || expr[i] == '.')
	}
	if simple && expr != "" || strings.HasPrefix(expr, "'") && sqlscan.LiteralEnd(expr, 0) == len(expr) {
		return expr
	}
	if strings.HasPrefix(expr, "(") {
		if _, end, err := sqlscan.SplitArgs(expr, 0); err == nil && end == len(expr) {
			return expr
		}
	}
	return "(" + expr + ")"
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdent(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }

func identEnd(sql string, i int) int {
	for i < len(sql) && isIdent(sql[i]) {
		i++
	}
	return i
}

func skipSpace(sql string, i int) int {
	for i < len(sql) && strings.ContainsRune(" \t\r\n", rune(sql[i])) {
		i++
	}
	return i
}
