package tokenwrite

import (
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
func deleted(api *testapi.API) []string { return api.RevokedIDs() }

// exists asks the emulator whether a token is still there.
func exists(t *testing.T, api *testapi.API, id string) bool { return api.TokenExists(t, id) }

func revokeAll(t *testing.T, tx *Tx, tokens ...Token) {
	t.Helper()
	st := tx.Statement()
	for _, tok := range tokens {
		require.NoError(t, st.Revoke(tok))
	}
	st.Done()
}
