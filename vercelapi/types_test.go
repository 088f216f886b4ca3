package vercelapi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthTokenDecodesEveryShape(t *testing.T) {
	raw := `{
		"id": "5d9f", "name": "ci", "type": "oauth2-token", "origin": "github",
		"scopes": [
			{"type": "user", "origin": "saml", "createdAt": 1632816536002, "sudo": {"origin": "totp", "expiresAt": 1700000000000}},
			{"type": "team", "teamId": "team_1", "createdAt": 1632816536002, "expiresAt": null},
			{"type": "project", "projectId": "prj_1", "weird": [1, 2]},
			"not-an-object",
			{"type": 7}
		],
		"expiresAt": null, "activeAt": 1632816536002.0, "createdAt": 1632816536002,
		"leakedAt": 1700000000000, "leakedUrl": "https://github.com/x/y",
		"prefix": "vcp_", "suffix": "a1b2", "projectId": "prj_9", "revokedAt": 1700000001000,
		"testingField": true
	}`
	var tok AuthToken
	require.NoError(t, json.Unmarshal([]byte(raw), &tok))
	assert.Equal(t, "5d9f", tok.ID)
	assert.Nil(t, tok.ExpiresAt)
	assert.Equal(t, time.Date(2021, 9, 28, 8, 8, 56, 2_000_000, time.UTC), tok.ActiveAt.Time())
	require.Len(t, tok.Scopes, 5)
	assert.Equal(t, "user", tok.Scopes[0].Type)
	assert.Equal(t, "totp", tok.Scopes[0].Sudo.Origin)
	assert.Equal(t, "team_1", tok.Scopes[1].TeamID)
	assert.Equal(t, "project", tok.Scopes[2].Type)
	assert.Empty(t, tok.Scopes[3].Type)
	assert.Empty(t, tok.Scopes[4].Type)

	out, err := json.Marshal(tok.Scopes)
	require.NoError(t, err)
	var want any
	require.NoError(t, json.Unmarshal([]byte(raw), &want))
	var got any
	require.NoError(t, json.Unmarshal(out, &got))
	assert.Equal(t, want.(map[string]any)["scopes"], got, "scopes pass through unchanged")
}

func TestScopesNullAbsentAndEmpty(t *testing.T) {
	for raw, wantNil := range map[string]bool{`{"id":"a"}`: true, `{"id":"a","scopes":null}`: true, `{"id":"a","scopes":[]}`: false} {
		var tok AuthToken
		require.NoError(t, json.Unmarshal([]byte(raw), &tok))
		assert.Equal(t, wantNil, tok.Scopes == nil, raw)
	}
}

func TestEpochMillisRejectsNonNumbers(t *testing.T) {
	var m EpochMillis
	assert.Error(t, json.Unmarshal([]byte(`"2021-01-01"`), &m))
	assert.Error(t, json.Unmarshal([]byte(`1e300`), &m))
	require.NoError(t, json.Unmarshal([]byte(`1632816536002`), &m))
	assert.Equal(t, int64(1632816536002), int64(m))
}

func TestCursorForms(t *testing.T) {
	for raw, want := range map[string]struct {
		null  bool
		value string
	}{
		`null`:               {true, ""},
		`1632816536002`:      {false, "1632816536002"},
		`"eyJvZmZzZXQiOjF9"`: {false, "eyJvZmZzZXQiOjF9"},
		`1.5e3`:              {false, "1.5e3"},
	} {
		var c Cursor
		require.NoError(t, json.Unmarshal([]byte(raw), &c), raw)
		assert.Equal(t, want.null, c.IsNull(), raw)
		assert.Equal(t, want.value, c.String(), raw)
	}
	var c Cursor
	assert.Error(t, json.Unmarshal([]byte(`{"a":1}`), &c))
	assert.Error(t, json.Unmarshal([]byte(`true`), &c))
}
