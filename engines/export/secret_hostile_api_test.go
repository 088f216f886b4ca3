package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// (The secret_ prefix marks test files the hostile-API work owns.)

// A get answered by a proxy's HTML 404 fails, naming the URL, instead of
// exporting nothing with exit status 0.
func TestAForeign404FailsTheExport(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	api.Server.SetFaults(emulator.Faults{Foreign404: emulator.Foreign404HTML})
	res := runInProcess(t, "vercel_user_token", "--where", "token_id = '"+api.CurrentID+"'", "--config", api.HCL())
	assert.Equal(t, exitFixAccess, res.code, "exit status: base_url is wrong")
	assert.Contains(t, res.stderr, api.URL+"/v5/user/tokens/")
	assert.Contains(t, res.stderr, "404")
}

// An unreadable timestamp fails the export with the token and field named,
// and no row of that token is written.
func TestAnUnreadableTimestampFailsTheExport(t *testing.T) {
	testapi.IsolateEnv(t)
	for _, hostile := range testapi.HostileTokens {
		t.Run(hostile.Name, func(t *testing.T) {
			api := testapi.Start(t, testapi.HostileTokenFixture(t, 5, hostile))
			res := runInProcess(t, "vercel_user_token", "--output", "jsonl", "--config", api.HCL())
			assert.Equal(t, exitFailed, res.code, "exit status")
			assert.Contains(t, res.stderr, testapi.HostileTokenID)
			assert.Contains(t, res.stderr, hostile.Field)
			assert.False(t, strings.Contains(res.stdout, testapi.HostileTokenID), "a row of the token was written")
		})
	}
}

// The exit status follows the error's kind: a token the API refuses is 3 (fix
// it), a rate limit that outlasts the client's patience is 4 (try later).
func TestTheExitStatusFollowsTheKind(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	res := runInProcess(t, "vercel_user_token", "--config", api.HCLWithToken("wrong_token_0123456789"))
	assert.Equal(t, exitFixAccess, res.code, res.stderr)

	api.Server.SetFaults(emulator.Faults{AlwaysStatus: 429, RetryAfter: "3600"})
	res = runInProcess(t, "vercel_user_token", "--config", api.HCL())
	assert.Equal(t, exitTryLater, res.code, res.stderr)
	assert.Contains(t, res.stderr, "rate limit")
	assert.NotContains(t, res.stderr, "[error:", "the kind's mark is read, not shown")
}
