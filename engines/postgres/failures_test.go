package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

const wrongToken = "wrong_token_5f1d7c0a9e2b"

// The e2e suite's bad cases through PostgreSQL: each ends in the exact rows
// or in an ERROR with a fitting SQLSTATE and a hint, never in a partial
// result, and the session goes on. Every statement runs at
// log_min_messages = debug5, and no token reaches the server log.
func TestFailures(t *testing.T) {
	cases := []struct {
		name   string
		hcl    func(a *testapi.API) string
		faults emulator.Faults
		before string // statements before the query, in its session
		sql    string
		// state and message are what the ERROR must say; "" for success,
		// which must return rows rows (-1: the whole fixture).
		state, message, hint string
		rows                 int
	}{
		{name: "missing token", hcl: func(a *testapi.API) string { return fmt.Sprintf("base_url = %q", a.URL) },
			state: "28000", message: "api_token is not set", hint: "CREATE USER MAPPING FOR CURRENT_USER SERVER \"vercel\""},
		{name: "wrong token", hcl: func(a *testapi.API) string { return a.HCLWithToken(wrongToken) },
			state: "28000", message: "invalid, expired or revoked", hint: "ALTER USER MAPPING"},
		{name: "team the token cannot reach", hcl: func(a *testapi.API) string { return a.HCL(`team = "team_nobodyhere"`) },
			state: "42501", message: `no access to team "team_nobodyhere"`, hint: "team in the server's config: ALTER SERVER \"vercel\" OPTIONS (SET config"},
		{name: "unknown id gives no rows", sql: "select token_id from vercel_user_token where token_id = 'no-such-token'", rows: 0},
		{name: "429 then success", faults: emulator.Faults{Statuses: []int{429}, RetryAfter: "0", OnlyOn: emulator.EndpointList}, rows: -1},
		{name: "500 forever", faults: emulator.Faults{AlwaysStatus: 500},
			state: "HV000", message: "failing (HTTP 500)", hint: "The query returned no rows"},
		{name: "a later page fails", faults: emulator.Faults{Statuses: []int{0}, AlwaysStatus: 500, OnlyOn: emulator.EndpointList},
			state: "HV000", message: "failing (HTTP 500)", hint: "The query returned no rows"},
		{name: "garbage JSON", faults: emulator.Faults{MalformedJSON: true, OnlyOn: emulator.EndpointList},
			state: "HV000", message: "malformed JSON"},
		{name: "looping cursor", faults: emulator.Faults{LoopingCursor: true},
			state: "HV000", message: "pagination cursor"},
	}
	var secrets []string
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := startAPI(t, 150, 42)
			secrets = append(secrets, a.Secret)
			hcl := a.HCL()
			if tc.hcl != nil {
				hcl = tc.hcl(a)
			}
			db := newDatabase(t, hcl)
			a.Server.SetFaults(tc.faults)
			sql := tc.sql
			if sql == "" {
				sql = "select token_id from vercel_user_token"
			}
			stdout, stderr := db.run("set log_min_messages = debug5;\n" + tc.before + asJSON(sql) + "select 'session goes on';\n")
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			assert.Equal(t, "session goes on", lines[len(lines)-1])
			assert.False(t, strings.Contains(stdout+stderr, a.Secret) || strings.Contains(stdout+stderr, wrongToken), "a token is in the output")
			if tc.state == "" {
				assert.Empty(t, stderr)
				want := tc.rows
				if want < 0 {
					want = len(a.Fixture.Tokens)
				}
				assert.Len(t, lines, 2)
				assert.Equal(t, want, strings.Count(lines[0], `"token_id"`))
				return
			}
			assert.Len(t, lines, 1, "rows came back with the error")
			assert.Contains(t, stderr, "ERROR:  "+tc.state+": ")
			assert.Contains(t, stderr, tc.message)
			assert.Contains(t, stderr, "\nHINT:  ")
			assert.Contains(t, stderr, tc.hint)
		})
	}
	log := requireCluster(t).log()
	assert.Contains(t, log, "DEBUG", "log_min_messages = debug5 took effect")
	for _, secret := range append(secrets, wrongToken) {
		assert.False(t, strings.Contains(log, secret), "a token is in the server log")
	}
}
