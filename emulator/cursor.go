package emulator

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// CursorForm is how list answers spell pagination.next and pagination.prev;
// the published schema allows both.
type CursorForm int

const (
	// CursorNumber: the createdAt (ms) of the last token on the page;
	// the next page holds the tokens created before it.
	CursorNumber CursorForm = iota
	// CursorString: an opaque string.
	CursorString
)

const opaqueCursorTag = "until:"

func (c CursorForm) encode(createdAt int64) any {
	if c == CursorString {
		return base64.RawURLEncoding.EncodeToString([]byte(opaqueCursorTag + strconv.FormatInt(createdAt, 10)))
	}
	return createdAt
}

// decodeCursor accepts both forms whatever the server emits. Numbers must be
// plain integers: "1.7e+12" is a client bug (a float formatted back), not a
// cursor.
func decodeCursor(s string) (createdAt int64, ok bool) {
	s = strings.TrimRight(s, cursorPadding)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	digits, tagged := strings.CutPrefix(string(raw), opaqueCursorTag)
	if !tagged {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil
}
