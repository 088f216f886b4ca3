package vercelapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/hashicorp/go-hclog"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// MaxPageSize is the largest page the list endpoints serve.
const MaxPageSize = 100

// Bounds on paging. No real list comes near them; a server that breaks one
// is not paging as Vercel does, and the list fails with a *PagingError
// rather than run on (or grow) without end.
const (
	// MaxPages bounds the pages of one list: a million items at 100 a page.
	MaxPages = 10_000
	// MaxEmptyPagesInARow bounds a run of pages that bring no new item yet
	// name a next page.
	MaxEmptyPagesInARow = 5
	// MaxCursorBytes bounds a pagination cursor; Vercel's are 13-digit
	// millisecond timestamps.
	MaxCursorBytes = 1024
)

// pagedList describes one of Vercel's lists paged with limit and
// until=<pagination.next>: where it is, what its items are called and how
// one raw item decodes. Every list goes through pageAll.
type pagedList[T any] struct {
	path string
	// key is the answer's field holding the page's items, e.g. "tokens".
	key string
	// noun names one item in errors and logs, e.g. "token".
	noun string
	// decode reads one raw item and returns its id; an error should name
	// the item when it can.
	decode func(raw json.RawMessage) (T, string, error)
}

// pageOptions are what every list's options come down to.
type pageOptions struct {
	pageSize   int
	limit      rowlimit.Limit
	beforePage func(context.Context)
}

// pageAll pages through list and hands each page, in order, to handle on
// the caller's goroutine. The next page is requested as soon as handle is
// done with the one before, so that decoding a page and handling it overlap
// the next request and the network sets the pace; at most two pages are
// held at once, and the requests never run more than one page ahead of
// handle. Paging stops when the API says there is no next page, when handle
// returns false (then pageAll returns nil), when the limit is reached, or at
// the first error, which is returned after the pages before it were handled.
// A page is decoded whole before it is handed over: an item that does not
// decode fails the list before any item of its page reaches handle.
//
// An id that comes again on a later page (or twice on one page) is
// skipped, the first occurrence kept, with a DEBUG log line: Vercel's
// timestamp cursors can repeat an item on a page boundary, and an item is
// never two rows. A cursor the API already gave, a cursor longer than
// MaxCursorBytes, more than MaxEmptyPagesInARow pages in a row without a new
// item, or more than MaxPages pages is a *PagingError. Loop and repeat
// detection keep a fixed-size digest per cursor and id.
func pageAll[T any](ctx context.Context, c *Client, list pagedList[T], opts pageOptions, handle func([]T) bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan []json.RawMessage)
	// The number of new items on each page, in order, for the fetcher. It
	// never holds more than two: see fetchPages.
	newItems := make(chan int, 2)
	fetchErr := make(chan error, 1)
	go func() {
		defer close(pages)
		fetchErr <- fetchPages(ctx, c, list, opts, pages, newItems)
	}()
	stop := func() {
		cancel()
		for range pages {
		}
	}
	ids := digestSet{}
	for raw := range pages {
		if err := ctx.Err(); err != nil {
			stop()
			return fmt.Errorf("GET %s: %w", list.path, err)
		}
		page, err := decodePage(c, list, raw, ids)
		if err != nil {
			stop()
			return err
		}
		newItems <- len(page)
		if !handle(page) {
			stop()
			return nil
		}
	}
	return <-fetchErr
}

// rawPage keeps each item raw until it is decoded on its own, so that a bad
// item is named by its place on the page.
type rawPage struct {
	// key is the answer's field holding the items, e.g. "tokens".
	key        string
	items      []json.RawMessage
	pagination *struct {
		Next Cursor `json:"next"`
	}
}

func (c *Client) fetchPage(ctx context.Context, path, key string, query url.Values) (rawPage, error) {
	page := rawPage{key: key}
	if err := c.do(ctx, http.MethodGet, path, query, nil, &page); err != nil {
		return rawPage{}, err
	}
	return page, nil
}

// decodeAnswer reads the answer's top level in one pass, keeping the items
// raw and skipping other fields. It runs before the next page is requested,
// where decoding the answer into a map and then its list again read each
// page four times over.
func (p *rawPage) decodeAnswer(body []byte) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if open, err := dec.Token(); err != nil || open != json.Delim('{') {
		return errors.New(`the answer is not a JSON object`)
	}
	for dec.More() {
		field, err := dec.Token()
		if err != nil {
			return err
		}
		switch field {
		case p.key:
			p.items = nil
			if err := dec.Decode(&p.items); err != nil {
				return asWrongShape(err, fmt.Errorf("the answer has no %q list", p.key))
			}
		case "pagination":
			p.pagination = nil
			if err := dec.Decode(&p.pagination); err != nil {
				return asWrongShape(err, fmt.Errorf(`"pagination": %w`, err))
			}
		default:
			var skipped json.RawMessage
			if err := dec.Decode(&skipped); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("the answer goes on after its JSON object")
	}
	if p.items == nil {
		return fmt.Errorf("the answer has no %q list", p.key)
	}
	if p.pagination == nil {
		return errors.New(`the answer has no "pagination" object`)
	}
	return nil
}

// asWrongShape returns shaped for a value of the wrong type, and err itself
// for JSON that does not parse.
func asWrongShape(err, shaped error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return shaped
	}
	return err
}

// fetchPages requests the pages and sends each, raw, to pageAll, which
// decodes it and sends back on newItems how many new items it held. The
// next page is requested without waiting for that count, unless the count
// decides the request: under a limit (the next page's size) and when the
// page could end a run of empty pages (then paging stops there).
//
// When page n has been sent, pageAll has taken it and so has already sent
// the count of page n-1: waiting for it never blocks for long, and at most
// the counts of pages n-1 and n are in newItems.
func fetchPages[T any](ctx context.Context, c *Client, list pagedList[T], opts pageOptions, pages chan<- []json.RawMessage, newItems <-chan int) error {
	if opts.limit.IsZero() {
		return nil
	}
	pageSize := int64(opts.pageSize)
	if pageSize <= 0 || pageSize > MaxPageSize {
		pageSize = MaxPageSize
	}
	cursors := digestSet{}
	var until Cursor
	var fetched int64
	emptyInARow := 0
	counted := 0
	countUpTo := func(pageNumber int) error {
		for ; counted < pageNumber; counted++ {
			select {
			case n := <-newItems:
				fetched += int64(n)
				emptyInARow++
				if n > 0 {
					emptyInARow = 0
				}
			case <-ctx.Done():
				return fmt.Errorf("GET %s: %w", list.path, ctx.Err())
			}
		}
		return nil
	}
	for pageNumber := 1; ; pageNumber++ {
		limit := opts.limit.Cap(pageSize, fetched)
		query := url.Values{"limit": {strconv.FormatInt(limit, 10)}}
		if !until.IsNull() {
			query.Set("until", until.String())
		}
		if opts.beforePage != nil {
			opts.beforePage(ctx)
		}
		raw, err := c.fetchPage(ctx, list.path, list.key, query)
		if err != nil {
			return err
		}
		select {
		case pages <- raw.items:
		case <-ctx.Done():
			return fmt.Errorf("GET %s: %w", list.path, ctx.Err())
		}
		next := raw.pagination.Next
		if next.IsNull() {
			return nil
		}
		if err := countUpTo(pageNumber - 1); err != nil {
			return err
		}
		if !opts.limit.IsNone() || emptyInARow+1 > MaxEmptyPagesInARow {
			if err := countUpTo(pageNumber); err != nil {
				return err
			}
		}
		if opts.limit.Reached(fetched) {
			return nil
		}
		if reason := pagingProblem(c, list.noun, next, pageNumber, emptyInARow, cursors); reason != "" {
			return &PagingError{Path: list.path, Pages: pageNumber, Reason: reason}
		}
		until = next
	}
}

// pagingProblem says why following next would not end, or "".
func pagingProblem(c *Client, noun string, next Cursor, pageNumber, emptyInARow int, cursors digestSet) string {
	switch {
	case len(next.String()) > MaxCursorBytes:
		return fmt.Sprintf("the API returned a pagination cursor of %d bytes, more than the %d this client accepts (Vercel's cursors are timestamps)", len(next.String()), MaxCursorBytes)
	case emptyInARow > MaxEmptyPagesInARow:
		return fmt.Sprintf("%d pages in a row brought no new %s but named a next page", emptyInARow, noun)
	case pageNumber >= MaxPages:
		return fmt.Sprintf("the API still named a next page after %d pages, the most this client follows (a million items)", MaxPages)
	case !cursors.add(next.String()):
		return fmt.Sprintf("the API returned pagination cursor %q again; following it would page forever", shorten(c.secret.redact(next.String())))
	}
	return ""
}

// decodePage decodes a whole page, so that an item that does not decode
// fails the list before any item of its page is handed over, and keeps the
// items whose id has not been seen before.
func decodePage[T any](c *Client, list pagedList[T], raw []json.RawMessage, seen digestSet) ([]T, error) {
	page := make([]T, 0, len(raw))
	for i, r := range raw {
		item, id, err := list.decode(r)
		if err == nil && id == "" {
			err = errors.New(`it has no "id"`)
		}
		var named *itemDecodeError
		if err != nil && !errors.As(err, &named) {
			err = fmt.Errorf("%s %d of the page: %w", list.noun, i+1, err)
		}
		if err != nil {
			return nil, c.malformed(http.MethodGet, list.path, err)
		}
		if !seen.add(id) {
			c.log(hclog.Debug, "skipping a "+list.noun+" the API listed again", "path", list.path, list.noun+"_id", id)
			continue
		}
		page = append(page, item)
	}
	return page, nil
}

// digestSet remembers strings by the first 128 bits of their SHA-256, so
// that what it keeps does not grow with what a server sends, and stays small
// for a million ids (16 bytes each; a false match between two of a million
// strings has odds of about 1 in 10^27).
type digestSet map[[16]byte]struct{}

// add reports whether s was new.
func (d digestSet) add(s string) bool {
	sum := sha256.Sum256([]byte(s))
	key := [16]byte(sum[:16])
	if _, ok := d[key]; ok {
		return false
	}
	d[key] = struct{}{}
	return true
}
