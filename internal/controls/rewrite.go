package controls

import (
	"fmt"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// Rewrite returns a control's query in dialect d: each call of a helper
// function becomes d's definition of it, each :name parameter becomes
// param(name) (or stays as it is when param is nil), and, in PostgreSQL, a
// string literal beside || is typed text. String literals, quoted
// identifiers and comments are left as they are.
func Rewrite(query string, d Dialect, param func(name string) (string, error)) (string, error) {
	var out strings.Builder
	for i := 0; i < len(query); {
		if end := sqlscan.LiteralEnd(query, i); end > i {
			out.WriteString(query[i:end])
			if d == PostgreSQL && query[i] == '\'' && (concatenated(query[end:]) || strings.HasSuffix(strings.TrimSpace(out.String()[:out.Len()-(end-i)]), "||")) {
				out.WriteString("::text")
			}
			i = end
			continue
		}
		c := query[i]
		switch {
		case c == ':' && strings.HasPrefix(query[i:], "::"):
			out.WriteString("::")
			i += 2
		case c == ':' && i+1 < len(query) && isIdentStart(query[i+1]):
			end := identEnd(query, i+1)
			p := query[i:end]
			if param != nil {
				var err error
				if p, err = param(query[i+1 : end]); err != nil {
					return "", err
				}
			}
			out.WriteString(p)
			i = end
		case isIdentStart(c) && (i == 0 || (!isIdent(query[i-1]) && query[i-1] != '.')):
			end := identEnd(query, i)
			word := query[i:end]
			fn, isFunction := function(word)
			open := skipSpace(query, end)
			if !isFunction || open >= len(query) || query[open] != '(' {
				out.WriteString(word)
				i = end
				continue
			}
			args, next, err := sqlscan.SplitArgs(query, open)
			if err != nil {
				return "", fmt.Errorf("%s(…): %w", word, err)
			}
			if len(args) != fn.Arity {
				return "", fmt.Errorf("%s takes %d arguments, got %d", word, fn.Arity, len(args))
			}
			operands := make([]any, len(args))
			for k, arg := range args {
				rewritten, err := Rewrite(strings.TrimSpace(arg), d, param)
				if err != nil {
					return "", err
				}
				operands[k] = operand(rewritten)
			}
			fmt.Fprintf(&out, fn.definition(d), operands...)
			i = next
		default:
			out.WriteByte(c)
			i++
		}
	}
	return out.String(), nil
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
