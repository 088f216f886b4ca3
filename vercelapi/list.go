package vercelapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
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

// listAnswer keeps the tokens raw: the producer only needs the cursor to
// ask for the next page, and decoding the tokens on the consumer's side
// overlaps it with that request.
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
// is already being fetched, so the network sets the pace; at most two pages
// are held at once. Paging stops when the API says there is no next page,
// when handle returns false (then ListTokens returns nil), when MaxTokens
// is reached, or at the first error, which is returned after the pages
// before it were handled. A cursor the API already gave is an error
// (*CursorLoopError), never an endless loop.
func (c *Client) ListTokens(ctx context.Context, opts ListTokensOptions, handle func([]AuthToken) bool) error {
	return c.secret.redactError(c.listTokens(ctx, opts, handle))
}

func (c *Client) listTokens(ctx context.Context, opts ListTokensOptions, handle func([]AuthToken) bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan []json.RawMessage)
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
	for raw := range pages {
		if err := ctx.Err(); err != nil {
			stop()
			return fmt.Errorf("GET %s: %w", listTokensPath, err)
		}
		page, err := c.decodeTokens(raw)
		if err != nil {
			stop()
			return err
		}
		if !handle(page) {
			stop()
			return nil
		}
	}
	return <-fetchErr
}

func (c *Client) decodeTokens(raw []json.RawMessage) ([]AuthToken, error) {
	tokens := make([]AuthToken, len(raw))
	for i, r := range raw {
		err := json.Unmarshal(r, &tokens[i])
		if err == nil && tokens[i].ID == "" {
			err = errors.New(`it has no "id"`)
		}
		if err != nil {
			return nil, c.malformed(http.MethodGet, listTokensPath, fmt.Errorf("token %d of the page: %w", i+1, err))
		}
	}
	return tokens, nil
}

func (c *Client) fetchTokenPages(ctx context.Context, opts ListTokensOptions, pages chan<- []json.RawMessage) error {
	pageSize := int64(opts.PageSize)
	if pageSize <= 0 || pageSize > MaxPageSize {
		pageSize = MaxPageSize
	}
	seen := map[string]bool{}
	var until Cursor
	var fetched int64
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
		select {
		case pages <- a.Tokens:
		case <-ctx.Done():
			return fmt.Errorf("GET %s: %w", listTokensPath, ctx.Err())
		}
		fetched += int64(len(a.Tokens))
		next := a.Pagination.Next
		if next.IsNull() || (opts.MaxTokens > 0 && fetched >= opts.MaxTokens) {
			return nil
		}
		if seen[next.String()] {
			return &CursorLoopError{Path: listTokensPath, Cursor: next.String(), Pages: pageNumber}
		}
		seen[next.String()] = true
		until = next
	}
}
