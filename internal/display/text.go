package display

import (
	"fmt"
	"strings"
	"unicode"
)

// CSVCell neutralises a text cell that a spreadsheet would run as a formula
// (OWASP's rule for CSV injection): a cell starting with =, +, -, @, a tab
// or a carriage return gets a leading apostrophe. Apply it to text only:
// numbers, booleans and timestamps never start with a formula character.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Terminal makes s safe to print on a terminal: control characters (ANSI
// escape sequences among them), and the bidirectional overrides that can
// make text read differently from what it is, are shown as visible \x.. or
// \u.... escapes instead of being interpreted.
func Terminal(s string) string {
	if strings.IndexFunc(s, unsafeOnTerminal) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeOnTerminal(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeOnTerminal(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}
