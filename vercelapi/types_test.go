package vercelapi

import (
	"encoding/json"
	"strings"
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
	assert.Error(t, json.Unmarshal([]byte(`"1632816536002"`), &m))
	assert.Error(t, json.Unmarshal([]byte(`true`), &m))
	require.NoError(t, json.Unmarshal([]byte(`1632816536002`), &m))
	assert.Equal(t, int64(1632816536002), int64(m))
}

func TestEpochMillisHoldsYears1To9999(t *testing.T) {
	for raw, want := range map[string]time.Time{
		"253402300799999": time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC),
		"-62135596800000": time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		"0":               time.Unix(0, 0).UTC(),
	} {
		var m EpochMillis
		require.NoError(t, json.Unmarshal([]byte(raw), &m), raw)
		assert.Equal(t, want, m.Time(), raw)
	}
	for raw, want := range map[string]string{
		"253402300800000":     "253402300800000 is after year 9999",
		"253402300799999.6":   "is after year 9999",
		"1e300":               "1e300 is after year 9999",
		"1e400":               "1e400 is after year 9999",
		"-62135596800001":     "-62135596800001 is before year 1",
		"-1e400":              "is before year 1",
		`"` + long() + `"`:    "bytes) is not a number",
		"9223372036854775807": "is after year 9999",
	} {
		var m EpochMillis
		err := json.Unmarshal([]byte(raw), &m)
		if assert.Error(t, err, raw) {
			assert.Contains(t, err.Error(), want, raw)
			assert.Less(t, len(err.Error()), 200, "a long value is shortened")
		}
	}
}

func long() string { return strings.Repeat("9", 10_000) }

func TestEveryTimestampErrorNamesTheTokenAndTheField(t *testing.T) {
	for raw, want := range map[string]string{
		`{"id":"tok_123","expiresAt":253402300800000}`:                                          "token tok_123: expiresAt: 253402300800000 is after year 9999",
		`{"id":"tok_123","activeAt":-1e20}`:                                                     "token tok_123: activeAt: -1e20 is before year 1",
		`{"createdAt":"yesterday","id":"tok_123"}`:                                              `token tok_123: createdAt: "yesterday" is not a number of milliseconds`,
		`{"id":"tok_123","leakedAt":{}}`:                                                        "token tok_123: leakedAt: {} is not a number",
		`{"id":"tok_123","revokedAt":[1]}`:                                                      "token tok_123: revokedAt: [1] is not a number",
		`{"id":"tok_1","scopes":[{"type":"user","sudo":{"origin":"totp","expiresAt":"soon"}}]}`: `token tok_1: scope user: sudo.expiresAt: "soon" is not a number`,
		`{"id":"tok_1","scopes":[{"type":"user","sudo":{"origin":"totp","expiresAt":1e17}}]}`:   "token tok_1: scope user: sudo.expiresAt: 1e17 is after year 9999",
	} {
		var tok AuthToken
		err := json.Unmarshal([]byte(raw), &tok)
		if assert.Error(t, err, raw) {
			assert.Equal(t, want, err.Error()[:min(len(err.Error()), len(want))], raw)
		}
	}
}

func TestSudoKeepsItsOriginWithoutAnExpiry(t *testing.T) {
	var tok AuthToken
	require.NoError(t, json.Unmarshal([]byte(`{"id":"a","scopes":[{"type":"user","sudo":{"origin":"webauthn"}},{"type":"user","sudo":"odd"}]}`), &tok))
	require.NotNil(t, tok.Scopes[0].Sudo)
	assert.Equal(t, "webauthn", tok.Scopes[0].Sudo.Origin)
	assert.Nil(t, tok.Scopes[0].Sudo.ExpiresAt)
	assert.Nil(t, tok.Scopes[1].Sudo, "a sudo that is not an object stays in the raw scope only")
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
