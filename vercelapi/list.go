package vercelapi

import (
	"context"
	"encoding/json"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// ListTokensOptions tunes ListTokens. The zero value lists every token in
// pages of MaxPageSize.
type ListTokensOptions struct {
	// PageSize is the limit asked for per page, 1–100; 0 means 100.
	PageSize int
	// Limit stops paging once this many tokens have been fetched, and
	// shrinks the page size to match.
	Limit rowlimit.Limit
	// BeforePage, if set, runs before each page request, e.g. to wait for a
	// client-side rate limiter.
	BeforePage func(context.Context)
}

var tokenList = pagedList[AuthToken]{
	path: listTokensPath,
	key:  "tokens",
	noun: "token",
	decode: func(raw json.RawMessage) (AuthToken, string, error) {
		// Straight to its own UnmarshalJSON: json.Unmarshal would check
		// the item, already checked with its page, before handing it on.
		var t AuthToken
		err := t.UnmarshalJSON(raw)
		return t, t.ID, err
	},
}

// ListTokens pages through the user's tokens (GET /v6/user/tokens, next
// pages with until=<pagination.next>) and hands each page, in order, to
// handle, as pageAll describes: the next page is fetched while handle works,
// paging stops at the last page, when handle returns false (then ListTokens
// returns nil), at the Limit or at the first error. A token that does not
// decode (a timestamp out of range, say) fails the list before any token of
// its page reaches handle; a token id listed again is skipped; a looping or
// endless list is a *PagingError.
func (c *Client) ListTokens(ctx context.Context, opts ListTokensOptions, handle func([]AuthToken) bool) error {
	return c.secret.redactError(pageAll(ctx, c, tokenList, pageOptions{pageSize: opts.PageSize, limit: opts.Limit, beforePage: opts.BeforePage}, handle))
}
