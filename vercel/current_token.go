package vercel

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// currentTokenID looks up the id of the token the connection authenticates
// with (GET /v5/user/tokens/current). It is memoized in the connection cache,
// keyed by the token, so that the gets of one query (token_id in (…) makes
// one get per id) and the queries after it share one lookup: a token's id
// never changes.
var currentTokenID = plugin.HydrateFunc(fetchCurrentTokenID).Memoize(func(c *plugin.MemoizeConfiguration) {
	c.GetCacheKeyFunc = currentTokenCacheKey
})

func fetchCurrentTokenID(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	client, err := newClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, clientError(err)
	}
	d.WaitForListRateLimit(ctx)
	token, err := client.CurrentToken(ctx)
	if err != nil {
		return nil, err
	}
	return token.ID, nil
}

// currentTokenCacheKey names the cache entry after a hash of the token: the
// SDK logs cache keys, and the token must never reach a log.
func currentTokenCacheKey(_ context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	cfg, err := clientConfig(connectionConfig(d.Connection), os.Getenv)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(cfg.Token))
	return "vercel_current_token_" + hex.EncodeToString(sum[:8]), nil
}

// startCurrentLookup starts finding the connection's own token when the
// query asks for is_current, so it runs alongside the first list page. The
// returned func waits for the answer.
func startCurrentLookup(ctx context.Context, d *plugin.QueryData) func() (currentToken, error) {
	if !slices.Contains(d.QueryContext.Columns, "is_current") {
		return func() (currentToken, error) { return currentToken{}, nil }
	}
	type result struct {
		current currentToken
		err     error
	}
	done := make(chan result, 1)
	go func() {
		id, err := currentTokenID(ctx, d, nil)
		if err != nil {
			done <- result{err: err}
			return
		}
		done <- result{current: currentToken{known: true, id: id.(string)}}
	}()
	var once result
	var received bool
	return func() (currentToken, error) {
		if !received {
			once, received = <-done, true
		}
		return once.current, once.err
	}
}
