package emulator

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
)

// pagingFaults are the faults of list answers.
type pagingFaults struct {
	looping     bool
	empty       bool
	repeat      bool
	cursorBytes int
}

// cursorPadding fills padded cursors up to Faults.CursorBytes; it is not in
// the base64url alphabet, so decodeCursor can strip it, and needs no
// escaping in a query.
const cursorPadding = "~"

// pad lengthens a cursor to n bytes; a padded cursor is always a string.
func pad(cursor any, n int) any {
	if n <= 0 {
		return cursor
	}
	s, ok := cursor.(string)
	if !ok {
		s = strconv.FormatInt(cursor.(int64), 10)
	}
	return s + strings.Repeat(cursorPadding, max(n-len(s), 0))
}

// freshCursor is a cursor no list answer held before; the caller holds s.mu.
func (s *Server) freshCursor() string {
	s.freshCursors++
	return base64.RawURLEncoding.EncodeToString([]byte("empty:" + strconv.Itoa(s.freshCursors)))
}

// emptyPage answers a list with no tokens and a fresh cursor.
func (s *Server) emptyPage(c *call) *reply {
	body := listBody{Tokens: []json.RawMessage{}}
	body.Pagination.Next = pad(s.freshCursor(), c.paging.cursorBytes)
	return okReply(body)
}
