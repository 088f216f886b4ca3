package vercelapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// pagingServer serves total tokens, newest first, in the cursor form asked
// for; it records every query string.
type pagingServer struct {
	*httptest.Server
	mu      sync.Mutex
	queries []string
	seen    chan int // receives the number of each list request as it arrives
}

func newPagingServer(t *testing.T, total int, stringCursor bool) *pagingServer {
	t.Helper()
	s := &pagingServer{seen: make(chan int, 1000)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.queries = append(s.queries, r.URL.RawQuery)
		s.seen <- len(s.queries)
		s.mu.Unlock()
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		start := 0
		if until := r.URL.Query().Get("until"); until != "" {
			if stringCursor {
				start, _ = strconv.Atoi(until[len("cursor-"):])
			} else {
				// createdAt of token i is base-i; until=X asks for createdAt < X
				x, _ := strconv.ParseInt(until, 10, 64)
				start = int(1_700_000_000_000 - x + 1)
			}
		}
		end := min(start+limit, total)
		tokens := make([]map[string]any, 0, limit)
		for i := start; i < end; i++ {
			tokens = append(tokens, map[string]any{"id": fmt.Sprintf("tok-%04d", i), "name": "n", "type": "authentication-token", "createdAt": 1_700_000_000_000 - i, "activeAt": 1})
		}
		var next any
		if end < total {
			if stringCursor {
				next = fmt.Sprintf("cursor-%d", end)
			} else {
				next = 1_700_000_000_000 - (end - 1)
			}
		}
		json.NewEncoder(w).Encode(map[string]any{"tokens": tokens, "pagination": map[string]any{"count": len(tokens), "next": next, "prev": nil}})
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *pagingServer) recorded() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}

func collect(t *testing.T, c *Client, opts ListTokensOptions) ([]string, error) {
	t.Helper()
	var ids []string
	err := c.ListTokens(t.Context(), opts, func(page []AuthToken) bool {
		for _, tok := range page {
			ids = append(ids, tok.ID)
		}
		return true
	})
	return ids, err
}

func TestListTokensPagesThroughBothCursorForms(t *testing.T) {
	for _, stringCursor := range []bool{false, true} {
		t.Run(fmt.Sprintf("string cursor %v", stringCursor), func(t *testing.T) {
			srv := newPagingServer(t, 250, stringCursor)
			ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
			require.NoError(t, err)
			require.Len(t, ids, 250)
			for i, id := range ids {
				assert.Equal(t, fmt.Sprintf("tok-%04d", i), id)
			}
			queries := srv.recorded()
			require.Len(t, queries, 3)
			assert.Equal(t, "limit=100", queries[0])
			if stringCursor {
				assert.Equal(t, "limit=100&until=cursor-100", queries[1])
			} else {
				assert.Equal(t, "limit=100&until=1699999999901", queries[1], "a numeric cursor goes back digit for digit")
			}
		})
	}
}

func TestListTokensLimitShrinksThePage(t *testing.T) {
	srv := newPagingServer(t, 250, false)
	ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{Limit: rowlimit.Rows(5)})
	require.NoError(t, err)
	assert.Len(t, ids, 5)
	assert.Equal(t, []string{"limit=5"}, srv.recorded())

	srv = newPagingServer(t, 250, false)
	ids, err = collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{Limit: rowlimit.Rows(150)})
	require.NoError(t, err)
	assert.Len(t, ids, 150)
	assert.Equal(t, []string{"limit=100", "limit=50&until=1699999999901"}, srv.recorded())

	srv = newPagingServer(t, 250, false)
	ids, err = collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{Limit: rowlimit.Rows(0)})
	require.NoError(t, err)
	assert.Empty(t, ids)
	assert.Empty(t, srv.recorded(), "a limit of no rows asks for nothing")
}

func TestListTokensStopsWhenTheCallerHasEnough(t *testing.T) {
	srv := newPagingServer(t, 1000, false)
	pages := 0
	err := newTestClient(t, srv.URL, "").ListTokens(t.Context(), ListTokensOptions{}, func([]AuthToken) bool {
		pages++
		return false
	})
	require.NoError(t, err)
	assert.Equal(t, 1, pages)
	// The next page may already have been asked for, never more.
	assert.LessOrEqual(t, len(srv.recorded()), 2)
}

func TestListTokensFetchesAheadWhileAPageIsHandled(t *testing.T) {
	srv := newPagingServer(t, 300, false)
	var pages int
	err := newTestClient(t, srv.URL, "").ListTokens(t.Context(), ListTokensOptions{}, func([]AuthToken) bool {
		pages++
		if pages == 1 {
			<-srv.seen // request 1
			select {
			case n := <-srv.seen:
				assert.Equal(t, 2, n)
			case <-time.After(5 * time.Second):
				t.Error("page 2 was not requested while page 1 was being handled")
			}
		}
		return true
	})
	require.NoError(t, err)
	assert.Equal(t, 3, pages)
}

func TestListTokensRejectsALoopingCursor(t *testing.T) {
	page := `{"tokens":[{"id":"a","name":"n","type":"t"}],"pagination":{"count":1,"next":"same","prev":null}}`
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: page})
	ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	var loop *PagingError
	require.True(t, errors.As(err, &loop), "got %v", err)
	assert.Contains(t, err.Error(), `cursor "same" again`)
	assert.Equal(t, 2, srv.count())
	assert.Equal(t, []string{"a"}, ids, "the pages before the loop was seen were handed over, the repeated token once; the caller fails the query")
}

func TestListTokensRejectsALongerCursorCycle(t *testing.T) {
	pageA := `{"tokens":[],"pagination":{"count":0,"next":1,"prev":null}}`
	pageB := `{"tokens":[],"pagination":{"count":0,"next":2,"prev":null}}`
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: pageA}, cannedAnswer{status: 200, body: pageB}, cannedAnswer{status: 200, body: pageA})
	_, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	var loop *PagingError
	require.True(t, errors.As(err, &loop), "got %v", err)
	assert.Equal(t, 3, srv.count())
}

func TestListTokensFailsOnAMalformedPage(t *testing.T) {
	first := `{"tokens":[{"id":"a","name":"n","type":"t"}],"pagination":{"count":1,"next":5,"prev":null}}`
	for name, second := range map[string]string{
		"garbage":             `{"tokens":[{"id":`,
		"no pagination":       `{"tokens":[]}`,
		"no tokens":           `{"pagination":{"next":null}}`,
		"bad cursor type":     `{"tokens":[],"pagination":{"next":{"x":1}}}`,
		"bad token field":     `{"tokens":[{"id":"b","createdAt":"yesterday"}],"pagination":{"next":null}}`,
		"token not an object": `{"tokens":["b"],"pagination":{"next":null}}`,
		"token without id":    `{"tokens":[{"name":"b"}],"pagination":{"next":null}}`,
		"not an object":       `[]`,
		"null":                `null`,
		"tokens not a list":   `{"tokens":{"id":"b"},"pagination":{"next":null}}`,
		"tokens null":         `{"tokens":null,"pagination":{"next":null}}`,
		"pagination null":     `{"tokens":[],"pagination":null}`,
		"broken inside list":  `{"tokens":[{"id":"b"} {"id":"c"}],"pagination":{"next":null}}`,
		"broken other field":  `{"extra":[1,,2],"tokens":[],"pagination":{"next":null}}`,
		"trailing data":       `{"tokens":[],"pagination":{"next":null}} {}`,
		"trailing garbage":    `{"tokens":[],"pagination":{"next":null}}x`,
		"unclosed object":     `{"tokens":[],"pagination":{"next":null}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: 200, body: first}, cannedAnswer{status: 200, body: second})
			ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
			var malformed *MalformedAnswerError
			require.True(t, errors.As(err, &malformed), "got %v", err)
			assert.Equal(t, []string{"a"}, ids, "the page before the malformed one was handed over, nothing of the malformed one")
		})
	}
}

func TestListTokensReadsOnlyItsFieldsOfAPage(t *testing.T) {
	// Other fields of any shape are skipped; a field given twice counts
	// once, the last one, as encoding/json decides for an object.
	page := `{"note":{"tokens":["nested"],"x":[1,{"y":null}]},"tokens":[{"id":"old"}],"pagination":{"next":7},` +
		`"tokens":[{"id":"a","name":"n","type":"t"}],"pagination":{"next":null},"count":1}`
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: page})
	ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, ids)
	assert.Equal(t, 1, srv.count(), "the last pagination, with no next page, is the one followed")
}

func TestListTokensHonoursCancellation(t *testing.T) {
	srv := newPagingServer(t, 1000, false)
	c := newTestClient(t, srv.URL, "")
	ctx, cancel := context.WithCancel(t.Context())
	pages := 0
	err := c.ListTokens(ctx, ListTokensOptions{}, func([]AuthToken) bool {
		pages++
		cancel()
		return true
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, pages)
	assert.LessOrEqual(t, len(srv.recorded()), 2)
}

func TestListTokensCallsBeforePage(t *testing.T) {
	srv := newPagingServer(t, 250, false)
	calls := 0
	_, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{BeforePage: func(context.Context) { calls++ }})
	require.NoError(t, err)
	assert.Equal(t, 3, calls)
}

// endlessServer answers every list request with page(n) for the n-th
// request, n from 1.
func endlessServer(t *testing.T, page func(n int) string) *recordingServer {
	t.Helper()
	s := &recordingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, nil)
		n := len(s.requests)
		s.mu.Unlock()
		fmt.Fprint(w, page(n))
	}))
	t.Cleanup(s.Close)
	return s
}

func TestListTokensEndsARunOfEmptyPages(t *testing.T) {
	srv := endlessServer(t, func(n int) string {
		return fmt.Sprintf(`{"tokens":[],"pagination":{"next":%d}}`, 1_700_000_000_000-n)
	})
	_, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	var paging *PagingError
	require.ErrorAs(t, err, &paging)
	assert.Contains(t, err.Error(), "pages in a row brought no new token")
	assert.Equal(t, MaxEmptyPagesInARow+1, srv.count())
}

func TestListTokensEndsAPageOfRepeatsLikeAnEmptyOne(t *testing.T) {
	srv := endlessServer(t, func(n int) string {
		return fmt.Sprintf(`{"tokens":[{"id":"same"}],"pagination":{"next":%d}}`, 1_700_000_000_000-n)
	})
	ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	var paging *PagingError
	require.ErrorAs(t, err, &paging)
	assert.Equal(t, []string{"same"}, ids)
	assert.Equal(t, MaxEmptyPagesInARow+2, srv.count())
}

func TestListTokensRefusesAnAbsurdCursor(t *testing.T) {
	huge := strings.Repeat("c", 4<<20)
	srv := endlessServer(t, func(int) string {
		return `{"tokens":[{"id":"a"}],"pagination":{"next":"` + huge + `"}}`
	})
	ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	var paging *PagingError
	require.ErrorAs(t, err, &paging)
	assert.Contains(t, err.Error(), "pagination cursor of 4194304 bytes")
	assert.Less(t, len(err.Error()), 300, "the message does not carry the cursor")
	assert.Equal(t, 1, srv.count(), "the cursor is never sent back")
	assert.Equal(t, []string{"a"}, ids)
}

func TestListTokensStopsAtMaxPages(t *testing.T) {
	srv := endlessServer(t, func(n int) string {
		return fmt.Sprintf(`{"tokens":[{"id":"tok-%d"}],"pagination":{"next":%d}}`, n, 1_700_000_000_000-n)
	})
	pages := 0
	err := newTestClient(t, srv.URL, "").ListTokens(t.Context(), ListTokensOptions{}, func([]AuthToken) bool {
		pages++
		return true
	})
	var paging *PagingError
	require.ErrorAs(t, err, &paging)
	assert.Contains(t, err.Error(), "after 10000 pages")
	assert.Equal(t, MaxPages, srv.count())
	assert.Equal(t, MaxPages, pages)
}

func TestListTokensLoopMessageShortensTheCursor(t *testing.T) {
	long := strings.Repeat("x", MaxCursorBytes)
	srv := endlessServer(t, func(n int) string {
		return fmt.Sprintf(`{"tokens":[{"id":"tok-%d"}],"pagination":{"next":"%s"}}`, n, long)
	})
	_, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	var loop *PagingError
	require.ErrorAs(t, err, &loop)
	assert.Less(t, len(err.Error()), 300)
	assert.Contains(t, err.Error(), "(1024 bytes)")
}

func TestListTokensSkipsARepeatedToken(t *testing.T) {
	srv := newRecordingServer(t,
		cannedAnswer{status: 200, body: `{"tokens":[{"id":"a","name":"first"},{"id":"b","name":"first"},{"id":"a","name":"again"}],"pagination":{"next":5}}`},
		cannedAnswer{status: 200, body: `{"tokens":[{"id":"b","name":"again"},{"id":"c","name":"first"}],"pagination":{"next":null}}`})
	c, logs := tracingClient(t, testToken, srv.URL)
	var got []string
	err := c.ListTokens(t.Context(), ListTokensOptions{}, func(page []AuthToken) bool {
		for _, tok := range page {
			got = append(got, tok.ID+"/"+tok.Name)
		}
		return true
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"a/first", "b/first", "c/first"}, got, "each token once, its first occurrence")
	assert.Equal(t, 2, strings.Count(logs.String(), "skipping a token the API listed again"))
	assert.Contains(t, logs.String(), "[DEBUG]")
}

func TestListTokensFailsBeforeHandingOverAPageWithABadTimestamp(t *testing.T) {
	srv := newRecordingServer(t,
		cannedAnswer{status: 200, body: `{"tokens":[{"id":"a","createdAt":1}],"pagination":{"next":5}}`},
		cannedAnswer{status: 200, body: `{"tokens":[{"id":"b","createdAt":1},{"id":"tok_123","expiresAt":253402300800000}],"pagination":{"next":null}}`})
	ids, err := collect(t, newTestClient(t, srv.URL, ""), ListTokensOptions{})
	var malformed *MalformedAnswerError
	require.ErrorAs(t, err, &malformed)
	assert.Contains(t, err.Error(), "token tok_123: expiresAt: 253402300800000 is after year 9999")
	assert.Equal(t, []string{"a"}, ids, "no token of the bad page was handed over")
}
