package tokenwrite

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// fastRetry retries as the client does, without the waits.
var fastRetry = vercelapi.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxRateLimitWait: 2 * time.Second}

// startTx serves a fixture of n tokens and starts a transaction of its
// current token.
func startTx(t *testing.T, n int) (*Tx, *testapi.API) {
	t.Helper()
	api := testapi.Start(t, emulator.GenerateFixture(n, 7))
	w, err := vercel.NewTokenWriter(api.HCL(), vercel.WithRetryPolicy(fastRetry))
	require.NoError(t, err)
	return New(w), api
}

// others are the fixture's token ids but the current one.
func others(t *testing.T, api *testapi.API) []Token {
	t.Helper()
	var tokens []Token
	for _, id := range api.TokenIDs(t) {
		if id != api.CurrentID {
			tokens = append(tokens, Token{ID: id})
		}
	}
	return tokens
}

// deleted lists the ids the emulator was asked to revoke, in order.
func deleted(api *testapi.API) []string {
	var ids []string
	for _, r := range api.Server.RequestsTo(emulator.EndpointDelete) {
		ids = append(ids, strings.TrimPrefix(r.Path, "/v3/user/tokens/"))
	}
	return ids
}

// exists asks the emulator whether a token is still there.
func exists(t *testing.T, api *testapi.API, id string) bool {
	t.Helper()
	c, err := vercelapi.NewClient(vercelapi.Config{Token: api.Secret, BaseURL: api.URL})
	require.NoError(t, err)
	_, err = c.GetToken(context.Background(), id)
	if vercelapi.IsNotFound(err) {
		return false
	}
	require.NoError(t, err)
	return true
}

func revokeAll(t *testing.T, tx *Tx, tokens ...Token) {
	t.Helper()
	st := tx.Statement()
	for _, tok := range tokens {
		require.NoError(t, st.Revoke(t.Context(), tok))
	}
	st.Done()
}
