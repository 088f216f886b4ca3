package vercel

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

func TestTokenWriterCreatesARowWithItsSecretOnce(t *testing.T) {
	f := emulator.GenerateFixture(3, 1)
	url, srv, stop, err := emulator.Start(f)
	require.NoError(t, err)
	t.Cleanup(stop)
	w, err := NewTokenWriter(fmt.Sprintf("api_token = %q\nbase_url = %q\n", f.Secret(), url))
	require.NoError(t, err)

	expires := time.Now().Add(90 * 24 * time.Hour).Truncate(time.Second).UTC()
	created, err := w.Create(t.Context(), NewToken{Name: "ci", ExpiresAt: expires, Team: f.Teams[0].ID, ProjectID: "prj_9"})
	require.NoError(t, err)

	secret, ok := created.Value(BearerTokenColumn)
	require.True(t, ok)
	assert.NotEmpty(t, secret)
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", created, created, created), secret, "printing a created token never shows its secret")

	for column, want := range map[string]any{
		"token_id": created.ID, "name": "ci", "expires_at": expires, "project_id": "prj_9",
		"team_ids": json.RawMessage(`["` + f.Teams[0].ID + `"]`), "is_current": false, "leaked_at": nil,
	} {
		got, ok := created.Value(column)
		require.True(t, ok, column)
		assert.Equal(t, want, got, column)
	}
	_, ok = created.Value("no_such_column")
	assert.False(t, ok)

	gone, err := w.Revoke(t.Context(), created.ID)
	require.NoError(t, err)
	assert.False(t, gone)
	gone, err = w.Revoke(t.Context(), created.ID)
	require.NoError(t, err)
	assert.True(t, gone, "a second revoke finds it already gone")
	assert.Zero(t, srv.Count(emulator.EndpointCurrent), "a new token is never the connection's own: no request to know it")

	for range 2 {
		id, err := w.CurrentTokenID(t.Context())
		require.NoError(t, err)
		assert.Equal(t, f.BearerTokens[f.Secret()], id)
	}
	assert.Equal(t, 1, srv.Count(emulator.EndpointCurrent), "the own token is asked for once")
}

func TestBearerTokenColumnIsNullOnReads(t *testing.T) {
	for _, c := range userTokenColumnList {
		if c.name == BearerTokenColumn {
			assert.Nil(t, c.value(userTokenRow{TokenID: "tok_1"}))
			return
		}
	}
	t.Fatal("vercel_user_token has no bearer_token column")
}
