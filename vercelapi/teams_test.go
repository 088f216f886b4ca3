package vercelapi

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

const fullTeam = `{"id":"team_a","slug":"acme","name":"Acme","creatorId":"u1","createdAt":1600000000000,"updatedAt":1600000001000,
"membership":{"role":"OWNER","confirmed":true,"createdAt":1,"created":1},"saml":{"enforced":true},
"personalAccessTokensInvalidatedAt":1600000005000,"appTokensInvalidatedAt":null,"integrationTokensInvalidatedAt":1600000008000,"newField":{"x":1}}`

const limitedTeam = `{"limited":true,"limitedBy":["mfa"],"id":"team_b","slug":"beta","name":null,"avatar":null,
"membership":{"role":"MEMBER","confirmed":true,"createdAt":1,"created":1},"createdAt":1500000000000}`

func collectTeams(t *testing.T, c *Client, opts ListTeamsOptions) ([]Team, error) {
	t.Helper()
	var teams []Team
	err := c.ListTeams(t.Context(), opts, func(page []Team) bool {
		teams = append(teams, page...)
		return true
	})
	return teams, err
}

func TestListTeamsReadsFullAndLimitedTeams(t *testing.T) {
	srv := newRecordingServer(t,
		cannedAnswer{status: 200, body: `{"teams":[` + fullTeam + `],"pagination":{"count":1,"next":"c1","prev":null}}`},
		cannedAnswer{status: 200, body: `{"teams":[` + limitedTeam + `],"pagination":{"count":1,"next":null,"prev":null}}`})
	teams, err := collectTeams(t, newTestClient(t, srv.URL, ""), ListTeamsOptions{})
	require.NoError(t, err)
	require.Len(t, teams, 2)

	a := teams[0]
	assert.Equal(t, "team_a", a.ID)
	assert.Equal(t, "acme", a.Slug)
	require.NotNil(t, a.Name)
	assert.Equal(t, "Acme", *a.Name)
	assert.Equal(t, "u1", a.CreatorID)
	assert.Equal(t, EpochMillis(1600000000000), *a.CreatedAt)
	assert.Equal(t, EpochMillis(1600000001000), *a.UpdatedAt)
	assert.Equal(t, "OWNER", a.Membership.Role)
	assert.True(t, *a.SAML.Enforced)
	assert.Equal(t, EpochMillis(1600000005000), *a.PersonalAccessTokensInvalidatedAt)
	assert.Nil(t, a.AppTokensInvalidatedAt, "null is no invalidation")
	assert.Equal(t, EpochMillis(1600000008000), *a.IntegrationTokensInvalidatedAt)
	assert.False(t, a.Limited)
	assert.JSONEq(t, fullTeam, string(a.Raw), "the raw object passes through, unknown fields too")

	b := teams[1]
	assert.True(t, b.Limited)
	assert.Equal(t, []string{"mfa"}, b.LimitedBy)
	assert.Nil(t, b.Name)
	assert.Nil(t, b.SAML)
	assert.Nil(t, b.UpdatedAt)

	require.Equal(t, 2, srv.count())
	assert.Equal(t, "/v2/teams", srv.request(0).URL.Path)
	assert.Equal(t, "limit=100", srv.request(0).URL.RawQuery)
	assert.Equal(t, "limit=100&until=c1", srv.request(1).URL.RawQuery, "teams page through the same cursor handling as tokens")
}

func TestListTeamsSharesThePagersGuards(t *testing.T) {
	t.Run("looping cursor", func(t *testing.T) {
		srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{"teams":[{"id":"t1"}],"pagination":{"next":7}}`})
		teams, err := collectTeams(t, newTestClient(t, srv.URL, ""), ListTeamsOptions{})
		var loop *PagingError
		require.True(t, errors.As(err, &loop), "got %v", err)
		assert.Equal(t, "/v2/teams", loop.Path)
		assert.Len(t, teams, 1, "the repeated team once")
	})
	t.Run("empty pages", func(t *testing.T) {
		n := 0
		srv := endlessServer(t, func(int) string {
			n++
			return `{"teams":[],"pagination":{"next":` + strings.Repeat("1", n) + `}}`
		})
		_, err := collectTeams(t, newTestClient(t, srv.URL, ""), ListTeamsOptions{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "brought no new team")
	})
	t.Run("max teams", func(t *testing.T) {
		srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{"teams":[{"id":"t1"},{"id":"t2"}],"pagination":{"next":7}}`})
		teams, err := collectTeams(t, newTestClient(t, srv.URL, ""), ListTeamsOptions{Limit: rowlimit.Rows(2)})
		require.NoError(t, err)
		assert.Len(t, teams, 2)
		assert.Equal(t, 1, srv.count())
		assert.Equal(t, "limit=2", srv.request(0).URL.RawQuery)
	})
}

func TestListTeamsFailsOnAMalformedPage(t *testing.T) {
	for name, body := range map[string]string{
		"garbage":          `{"teams":[{"id":`,
		"no teams":         `{"pagination":{"next":null}}`,
		"tokens not teams": `{"tokens":[],"pagination":{"next":null}}`,
		"no pagination":    `{"teams":[]}`,
		"not an object":    `[]`,
		"bad timestamp":    `{"teams":[{"id":"team_x","personalAccessTokensInvalidatedAt":"soon"}],"pagination":{"next":null}}`,
		"team without id":  `{"teams":[{"slug":"x"}],"pagination":{"next":null}}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: 200, body: body})
			_, err := collectTeams(t, newTestClient(t, srv.URL, ""), ListTeamsOptions{})
			var malformed *MalformedAnswerError
			require.True(t, errors.As(err, &malformed), "got %v", err)
		})
	}
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{"teams":[{"id":"team_x","personalAccessTokensInvalidatedAt":"soon"}],"pagination":{"next":null}}`})
	_, err := collectTeams(t, newTestClient(t, srv.URL, ""), ListTeamsOptions{})
	assert.Contains(t, err.Error(), "team team_x: personalAccessTokensInvalidatedAt:", "the bad field is named with its team")
}

func TestGetTeam(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: fullTeam})
	team, err := newTestClient(t, srv.URL, "").GetTeam(t.Context(), "acme/x")
	require.NoError(t, err)
	assert.Equal(t, "team_a", team.ID)
	assert.Equal(t, "/v2/teams/acme%2Fx", srv.request(0).URL.EscapedPath(), "the id or slug is one path segment")

	srv = newRecordingServer(t, cannedAnswer{status: 404, body: `{"error":{"code":"not_found","message":"Team not found"}}`})
	_, err = newTestClient(t, srv.URL, "").GetTeam(t.Context(), "team_nope")
	assert.True(t, IsNotFound(err))

	srv = newRecordingServer(t, cannedAnswer{status: 200, body: `{"error":"nope"}`})
	_, err = newTestClient(t, srv.URL, "").GetTeam(t.Context(), "team_a")
	var malformed *MalformedAnswerError
	assert.True(t, errors.As(err, &malformed), "an answer without an id is malformed, got %v", err)

	_, err = newTestClient(t, srv.URL, "").GetTeam(t.Context(), "")
	assert.Error(t, err)
}

func TestGetUser(t *testing.T) {
	full := `{"user":{"id":"u1","username":"alice","email":"alice@example.com","name":"Alice","defaultTeamId":"team_a","createdAt":1500000000000,"isEnterpriseManaged":true,"softBlock":null}}`
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: full})
	u, err := newTestClient(t, srv.URL, "").GetUser(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "/v2/user", srv.request(0).URL.Path)
	assert.Equal(t, "alice", u.Username)
	assert.Equal(t, "alice@example.com", u.Email)
	assert.Equal(t, "Alice", *u.Name)
	assert.Equal(t, "team_a", *u.DefaultTeamID)
	assert.Equal(t, EpochMillis(1500000000000), *u.CreatedAt)
	assert.True(t, *u.IsEnterpriseManaged)
	assert.False(t, u.Limited)

	limited := `{"user":{"limited":true,"id":"u1","username":"alice","email":"alice@example.com","name":null,"avatar":null,"defaultTeamId":null}}`
	srv = newRecordingServer(t, cannedAnswer{status: 200, body: limited})
	u, err = newTestClient(t, srv.URL, "").GetUser(t.Context())
	require.NoError(t, err, "a limited user is an answer, not an error")
	assert.True(t, u.Limited)
	assert.Nil(t, u.Name)
	assert.Nil(t, u.DefaultTeamID)
	assert.Nil(t, u.CreatedAt)
	assert.Nil(t, u.IsEnterpriseManaged)

	for name, body := range map[string]string{"no user": `{}`, "no id": `{"user":{"username":"a"}}`, "garbage": `{"user":`, "bad createdAt": `{"user":{"id":"u1","createdAt":"x"}}`} {
		srv = newRecordingServer(t, cannedAnswer{status: 200, body: body})
		_, err = newTestClient(t, srv.URL, "").GetUser(t.Context())
		var malformed *MalformedAnswerError
		assert.True(t, errors.As(err, &malformed), "%s: got %v", name, err)
	}
}
