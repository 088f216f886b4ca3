package sqlscan

import (
	"errors"
	"strings"
	"testing"
)

// The seeds are the unit tests' cases.
var fuzzSeedSQL = []string{
	"f(a, g(b, c), 'x, y)', \"q(\" /* ) */, 'it''s')tail",
	"f(a, (b)",
	"f('a''b' x)",
	"f(\"id\" x)",
	"f(-- c\nx)",
	"f(/* c */ x)",
	"f('unclosed",
	"f(plain)",
	"f(/* unclosed",
	"f()",
}

// FuzzSplitArgs: for any text with a call opening at a "(", SplitArgs
// either finds the call's end, and then its arguments joined by commas are
// exactly the text between the parentheses, or says the call is unclosed.
func FuzzSplitArgs(f *testing.F) {
	for _, sql := range fuzzSeedSQL {
		f.Add(sql)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		open := strings.IndexByte(sql, '(')
		if open < 0 {
			return
		}
		args, end, err := SplitArgs(sql, open)
		if err != nil {
			if !errors.Is(err, ErrUnclosed) {
				t.Fatalf("SplitArgs(%q): unexpected error %v", sql, err)
			}
			return
		}
		if end <= open+1 || end > len(sql) || sql[end-1] != ')' {
			t.Fatalf("SplitArgs(%q): end %d is not after a closing parenthesis", sql, end)
		}
		if inner := sql[open+1 : end-1]; strings.Join(args, ",") != inner {
			t.Fatalf("SplitArgs(%q): arguments %q do not make up %q", sql, args, inner)
		}
		for _, arg := range args {
			if _, _, err := SplitArgs("("+arg+")", 0); err != nil {
				t.Fatalf("SplitArgs(%q): argument %q does not stand as a call of its own: %v", sql, arg, err)
			}
		}
	})
}

// FuzzQuotingHidesEverything: a value quoted as a literal or an identifier
// is read as one literal, and as one argument, whatever it holds.
func FuzzQuotingHidesEverything(f *testing.F) {
	for _, s := range []string{"", "a", "it's", `say "hi"`, "x, y)", "-- not a comment", "/* no */", "'", `"`, "(", ")"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, quoted := range []string{QuoteLiteral(s), QuoteIdentifier(s)} {
			if end := LiteralEnd(quoted, 0); end != len(quoted) {
				t.Fatalf("%q: the literal ends at %d of %d", quoted, end, len(quoted))
			}
			call := "f(" + quoted + ", x)"
			args, end, err := SplitArgs(call, 1)
			if err != nil || end != len(call) || len(args) != 2 || args[0] != quoted {
				t.Fatalf("SplitArgs(%q) = %q, %d, %v; want the quoted value as the first of two arguments", call, args, end, err)
			}
		}
	})
}

// FuzzLiteralEnd: a literal or comment ends within the text and starts with
// a quote or a comment opener; anywhere else LiteralEnd stays put.
func FuzzLiteralEnd(f *testing.F) {
	for _, sql := range fuzzSeedSQL {
		f.Add(sql, uint(2))
	}
	f.Fuzz(func(t *testing.T, sql string, at uint) {
		if sql == "" {
			return
		}
		i := int(at % uint(len(sql)))
		end := LiteralEnd(sql, i)
		if end == i {
			return
		}
		rest := sql[i:]
		opens := rest[0] == '\'' || rest[0] == '"' || strings.HasPrefix(rest, "--") || strings.HasPrefix(rest, "/*")
		if end < i || end > len(sql) || !opens {
			t.Fatalf("LiteralEnd(%q, %d) = %d", sql, i, end)
		}
	})
}
