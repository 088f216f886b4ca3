package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

var scanAll = sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id", "name", "expires_at", "is_current"}}

// assertSecretsKept stops the plugin (so its output is complete) and checks
// that no secret appears in what it logged at TRACE or in err.
func assertSecretsKept(t *testing.T, p *pluginProcess, err error, secrets ...string) {
	t.Helper()
	p.stop()
	output := p.output.String()
	require.NotEmpty(t, output, "the plugin logged nothing: the check would prove nothing")
	texts := map[string]string{"the plugin's output": output}
	if err != nil {
		texts["the error"] = err.Error()
	}
	for _, secret := range secrets {
		requireSecretAbsent(t, secret, texts)
	}
}

func TestFailures(t *testing.T) {
	const wrongToken = "wrong_token_5f1d7c0a9e2b"
	cases := []struct {
		name     string
		hcl      func(api *testapi.API) string
		env      []string
		faults   emulator.Faults
		query    sdkquery.Query
		wantErr  []string // all must appear in the error; none means success
		wantRows int      // -1: the whole fixture
		requests map[emulator.Endpoint]int
	}{
		{
			name:     "missing token",
			hcl:      func(api *testapi.API) string { return `base_url = "` + api.URL + `"` },
			wantErr:  []string{"api_token is not set", "vercel.spc", "VERCEL_API_TOKEN"},
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 0},
		},
		{
			name:     "token from the environment",
			hcl:      func(api *testapi.API) string { return `base_url = "` + api.URL + `"` },
			env:      []string{"VERCEL_API_TOKEN=<secret>"},
			wantRows: -1,
		},
		{
			name: "wrong token",
			hcl: func(api *testapi.API) string {
				return `api_token = "` + wrongToken + `"` + "\nbase_url = \"" + api.URL + `"`
			},
			wantErr:  []string{"invalid, expired or revoked", "401"},
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 1},
		},
		{
			name:     "team the token cannot reach",
			hcl:      func(api *testapi.API) string { return api.HCL(`team = "team_nobodyhere"`) },
			wantErr:  []string{`no access to team "team_nobodyhere"`, "403"},
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 1},
		},
		{
			name:     "team from the environment, by slug",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			env:      []string{"VERCEL_TEAM=<slug>"},
			wantRows: -1,
		},
		{
			name: "plaintext base_url to a remote host",
			hcl: func(api *testapi.API) string {
				return `api_token = "<secret>"` + "\nbase_url = \"http://vercel.invalid\""
			},
			wantErr: []string{"base_url", "in clear", "https://"},
		},
		{
			name:     "unknown id gives no rows",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			query:    sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id"}, Equals: map[string]string{"token_id": "no-such-token"}},
			wantRows: 0,
			requests: map[emulator.Endpoint]int{emulator.EndpointGet: 1, emulator.EndpointList: 0},
		},
		{
			name:     "'current' is not a token id",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			query:    sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id"}, Equals: map[string]string{"token_id": "current"}},
			wantRows: 0,
		},
		{
			name:     "429 then success",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			faults:   emulator.Faults{Statuses: []int{429}, RetryAfter: "0", OnlyOn: emulator.EndpointList},
			wantRows: -1,
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 4},
		},
		{
			name:     "500 then success",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			faults:   emulator.Faults{Statuses: []int{0, 500}, OnlyOn: emulator.EndpointList},
			wantRows: -1,
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 4},
		},
		{
			name:     "500 forever",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			faults:   emulator.Faults{AlwaysStatus: 500},
			wantErr:  []string{"failing (HTTP 500)", "giving up after 5 attempts"},
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 5},
		},
		{
			name:     "a later page fails: no partial result",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			faults:   emulator.Faults{Statuses: []int{0, 403}, OnlyOn: emulator.EndpointList},
			wantErr:  []string{"not authorized", "403"},
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 2},
		},
		{
			name:     "garbage JSON",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			faults:   emulator.Faults{MalformedJSON: true, OnlyOn: emulator.EndpointList},
			wantErr:  []string{"malformed JSON"},
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 1},
		},
		{
			name:    "truncated body",
			hcl:     func(api *testapi.API) string { return api.HCL() },
			faults:  emulator.Faults{TruncatedBody: true, OnlyOn: emulator.EndpointList},
			wantErr: []string{"/v6/user/tokens", "unexpected EOF"},
		},
		{
			name:     "looping cursor",
			hcl:      func(api *testapi.API) string { return api.HCL() },
			faults:   emulator.Faults{LoopingCursor: true},
			wantErr:  []string{"pagination cursor", "again"},
			requests: map[emulator.Endpoint]int{emulator.EndpointList: 2},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := sampleAPI(t)
			var slug string
			for _, team := range api.Fixture.Teams {
				slug = team.Slug
			}
			env := make([]string, len(tc.env))
			for i, e := range tc.env {
				env[i] = strings.NewReplacer("<secret>", api.Secret, "<slug>", slug).Replace(e)
			}
			hcl := strings.ReplaceAll(tc.hcl(api), "<secret>", api.Secret)
			p := startPlugin(t, processOptions{env: env})
			p.configure(t, hcl)
			api.Server.SetFaults(tc.faults)
			query := tc.query
			if query.Table == "" {
				query = scanAll
			}

			rows, err := p.query(query)

			if len(tc.wantErr) > 0 {
				require.Error(t, err, "got %d rows", len(rows))
				for _, want := range tc.wantErr {
					assert.Contains(t, err.Error(), want)
				}
			} else {
				require.NoError(t, err)
				want := tc.wantRows
				if want < 0 {
					want = len(api.Fixture.Tokens)
				}
				assert.Len(t, rows, want)
			}
			for endpoint, n := range tc.requests {
				assert.Equal(t, n, api.Server.Count(endpoint), "%s requests", endpoint)
			}
			assertSecretsKept(t, p, err, api.Secret, wrongToken)
		})
	}
}

func TestACancelledQueryStopsPaging(t *testing.T) {
	api := testapi.Start(t, emulator.GenerateFixture(2000, 3))
	api.Server.SetFaults(emulator.Faults{Latency: 100 * time.Millisecond})
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())

	stream, _, cancel, err := p.plugin.Execute(scanAll.ExecuteRequest(connectionName, ""))
	require.NoError(t, err)
	_, err = stream.Recv()
	require.NoError(t, err)
	cancel()
	pages := testapi.ListRequestsOnceQuiet(t, api.Server, 500*time.Millisecond)
	assert.Less(t, pages, 20, "paging went on to the last of the 20 pages: the cancel was not honoured")
}
