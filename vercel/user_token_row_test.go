package vercel

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

func decodeToken(t *testing.T, raw string) vercelapi.AuthToken {
	t.Helper()
	var tok vercelapi.AuthToken
	require.NoError(t, json.Unmarshal([]byte(raw), &tok))
	return tok
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func TestUserTokenRowMapsEveryField(t *testing.T) {
	tok := decodeToken(t, `{
		"id": "tok_1", "name": "ci deploy", "type": "oauth2-token", "origin": "github",
		"activeAt": 1700000000000, "createdAt": 1600000000000, "expiresAt": 1800000000000,
		"leakedAt": 1700000500000, "leakedUrl": "https://github.com/acme/app/blob/main/.env",
		"revokedAt": 1700000600000, "prefix": "vcp_", "suffix": "9f2e", "projectId": "prj_7",
		"scopes": [
			{"type": "user", "origin": "saml", "createdAt": 1600000000000, "sudo": {"origin": "webauthn", "expiresAt": 1700000900000}},
			{"type": "team", "teamId": "team_a", "createdAt": 1600000000000},
			{"type": "team", "teamId": "team_b", "createdAt": 1600000000000}
		]
	}`)
	row := newUserTokenRow(tok, currentToken{known: true, id: "tok_1"})
	assert.Equal(t, "tok_1", row.TokenID)
	assert.Equal(t, "ci deploy", row.Name)
	assert.Equal(t, "ci deploy", row.Title)
	assert.Equal(t, "oauth2-token", row.Type)
	assert.Equal(t, "github", *row.Origin)
	assert.Equal(t, ms(1700000000000), *row.ActiveAt)
	assert.Equal(t, ms(1600000000000), *row.CreatedAt)
	assert.Equal(t, ms(1800000000000), *row.ExpiresAt)
	assert.Equal(t, ms(1700000500000), *row.LeakedAt)
	assert.Equal(t, ms(1700000600000), *row.RevokedAt)
	assert.Equal(t, "https://github.com/acme/app/blob/main/.env", *row.LeakedURL)
	assert.Equal(t, "vcp_", *row.Prefix)
	assert.Equal(t, "9f2e", *row.Suffix)
	assert.Equal(t, "prj_7", *row.ProjectID)
	assert.Equal(t, []string{"user", "team"}, *row.ScopeTypes)
	assert.Equal(t, []string{"team_a", "team_b"}, *row.TeamIDs)
	assert.Equal(t, "webauthn", *row.SudoOrigin)
	assert.Equal(t, ms(1700000900000), *row.SudoExpiresAt)
	assert.True(t, *row.IsCurrent)
	scopes, err := json.Marshal(*row.Scopes)
	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"type": "user", "origin": "saml", "createdAt": 1600000000000, "sudo": {"origin": "webauthn", "expiresAt": 1700000900000}},
		{"type": "team", "teamId": "team_a", "createdAt": 1600000000000},
		{"type": "team", "teamId": "team_b", "createdAt": 1600000000000}
	]`, string(scopes))
}

func TestUserTokenRowAbsentFieldsAreNull(t *testing.T) {
	row := newUserTokenRow(decodeToken(t, `{"id": "tok_2", "name": "", "type": "authentication-token", "activeAt": 1, "createdAt": 2, "expiresAt": null}`), currentToken{})
	assert.Equal(t, "tok_2", row.Title, "a token without a name is titled by its id")
	for name, v := range map[string]any{
		"origin": row.Origin, "expires_at": row.ExpiresAt, "leaked_at": row.LeakedAt, "revoked_at": row.RevokedAt,
		"leaked_url": row.LeakedURL, "prefix": row.Prefix, "suffix": row.Suffix, "project_id": row.ProjectID,
		"scopes": row.Scopes, "scope_types": row.ScopeTypes, "team_ids": row.TeamIDs,
		"sudo_origin": row.SudoOrigin, "sudo_expires_at": row.SudoExpiresAt, "is_current": row.IsCurrent,
	} {
		assert.Nil(t, v, name)
	}
}

func TestUserTokenRowScopeShapes(t *testing.T) {
	cases := []struct {
		name       string
		scopes     string
		types      []string
		teams      []string
		sudoOrigin string
	}{
		{"empty list", `[]`, []string{}, []string{}, ""},
		{"team only", `[{"type":"team","teamId":"team_x","createdAt":1}]`, []string{"team"}, []string{"team_x"}, ""},
		{"user without sudo", `[{"type":"user","createdAt":1}]`, []string{"user"}, []string{}, ""},
		{"sudo without expiry", `[{"type":"user","sudo":{"origin":"totp"}}]`, []string{"user"}, []string{}, "totp"},
		{"sudo on a team scope is not the user's", `[{"type":"team","teamId":"t","sudo":{"origin":"totp","expiresAt":5}}]`, []string{"team"}, []string{"t"}, ""},
		{"unknown type passes through", `[{"type":"project","projectId":"prj"},{"type":"user"}]`, []string{"project", "user"}, []string{}, ""},
		{"odd entries", `["x", 1, null, {"type": 3}, {"type":"team"}]`, []string{"team"}, []string{}, ""},
		{"duplicate types", `[{"type":"team","teamId":"a"},{"type":"team","teamId":"b"}]`, []string{"team"}, []string{"a", "b"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			row := newUserTokenRow(decodeToken(t, `{"id":"t","name":"n","type":"x","scopes":`+tc.scopes+`}`), currentToken{})
			require.NotNil(t, row.Scopes)
			assert.Equal(t, tc.types, *row.ScopeTypes)
			assert.Equal(t, tc.teams, *row.TeamIDs)
			if tc.sudoOrigin == "" {
				assert.Nil(t, row.SudoOrigin)
			} else {
				assert.Equal(t, tc.sudoOrigin, *row.SudoOrigin)
			}
			raw, err := json.Marshal(*row.Scopes)
			require.NoError(t, err)
			assert.JSONEq(t, tc.scopes, string(raw))
		})
	}
}

func TestUserTokenRowIsCurrent(t *testing.T) {
	tok := decodeToken(t, `{"id":"mine","name":"n","type":"x"}`)
	assert.True(t, *newUserTokenRow(tok, currentToken{known: true, id: "mine"}).IsCurrent)
	assert.False(t, *newUserTokenRow(tok, currentToken{known: true, id: "other"}).IsCurrent)
	assert.Nil(t, newUserTokenRow(tok, currentToken{}).IsCurrent)
}
