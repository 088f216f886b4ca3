package tokenwrite

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

func TestRevocationsWaitForTheCommit(t *testing.T) {
	tx, api := startTx(t, 6)
	targets := others(t, api)[:3]
	revokeAll(t, tx, targets...)
	assert.Empty(t, deleted(api), "nothing is revoked before the commit")
	assert.True(t, exists(t, api, targets[0].ID))

	revoked, err := tx.Commit(t.Context())
	require.NoError(t, err)
	assert.Len(t, revoked, 3)
	assert.Equal(t, []string{targets[0].ID, targets[1].ID, targets[2].ID}, deleted(api), "one DELETE per token, in order")
	for _, tok := range targets {
		assert.False(t, exists(t, api, tok.ID))
	}
	assert.True(t, tx.IsEmpty())
}

func TestRollbackRevokesNothingQueuedAndUndoesCreations(t *testing.T) {
	tx, api := startTx(t, 4)
	target := others(t, api)[0]
	revokeAll(t, tx, target)
	created, err := tx.Create(t.Context(), vercel.NewToken{Name: "rolled back"})
	require.NoError(t, err)
	assert.True(t, exists(t, api, created.ID), "a token is created at once")

	require.NoError(t, tx.Rollback(t.Context()))
	assert.Equal(t, []string{created.ID}, deleted(api), "only the created token is revoked")
	assert.True(t, exists(t, api, target.ID))
	assert.False(t, exists(t, api, created.ID))
}

func TestSavepoints(t *testing.T) {
	tx, api := startTx(t, 6)
	o := others(t, api)
	revokeAll(t, tx, o[0])
	tx.Savepoint(1)
	revokeAll(t, tx, o[1])
	inner, err := tx.Create(t.Context(), vercel.NewToken{Name: "inner"})
	require.NoError(t, err)
	tx.Savepoint(2)
	revokeAll(t, tx, o[2])
	tx.Release(2) // o[2] now belongs to savepoint 1

	require.NoError(t, tx.RollbackTo(t.Context(), 1))
	assert.Equal(t, []string{inner.ID}, deleted(api), "rolling back to a savepoint revokes the tokens created after it, at once")
	revokeAll(t, tx, o[3])

	_, err = tx.Commit(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{inner.ID, o[0].ID, o[3].ID}, deleted(api), "work before the savepoint and after the rollback to it commits")
	assert.True(t, exists(t, api, o[1].ID))
	assert.True(t, exists(t, api, o[2].ID))
}

func TestOwnTokenWithOthersFailsTheStatement(t *testing.T) {
	tx, api := startTx(t, 5)
	o := others(t, api)
	own := Token{ID: api.CurrentID, Name: "mine", IsCurrent: true}
	for name, order := range map[string][]Token{"own first": {own, o[0]}, "own last": {o[0], o[1], own}} {
		t.Run(name, func(t *testing.T) {
			st := tx.Statement()
			var err error
			for _, tok := range order {
				if err = st.Revoke(tok); err != nil {
					break
				}
			}
			var rule *ErrOwnTokenWithOthers
			require.ErrorAs(t, err, &rule)
			assert.Equal(t, api.CurrentID, rule.Own.ID)
			assert.Contains(t, err.Error(), "nothing was revoked")
			st.Done()
			assert.Empty(t, tx.Pending(), "the failed statement queued nothing")
		})
	}
	_, err := tx.Commit(t.Context())
	require.NoError(t, err)
	assert.Empty(t, deleted(api))
}

func TestOwnTokenAloneIsRevokedLast(t *testing.T) {
	tx, api := startTx(t, 5)
	o := others(t, api)
	revokeAll(t, tx, o[0])
	revokeAll(t, tx, Token{ID: api.CurrentID, IsCurrent: true})
	revokeAll(t, tx, o[1])
	_, err := tx.Commit(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{o[0].ID, o[1].ID, api.CurrentID}, deleted(api))
}

func TestAlreadyGoneCountsAsRevoked(t *testing.T) {
	tx, api := startTx(t, 3)
	revokeAll(t, tx, Token{ID: "tok_never_there"})
	revoked, err := tx.Commit(t.Context())
	require.NoError(t, err)
	require.Len(t, revoked, 1)
	assert.True(t, revoked[0].AlreadyGone)
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointDelete))
}

// A storm of 429s and 5xx answers during a 200-token revoke is retried
// through; when the API then keeps failing, the commit fails with an exact
// account.
func TestStormDuringA200TokenRevoke(t *testing.T) {
	tx, api := startTx(t, 201)
	targets := others(t, api)
	require.Len(t, targets, 200)

	t.Run("retried through", func(t *testing.T) {
		storm := []int{429, 503, 0, 500, 429, 0, 502, 0}
		api.Server.SetFaults(emulator.Faults{Statuses: storm, RetryAfter: "0", OnlyOn: emulator.EndpointDelete})
		revokeAll(t, tx, targets[:100]...)
		revoked, err := tx.Commit(t.Context())
		require.NoError(t, err)
		assert.Len(t, revoked, 100)
		assert.Equal(t, 100+5, api.Server.Count(emulator.EndpointDelete), "one DELETE per token, plus one per faulted answer")
	})

	t.Run("an exact account", func(t *testing.T) {
		api.Server.ResetStats()
		passes := make([]int, 40)
		api.Server.SetFaults(emulator.Faults{Statuses: passes, AlwaysStatus: 503, OnlyOn: emulator.EndpointDelete})
		rest := targets[100:]
		revokeAll(t, tx, rest...)
		created, err := tx.Create(t.Context(), vercel.NewToken{Name: "replacement"})
		require.NoError(t, err)
		_, err = tx.Commit(t.Context())
		var cerr *CommitError
		require.ErrorAs(t, err, &cerr)
		assert.Len(t, cerr.Revoked, 40)
		assert.Len(t, cerr.NotRevoked, 60)
		assert.Equal(t, rest[40], cerr.Failed)
		assert.Equal(t, rest[40], cerr.NotRevoked[0])
		assert.Equal(t, []Token{{ID: created.ID, Name: created.Name}}, cerr.Unrevoked, "the API still fails, so the created token could not be revoked: said so")
		for _, tok := range rest[:40] {
			assert.Contains(t, err.Error(), tok.ID)
			assert.False(t, exists(t, api, tok.ID))
		}
		for _, tok := range rest[40:] {
			assert.Contains(t, err.Error(), tok.ID)
		}
		assert.Contains(t, err.Error(), "Revoked before the failure (40)")
		assert.Contains(t, err.Error(), "Not revoked, still working (60)")
		assert.NotContains(t, err.Error(), created.Bearer.Reveal())
		assert.NotContains(t, err.Error(), api.Secret)
		assert.True(t, tx.IsEmpty(), "the transaction is over")
		api.Server.SetFaults(emulator.Faults{})
		assert.True(t, exists(t, api, rest[40].ID))
	})
}

func TestCommitFailureRevokesTheCreatedTokens(t *testing.T) {
	tx, api := startTx(t, 4)
	o := others(t, api)
	created, err := tx.Create(t.Context(), vercel.NewToken{Name: "replacement", ExpiresAt: time.Now().Add(90 * 24 * time.Hour)})
	require.NoError(t, err)
	revokeAll(t, tx, o[0], o[1])
	api.Server.SetFaults(emulator.Faults{Statuses: []int{0, 403}, OnlyOn: emulator.EndpointDelete})
	_, err = tx.Commit(t.Context())
	var cerr *CommitError
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, []Revoked{{Token: o[0]}}, cerr.Revoked)
	assert.Equal(t, []Token{o[1]}, cerr.NotRevoked)
	assert.Empty(t, cerr.Unrevoked)
	assert.False(t, exists(t, api, created.ID), "the rolled back transaction's token no longer works")
	assert.True(t, exists(t, api, o[1].ID))
	assert.Contains(t, err.Error(), "revoked again by the rollback (1): "+created.ID)
}

func TestCreateFailureNamesTheToken(t *testing.T) {
	tx, api := startTx(t, 3)
	_, err := tx.Create(t.Context(), vercel.NewToken{Name: "elsewhere", Team: "team_nobody"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `creating token "elsewhere"`)
	assert.Contains(t, err.Error(), "team_nobody")
	assert.True(t, tx.IsEmpty())
	assert.Zero(t, api.Server.Count(emulator.EndpointDelete))
}

// A token created and queued for revocation in the same transaction, when
// the commit fails before reaching it, is revoked by the rollback: the
// account lists it there, not among the tokens still working.
func TestCommitFailureCountsACreatedTokenOnce(t *testing.T) {
	tx, api := startTx(t, 4)
	o := others(t, api)
	created, err := tx.Create(t.Context(), vercel.NewToken{Name: "short-lived"})
	require.NoError(t, err)
	mine := Token{ID: created.ID, Name: created.Name}
	revokeAll(t, tx, o[0], mine)
	api.Server.SetFaults(emulator.Faults{Statuses: []int{403}, OnlyOn: emulator.EndpointDelete})
	_, err = tx.Commit(t.Context())
	var cerr *CommitError
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, []Token{o[0]}, cerr.NotRevoked)
	assert.Equal(t, []Token{mine}, cerr.Created)
	assert.Empty(t, cerr.Unrevoked)
	assert.False(t, exists(t, api, created.ID))
	assert.NotContains(t, err.Error()[:strings.Index(err.Error(), "revoked again")], created.ID, "listed once, as revoked by the rollback")
}

// A savepoint can begin and end inside a running statement (PostgreSQL
// runs a function with an EXCEPTION block in a subtransaction per call):
// the statement's rows, before and after it, are all revoked, and rolling
// back such a savepoint fails only the statements begun inside it.
func TestSavepointInsideAStatementLeavesItAlone(t *testing.T) {
	tx, api := startTx(t, 6)
	o := others(t, api)
	outer := tx.Statement()
	require.NoError(t, outer.Revoke(o[0]))
	tx.Savepoint(2)
	tx.Release(2)
	require.NoError(t, outer.Revoke(o[1]))
	tx.Savepoint(2)
	inner := tx.Statement()
	require.NoError(t, inner.Revoke(o[2]))
	require.NoError(t, tx.RollbackTo(t.Context(), 2))
	tx.Release(2)
	require.Error(t, inner.Revoke(o[3]), "the rolled back statement takes no more rows")
	require.NoError(t, outer.Revoke(o[3]))
	outer.Done()
	require.Error(t, outer.Revoke(o[4]), "an ended statement refuses a row rather than lose it")

	_, err := tx.Commit(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{o[0].ID, o[1].ID, o[3].ID}, deleted(api))
}
