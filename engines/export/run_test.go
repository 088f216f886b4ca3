package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func TestHelpGoesToStdout(t *testing.T) {
	for _, flag := range []string{"--help", "-h", "-help"} {
		res := runInProcess(t, flag)
		assert.Equal(t, exitOK, res.code, flag)
		assert.True(t, strings.HasPrefix(res.stdout, "Usage: steampipe_export_vercel TABLE_NAME"), flag)
		assert.Empty(t, res.stderr, flag)
	}
}

func TestBadCommandLinesExitWithUsage(t *testing.T) {
	cases := map[string]struct {
		args []string
		want string
	}{
		"no table":       {nil, "missing TABLE_NAME"},
		"two tables":     {[]string{"a", "b"}, "one TABLE_NAME expected"},
		"unknown flag":   {[]string{"t", "--nope"}, "flag provided but not defined"},
		"bad limit":      {[]string{"t", "--limit", "many"}, "-limit"},
		"negative limit": {[]string{"t", "--limit", "-5"}, "want a number of rows, 0 or more"},
		"limit -1":       {[]string{"t", "--limit", "-1"}, "leave --limit out to export every row"},
		"bad output":     {[]string{"t", "--output", "xml"}, "csv, json, jsonl"},
		"bad where":      {[]string{"t", "--where", "token_id > 'a'"}, "only key-column equality"},
		"where with or":  {[]string{"t", "--where", "token_id = 'a' or 1 = 1"}, "only key-column equality"},
		"empty select":   {[]string{"t", "--select", "a,,b"}, "empty column name"},
		"missing value":  {[]string{"t", "--config"}, "flag needs an argument"},
	}
	for name, tc := range cases {
		res := runInProcess(t, tc.args...)
		assert.Equal(t, exitUsage, res.code, name)
		assert.Contains(t, res.stderr, "Error: ", name)
		assert.Contains(t, res.stderr, tc.want, name)
		assert.Contains(t, res.stderr, "Usage: ", name)
		assert.Empty(t, res.stdout, name)
	}
}

// A query the table cannot answer is a wrong command line, like a flag the
// command does not know: exit status 2, with the usage. A connection config
// that does not work fails the export: status 1.
func TestExportMistakesExitWithTheReason(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 3)
	withAPI := func(args ...string) []string { return append(args, "--config", api.HCL()) }
	cases := map[string]struct {
		args []string
		code int
		want []string
	}{
		"unknown table":        {withAPI("vercel_nope"), exitUsage, []string{`table "vercel_nope" not found`, "vercel_user_token"}},
		"unknown column":       {withAPI("vercel_user_token", "--select", "token_id,secret"), exitUsage, []string{`no column "secret"`, "token_id, name, type"}},
		"non-key where":        {withAPI("vercel_user_token", "--where", "name = 'x'"), exitUsage, []string{`cannot filter on "name"`, "token_id"}},
		"reserved where":       {withAPI("vercel_user_token", "--where", "sp_connection_name = 'prod'"), exitUsage, []string{`cannot filter on "sp_connection_name"`, "(token_id)"}},
		"bad config":           {[]string{"vercel_user_token", "--config", "api_token = oops"}, exitFixAccess, []string{"invalid connection config", "line 1"}},
		"unknown setting":      {[]string{"vercel_user_token", "--config", `colour = "blue"`}, exitFixAccess, []string{"invalid connection config", `"colour"`}},
		"base_url credentials": {[]string{"vercel_user_token", "--config", "api_token = \"t\"\nbase_url = \"https://user:PASSWORD@api.vercel.com\""}, exitFixAccess, []string{`"https://[REDACTED]@api.vercel.com" must not carry credentials`}},
	}
	for name, tc := range cases {
		res := runInProcess(t, tc.args...)
		assert.Equal(t, tc.code, res.code, name)
		assert.True(t, strings.HasPrefix(res.stderr, "Error: "), name)
		for _, want := range tc.want {
			assert.Contains(t, res.stderr, want, name)
		}
		assert.Equal(t, tc.code == exitUsage, strings.Contains(res.stderr, "Usage: "), "%s: the usage follows a usage error only", name)
		assert.Empty(t, res.stdout, name)
		assert.NotContains(t, res.stderr, "PASSWORD", name)
	}
	assert.Empty(t, api.Server.Requests(), "no query reached the API")
}

func TestWhereTokenIDIsOneGetRequest(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 30)
	var id string
	for id = range fixtureTokens(t, api) {
		break
	}

	res := runInProcess(t, "vercel_user_token", "--where", "token_id='"+id+"'", "--select", "token_id,name", "--output", "csv", "--config", api.HCL())
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Equal(t, "token_id,name\n"+id+","+fixtureTokens(t, api)[id].Name+"\n", res.stdout)
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointGet))
	assert.Zero(t, api.Server.Count(emulator.EndpointList))
}

func TestNoMatchStillWritesAValidDocument(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 3)
	want := map[string]string{"csv": "token_id\n", "json": "[]\n", "jsonl": ""}
	for format, output := range want {
		res := runInProcess(t, "vercel_user_token", "--where", `token_id = "nope"`, "--select", "token_id", "--output", format, "--config", api.HCL())
		require.Equal(t, exitOK, res.code, res.stderr)
		assert.Equal(t, output, res.stdout, format)
	}
}
