package e2e

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

var teamColumns = map[string]proto.ColumnType{
	"id": proto.ColumnType_STRING, "slug": proto.ColumnType_STRING, "name": proto.ColumnType_STRING,
	"created_at": proto.ColumnType_TIMESTAMP, "updated_at": proto.ColumnType_TIMESTAMP,
	"creator_id": proto.ColumnType_STRING, "membership": proto.ColumnType_JSON, "membership_role": proto.ColumnType_STRING,
	"saml_enforced":                         proto.ColumnType_BOOL,
	"personal_access_tokens_invalidated_at": proto.ColumnType_TIMESTAMP,
	"app_tokens_invalidated_at":             proto.ColumnType_TIMESTAMP,
	"integration_tokens_invalidated_at":     proto.ColumnType_TIMESTAMP,
	"limited":                               proto.ColumnType_BOOL, "limited_by": proto.ColumnType_JSON,
	"raw": proto.ColumnType_JSON, "title": proto.ColumnType_STRING,
}

var userColumns = map[string]proto.ColumnType{
	"id": proto.ColumnType_STRING, "username": proto.ColumnType_STRING, "email": proto.ColumnType_STRING,
	"name": proto.ColumnType_STRING, "default_team_id": proto.ColumnType_STRING, "created_at": proto.ColumnType_TIMESTAMP,
	"is_enterprise_managed": proto.ColumnType_BOOL, "limited": proto.ColumnType_BOOL,
	"raw": proto.ColumnType_JSON, "title": proto.ColumnType_STRING,
}

func names(columns map[string]proto.ColumnType) []string {
	out := make([]string, 0, len(columns))
	for name := range columns {
		out = append(out, name)
	}
	return out
}

func TestTeamAndUserSchema(t *testing.T) {
	p := startPlugin(t, processOptions{})
	p.configure(t, `api_token = "unused"`)
	schema := p.schema(t)
	for table, want := range map[string]map[string]proto.ColumnType{"vercel_team": teamColumns, "vercel_user": userColumns} {
		s := schema.Schema[table]
		require.NotNil(t, s, table)
		assert.NotEmpty(t, s.Description)
		got := map[string]proto.ColumnType{}
		for _, c := range s.Columns {
			if !sdkReservedColumns[c.Name] {
				got[c.Name] = c.Type
				assert.NotEmpty(t, c.Description, "%s.%s has no description", table, c.Name)
			}
		}
		assert.Equal(t, want, got, table)
	}
	assert.ElementsMatch(t, []string{"id=any_of", "slug=any_of"}, keyColumns(schema.Schema["vercel_team"].GetCallKeyColumnList))
	assert.Empty(t, keyColumns(schema.Schema["vercel_user"].GetCallKeyColumnList))
}

// fixtureTeam is what a fixture team says, in the plugin's column terms.
type fixtureTeam struct {
	ID, Slug   string
	Name       string
	Limited    bool
	LimitedBy  []string
	Membership struct{ Role string }
	SAML       *struct{ Enforced bool }
	PAT        *int64 `json:"personalAccessTokensInvalidatedAt"`
	App        *int64 `json:"appTokensInvalidatedAt"`
	CreatedAt  int64
}

func decodeTeams(t *testing.T, teams []emulator.Team) map[string]fixtureTeam {
	t.Helper()
	out := map[string]fixtureTeam{}
	for _, team := range teams {
		raw, err := json.Marshal(team)
		require.NoError(t, err)
		var ft fixtureTeam
		require.NoError(t, json.Unmarshal(raw, &ft))
		out[ft.ID] = ft
	}
	return out
}

func millisColumn(ms *int64) any {
	if ms == nil {
		return nil
	}
	return time.UnixMilli(*ms).UTC().Format(time.RFC3339Nano)
}

func assertTeamRow(t *testing.T, want fixtureTeam, got row) {
	t.Helper()
	c := comparable(t, got)
	assert.Equal(t, want.Slug, c["slug"])
	assert.Equal(t, want.Name, c["name"])
	assert.Equal(t, want.Name, c["title"])
	assert.Equal(t, want.Membership.Role, c["membership_role"])
	assert.Equal(t, want.Limited, c["limited"])
	assert.Equal(t, want.SAML.Enforced, c["saml_enforced"])
	assert.Equal(t, millisColumn(&want.CreatedAt), millisColumn(timestampMillis(t, c["created_at"])))
	assert.Equal(t, millisColumn(want.PAT), millisColumn(timestampMillis(t, c["personal_access_tokens_invalidated_at"])))
	assert.Equal(t, millisColumn(want.App), millisColumn(timestampMillis(t, c["app_tokens_invalidated_at"])))
	if want.Limited {
		assert.Equal(t, []any{want.LimitedBy[0]}, c["limited_by"])
	} else {
		assert.Nil(t, c["limited_by"])
	}
}

// timestampMillis reads a timestamp column as comparable() gives it.
func timestampMillis(t *testing.T, v any) *int64 {
	t.Helper()
	if v == nil {
		return nil
	}
	ts, ok := v.(time.Time)
	require.True(t, ok, "timestamp %v is a %T", v, v)
	ms := ts.UnixMilli()
	return &ms
}

func TestTeamsMatchTheFixture(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	want := decodeTeams(t, api.Fixture.Teams)
	left := api.Fixture.LeftTeams[0]

	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_team", Columns: names(teamColumns)})
	require.Len(t, rows, len(want), "every team the user belongs to, once, and not the team they left")
	for _, r := range rows {
		id, _ := r["id"].(string)
		require.Contains(t, want, id)
		assertTeamRow(t, want[id], r)
	}
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointTeams), "three teams are one page")

	for _, team := range api.Fixture.Teams {
		for column, value := range map[string]string{"id": team.ID, "slug": team.Slug} {
			rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_team", Columns: names(teamColumns), Equals: map[string]string{column: value}})
			require.Len(t, rows, 1, "%s = %s", column, value)
			assertTeamRow(t, want[team.ID], rows[0])
		}
	}
	assert.Equal(t, 6, api.Server.Count(emulator.EndpointTeam), "a get is one request")
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointTeams), "and no list")

	for _, ref := range []string{left.ID, left.Slug, "team_nosuchteam"} {
		rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_team", Columns: []string{"id"}, Equals: map[string]string{"id": ref}})
		assert.Empty(t, rows, "%s: a team the user left (403) or that does not exist (404) is no row", ref)
	}
}

func TestTeamLimitIsPushedDown(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_team", Columns: []string{"id"}, Limit: rowlimit.Rows(1)})
	assert.Len(t, rows, 1)
	requests := api.Server.Requests()
	require.Len(t, requests, 1)
	assert.Equal(t, "1", requests[0].Query().Get("limit"))
}

func TestUserMatchesTheFixture(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	var want struct {
		ID, Username, Email, Name, DefaultTeamID string
		CreatedAt                                int64
		IsEnterpriseManaged                      bool
	}
	require.NoError(t, json.Unmarshal(api.Fixture.User, &want))

	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user", Columns: names(userColumns)})
	require.Len(t, rows, 1)
	c := comparable(t, rows[0])
	assert.Equal(t, want.ID, c["id"])
	assert.Equal(t, "alice", c["username"])
	assert.Equal(t, want.Email, c["email"])
	assert.Equal(t, want.Name, c["name"])
	assert.Equal(t, want.DefaultTeamID, c["default_team_id"])
	assert.Equal(t, millisColumn(&want.CreatedAt), millisColumn(timestampMillis(t, c["created_at"])))
	assert.Equal(t, false, c["is_enterprise_managed"])
	assert.Equal(t, false, c["limited"])
	assert.Equal(t, "alice", c["title"])
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointUser))
}

func TestATeamScopedTokenGetsALimitedUserRowNotAnError(t *testing.T) {
	f := emulator.GenerateFixture(20, 1)
	teamA := f.Teams[0].ID
	f.Tokens = append(f.Tokens, json.RawMessage(`{"id":"scoped","name":"ci","type":"authentication-token","createdAt":1000,"activeAt":1000,"scopes":[{"type":"team","teamId":"`+teamA+`","createdAt":1000}]}`))
	f.BearerTokens = map[string]string{"a_team_scoped_secret": "scoped"}
	api := testapi.Start(t, f)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())

	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user", Columns: names(userColumns)})
	require.Len(t, rows, 1)
	c := comparable(t, rows[0])
	assert.Equal(t, true, c["limited"])
	assert.Equal(t, "alice", c["username"])
	assert.Nil(t, c["created_at"])
	assert.Nil(t, c["is_enterprise_managed"])

	rows = p.mustQuery(t, sdkquery.Query{Table: "vercel_team", Columns: []string{"id", "limited", "limited_by"}})
	require.Len(t, rows, 3)
	for _, r := range rows {
		if r["id"] == teamA {
			assert.Equal(t, false, r["limited"])
		} else {
			assert.Equal(t, true, r["limited"], "team %v", r["id"])
		}
	}
	assertSecretsKept(t, p, nil, api.Secret)
}

func TestTeamAndUserFailures(t *testing.T) {
	const wrongToken = "wrong_token_teams_8c1e"
	scanTeams := sdkquery.Query{Table: "vercel_team", Columns: []string{"id", "name"}}
	cases := []struct {
		name     string
		wrong    bool
		faults   emulator.Faults
		query    sdkquery.Query
		wantErr  []string
		wantRows int
		requests map[emulator.Endpoint]int
	}{
		{name: "401 teams", wrong: true, wantErr: []string{"invalid, expired or revoked", "401"}, requests: map[emulator.Endpoint]int{emulator.EndpointTeams: 1}},
		{name: "401 user", wrong: true, query: sdkquery.Query{Table: "vercel_user", Columns: []string{"id"}}, wantErr: []string{"401"}, requests: map[emulator.Endpoint]int{emulator.EndpointUser: 1}},
		{name: "403 teams", faults: emulator.Faults{Statuses: []int{403}, OnlyOn: emulator.EndpointTeams}, wantErr: []string{"not authorized", "403"}, requests: map[emulator.Endpoint]int{emulator.EndpointTeams: 1}},
		{name: "404 get", query: sdkquery.Query{Table: "vercel_team", Columns: []string{"id"}, Equals: map[string]string{"slug": "no-such-team"}}, wantRows: 0, requests: map[emulator.Endpoint]int{emulator.EndpointTeam: 1, emulator.EndpointTeams: 0}},
		{name: "429 then success", faults: emulator.Faults{Statuses: []int{429}, RetryAfter: "0", OnlyOn: emulator.EndpointTeams}, wantRows: 3, requests: map[emulator.Endpoint]int{emulator.EndpointTeams: 2}},
		{name: "500 forever", faults: emulator.Faults{AlwaysStatus: 500}, wantErr: []string{"failing (HTTP 500)", "giving up after 5 attempts"}, requests: map[emulator.Endpoint]int{emulator.EndpointTeams: 5}},
		{name: "500 forever user", faults: emulator.Faults{AlwaysStatus: 500}, query: sdkquery.Query{Table: "vercel_user", Columns: []string{"id"}}, wantErr: []string{"failing (HTTP 500)"}, requests: map[emulator.Endpoint]int{emulator.EndpointUser: 5}},
		{name: "garbage teams", faults: emulator.Faults{MalformedJSON: true, OnlyOn: emulator.EndpointTeams}, wantErr: []string{"malformed JSON", "/v2/teams"}, requests: map[emulator.Endpoint]int{emulator.EndpointTeams: 1}},
		{name: "garbage user", faults: emulator.Faults{MalformedJSON: true, OnlyOn: emulator.EndpointUser}, query: sdkquery.Query{Table: "vercel_user", Columns: []string{"id"}}, wantErr: []string{"malformed JSON", "/v2/user"}},
		{name: "looping cursor", faults: emulator.Faults{LoopingCursor: true}, query: sdkquery.Query{Table: "vercel_team", Columns: []string{"id"}}, wantErr: []string{"pagination cursor", "again", "/v2/teams"}, requests: map[emulator.Endpoint]int{emulator.EndpointTeams: 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := sampleAPI(t)
			p := startPlugin(t, processOptions{})
			if tc.wrong {
				p.configure(t, api.HCLWithToken(wrongToken))
			} else {
				p.configure(t, api.HCL())
			}
			api.Server.SetFaults(tc.faults)
			query := tc.query
			if query.Table == "" {
				query = scanTeams
			}
			rows, err := p.query(query)
			if len(tc.wantErr) > 0 {
				require.Error(t, err, "got %d rows", len(rows))
				for _, want := range tc.wantErr {
					assert.Contains(t, err.Error(), want)
				}
			} else {
				require.NoError(t, err)
				assert.Len(t, rows, tc.wantRows)
			}
			for endpoint, n := range tc.requests {
				assert.Equal(t, n, api.Server.Count(endpoint), "%s requests", endpoint)
			}
			assertSecretsKept(t, p, err, api.Secret, wrongToken)
		})
	}
}
