package vercelapi

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/hashicorp/go-hclog"
)

// MaxPageSize is the largest page the list endpoint serves.
const MaxPageSize = 100

// ListTokensOptions tunes ListTokens. The zero value lists every token in
// pages of MaxPageSize.
type ListTokensOptions struct {
	// PageSize is the limit asked for per page, 1–100; 0 means 100.
	PageSize int
	// MaxTokens stops paging once this many tokens have been fetched, and
	// shrinks the page size to match; 0 means no bound.
	MaxTokens int64
	// BeforePage, if set, runs before each page request, e.g. to wait for a
	// client-side rate limiter.
	BeforePage func(context.Context)
}

// Bounds on paging. No real token list comes near them; a server that
// breaks one is not paging as Vercel does, and the list fails with a
// *PagingError rather than run on (or grow) without end.
const (
	// MaxPages bounds the pages of one list: a million tokens at 100 a page.
	MaxPages = 10_000
	// MaxEmptyPagesInARow bounds a run of pages that bring no new token yet
	// name a next page.
	MaxEmptyPagesInARow = 5
	// MaxCursorBytes bounds a pagination cursor; Vercel's are 13-digit
	// millisecond timestamps.
	MaxCursorBytes = 1024
)

// listAnswer keeps each token raw until it is decoded on its own, so that a
// bad token is named by its place on the page.
type listAnswer struct {
	Tokens     []json.RawMessage `json:"tokens"`
	Pagination *struct {
		Next Cursor `json:"next"`
	} `json:"pagination"`
}

func (a *listAnswer) validate() error {
	if a.Tokens == nil {
		return errors.New(`the answer has no "tokens" list`)
	}
	if a.Pagination == nil {
		return errors.New(`the answer has no "pagination" object`)
	}
	return nil
}

// ListTokens pages through the user's tokens (GET /v6/user/tokens, next
// pages with until=<pagination.next>) and hands each page, in order, to
// handle on the caller's goroutine. While handle works on one page the next
// is already being fetched and decoded, so the network sets the pace; at
// most two pages are held at once. Paging stops when the API says there is
// no next page, when handle returns false (then ListTokens returns nil),
// when MaxTokens is reached, or at the first error, which is returned after
// the pages before it were handled. A page is decoded whole before it is
// handed over: a token that does not decode (a timestamp out of range, say)
// fails the list before any token of its page reaches handle.
//
// A token id that comes again on a later page (or twice on one page) is
// skipped, the first occurrence kept, with a DEBUG log line: Vercel's
// timestamp cursors can repeat the token on a page boundary, and a token is
// never two rows. A cursor the API already gave, a cursor longer than
// MaxCursorBytes, more than MaxEmptyPagesInARow pages in a row without a new
// token, or more than MaxPages pages is a *PagingError.
// Loop and repeat detection keep a fixed-size digest per cursor and id.
func (c *Client) ListTokens(ctx context.Context, opts ListTokensOptions, handle func([]AuthToken) bool) error {
	return c.secret.redactError(c.listTokens(ctx, opts, handle))
}

func (c *Client) listTokens(ctx context.Context, opts ListTokensOptions, handle func([]AuthToken) bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan []AuthToken)
	fetchErr := make(chan error, 1)
	go func() {
		defer close(pages)
		fetchErr <- c.fetchTokenPages(ctx, opts, pages)
	}()
	stop := func() {
		cancel()
		for range pages {
		}
	}
	for page := range pages {
		if err := ctx.Err(); err != nil {
			stop()
			return fmt.Errorf("GET %s: %w", listTokensPath, err)
		}
		if !handle(page) {
			stop()
			return nil
		}
	}
	return <-fetchErr
}

func (c *Client) fetchTokenPages(ctx context.Context, opts ListTokensOptions, pages chan<- []AuthToken) error {
	pageSize := int64(opts.PageSize)
	if pageSize <= 0 || pageSize > MaxPageSize {
		pageSize = MaxPageSize
	}
	cursors := digestSet{}
	ids := digestSet{}
	var until Cursor
	var fetched int64
	emptyInARow := 0
	for pageNumber := 1; ; pageNumber++ {
		limit := pageSize
		if opts.MaxTokens > 0 {
			limit = min(limit, opts.MaxTokens-fetched)
		}
		query := url.Values{"limit": {strconv.FormatInt(limit, 10)}}
		if !until.IsNull() {
			query.Set("until", until.String())
		}
		if opts.BeforePage != nil {
			opts.BeforePage(ctx)
		}
		var a listAnswer
		if err := c.do(ctx, http.MethodGet, listTokensPath, query, nil, &a); err != nil {
			return err
		}
		page, err := c.decodeTokens(a.Tokens)
		if err != nil {
			return err
		}
		page = c.dropRepeats(page, ids)
		select {
		case pages <- page:
		case <-ctx.Done():
			return fmt.Errorf("GET %s: %w", listTokensPath, ctx.Err())
		}
		fetched += int64(len(page))
		next := a.Pagination.Next
		if next.IsNull() || (opts.MaxTokens > 0 && fetched >= opts.MaxTokens) {
			return nil
		}
		if len(page) == 0 {
			emptyInARow++
		} else {
			emptyInARow = 0
		}
		switch {
		case len(next.String()) > MaxCursorBytes:
			return &PagingError{Path: listTokensPath, Pages: pageNumber, Reason: fmt.Sprintf("the API returned a pagination cursor of %d bytes, more than the %d this client accepts (Vercel's cursors are timestamps)", len(next.String()), MaxCursorBytes)}
		case emptyInARow > MaxEmptyPagesInARow:
			return &PagingError{Path: listTokensPath, Pages: pageNumber, Reason: fmt.Sprintf("%d pages in a row brought no new token but named a next page", emptyInARow)}
		case pageNumber >= MaxPages:
			return &PagingError{Path: listTokensPath, Pages: pageNumber, Reason: fmt.Sprintf("the API still named a next page after %d pages, the most this client follows (a million tokens)", MaxPages)}
		case !cursors.add(next.String()):
			return &PagingError{Path: listTokensPath, Pages: pageNumber, Reason: fmt.Sprintf("the API returned pagination cursor %q again; following it would page forever", c.secret.redact(shorten(next.String())))}
		}
		until = next
	}
}

// decodeTokens decodes a whole page, so that a token that does not decode
// fails the list before any token of its page is handed over.
func (c *Client) decodeTokens(raw []json.RawMessage) ([]AuthToken, error) {
	tokens := make([]AuthToken, len(raw))
	for i, r := range raw {
		err := json.Unmarshal(r, &tokens[i])
		if err == nil && tokens[i].ID == "" {
			err = errors.New(`it has no "id"`)
		}
		var named *tokenDecodeError
		if err != nil && !errors.As(err, &named) {
			err = fmt.Errorf("token %d of the page: %w", i+1, err)
		}
		if err != nil {
			return nil, c.malformed(http.MethodGet, listTokensPath, err)
		}
	}
	return tokens, nil
}

// dropRepeats keeps the tokens of page whose id has not been seen before.
func (c *Client) dropRepeats(page []AuthToken, seen digestSet) []AuthToken {
	kept := page[:0]
	for _, token := range page {
		if seen.add(token.ID) {
			kept = append(kept, token)
			continue
		}
		c.log(hclog.Debug, "skipping a token the API listed again", "path", listTokensPath, "token_id", token.ID)
	}
	return kept
}

// digestSet remembers strings by their SHA-256, so that what it keeps does
// not grow with what a server sends.
type digestSet map[[sha256.Size]byte]struct{}

// add reports whether s was new.
func (d digestSet) add(s string) bool {
	key := sha256.Sum256([]byte(s))
	if _, ok := d[key]; ok {
		return false
	}
	d[key] = struct{}{}
	return true
}
