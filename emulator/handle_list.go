package emulator

import (
	"encoding/json"
	"fmt"
	"strconv"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

type listBody struct {
	Tokens     []json.RawMessage `json:"tokens"`
	Pagination pagination        `json:"pagination"`
}

type pagination struct {
	Count int `json:"count"`
	Next  any `json:"next"` // number, string or null
	Prev  any `json:"prev"`
}

// list answers GET /v6/user/tokens: newest first, limit tokens per page, and
// until=<pagination.next> for the tokens created before the cursor.
func (s *Server) list(c *call) *reply {
	limit, problem := pageSize(c)
	if problem != nil {
		return problem
	}
	if c.paging.empty {
		return s.emptyPage(c)
	}
	from := 0
	if c.query.Has("until") && !c.paging.looping {
		raw := c.query.Get("until")
		until, ok := decodeCursor(raw)
		if !ok {
			return badRequest(fmt.Sprintf("query parameter `until` must be the pagination.next of a previous page, got %q", shorten(raw)))
		}
		from = s.store.olderThan(until)
	}
	page := s.store.page(from, limit)
	body := listBody{Tokens: make([]json.RawMessage, 0, len(page.tokens)+1)}
	if c.paging.repeat && from > 0 {
		body.Tokens = append(body.Tokens, s.store.newestFirst[from-1].raw)
	}
	for _, t := range page.tokens {
		body.Tokens = append(body.Tokens, t.raw)
	}
	body.Pagination.Count = len(body.Tokens)
	if n := len(page.tokens); n > 0 {
		if page.hasOlder || c.paging.looping {
			body.Pagination.Next = pad(s.cursor.encode(page.tokens[n-1].createdAt), c.paging.cursorBytes)
		}
		if page.hasNewer {
			body.Pagination.Prev = s.cursor.encode(page.tokens[0].createdAt)
		}
	}
	return okReply(body)
}

// shorten keeps an echoed parameter readable.
func shorten(s string) string {
	const keep = 64
	if len(s) <= keep {
		return s
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:keep], len(s))
}

func pageSize(c *call) (int, *reply) {
	if !c.query.Has("limit") {
		return defaultPageSize, nil
	}
	raw := c.query.Get("limit")
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxPageSize {
		return 0, badRequest(fmt.Sprintf("query parameter `limit` must be an integer between 1 and %d, got %q", maxPageSize, raw))
	}
	return n, nil
}
