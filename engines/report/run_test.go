package main

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func TestHelpGoesToStdout(t *testing.T) {
	res := runInProcess(t, "--help")
	assert.Equal(t, exitOK, res.code)
	assert.True(t, strings.HasPrefix(res.stdout, "Usage: steampipe_report_vercel"))
	assert.Empty(t, res.stderr)
}

func TestBadCommandLinesExitWithUsage(t *testing.T) {
	testapi.IsolateEnv(t)
	cases := map[string]struct {
		args []string
		want string
	}{
		"unknown variable":        {[]string{"--var", "unused=3"}, `unknown variable "unused"; known: unused_days, max_age_days, max_lifetime_days`},
		"variable not a number":   {[]string{"--var", "unused_days=soon"}, "want a whole number of days"},
		"unknown severity":        {[]string{"--fail-on", "severe"}, "want one of critical, high, medium, low, info"},
		"unknown format":          {[]string{"--output", "xml"}, "table, csv, json, markdown, html, sarif"},
		"fail-on-new alone":       {[]string{"--fail-on-new"}, "--fail-on-new needs --baseline"},
		"bad time":                {[]string{"--at", "yesterday"}, "RFC 3339"},
		"config and connections":  {[]string{"--config", "x", "--connections", "y"}, "give one of them"},
		"positional argument":     {[]string{"vercel_user_token"}, `unexpected argument "vercel_user_token"`},
		"missing connections":     {[]string{"--connections", "/nonexistent.spc"}, "no such file"},
		"missing exceptions file": {[]string{"--exceptions", "/nonexistent.json"}, "exceptions file"},
		"missing baseline":        {[]string{"--baseline", "/nonexistent.json"}, "baseline"},
	}
	for name, tc := range cases {
		res := runInProcess(t, tc.args...)
		assert.Equal(t, exitUsage, res.code, name)
		assert.Contains(t, res.stderr, tc.want, name)
		assert.Empty(t, res.stdout, name)
	}
}

func TestFailOnSetsTheExitStatus(t *testing.T) {
	testapi.IsolateEnv(t)
	// edgeBearer never expires: a high alarm, and nothing critical.
	quiet := startEdgeAPI(t, "tok_ok")
	leaky := startEdgeAPI(t, "tok_ok", "tok_leaked_used_after")
	cases := []struct {
		api  *testapi.API
		args []string
		want int
	}{
		{quiet, nil, exitOK},
		{quiet, []string{"--fail-on", "critical"}, exitOK},
		{quiet, []string{"--fail-on", "high"}, exitFindings},
		{quiet, []string{"--fail-on", "info"}, exitFindings},
		{leaky, []string{"--fail-on", "critical"}, exitFindings},
	}
	for _, tc := range cases {
		res := auditEdge(t, tc.api, tc.args...)
		assert.Equal(t, tc.want, res.code, "%v: %s", tc.args, res.stderr)
		assert.Contains(t, res.stdout, "Vercel token audit", "%v: the report is written whatever the status", tc.args)
	}
}

func TestConnectionFailingOnItsSecondPageFailsTheAudit(t *testing.T) {
	testapi.IsolateEnv(t)
	api := testapi.Start(t, emulator.GenerateFixture(150, 3))
	spc := writeFile(t, "vercel.spc", fmt.Sprintf(`
connection "good" {
  plugin    = "vercel"
  api_token = %q
  base_url  = %q
}
connection "broken" {
  plugin    = "local/vercel"
  api_token = "not-a-token-the-emulator-knows"
  base_url  = %q
}
`, api.Secret, api.URL, api.URL))
	for _, format := range formats {
		res := runInProcess(t, "--connections", spc, "--output", format)
		assert.Equal(t, exitUsage, res.code, "%s: a token Vercel rejects is the configuration's fault", format)
		assert.Empty(t, res.stdout, "%s: no report that looks clean", format)
		assert.Contains(t, res.stderr, `connection "broken"`, format)
		assert.Contains(t, res.stderr, "configuration is wrong", format)
	}

	// One connection whose list fails on its second page.
	api.Server.ResetStats()
	api.Server.SetFaults(emulator.Faults{Statuses: []int{0, 400}, OnlyOn: emulator.EndpointList})
	res := runInProcess(t, "--config", api.HCL(), "--output", "json")
	assert.Equal(t, exitIncomplete, res.code)
	assert.Empty(t, res.stdout)
	assert.Contains(t, res.stderr, `connection "vercel"`)
	assert.Contains(t, res.stderr, "the audit is incomplete")
	assert.Equal(t, 2, api.Server.Count(emulator.EndpointList))
	assert.False(t, strings.Contains(res.stderr, api.Secret), "token leaked")
}

// A connection whose configuration is wrong exits 2, as a wrong command
// line does: no token, an unquoted or mistyped api_token, a bad base_url.
// The status comes from the error's kind, whatever its message says.
func TestConfigurationErrorsExitWithUsage(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_ok")
	for name, tc := range map[string]struct{ config, want string }{
		"no token":          {fmt.Sprintf("base_url = %q", api.URL), "api_token is not set"},
		"unquoted token":    {"api_token = 12345\nbase_url = \"" + api.URL + "\"", "api_token must be a quoted string"},
		"token not a word":  {"api_token = true", "api_token must be a quoted string"},
		"base_url not http": {"api_token = \"x\"\nbase_url = \"ftp://example.com\"", "base_url"},
		"rejected token":    {fmt.Sprintf("api_token = \"nope\"\nbase_url = %q", api.URL), "Vercel rejected the API token"},
	} {
		res := runInProcess(t, "--config", tc.config, "--at", edgeAt)
		assert.Equal(t, exitUsage, res.code, "%s: %s", name, res.stderr)
		assert.Contains(t, res.stderr, tc.want, name)
		assert.Empty(t, res.stdout, name)
		assert.False(t, strings.Contains(res.stderr, "12345"), "%s: the value is not shown", name)
	}
}

// The teams are read with the tokens: a team list that fails leaves the
// audit as incomplete as a token list that fails.
func TestAFailingTeamListWritesNoReport(t *testing.T) {
	testapi.IsolateEnv(t)
	for status, want := range map[int]int{
		http.StatusBadRequest: exitIncomplete,
		http.StatusForbidden:  exitUsage, // the token's scope: fix the configuration
	} {
		api := startEdgeAPI(t)
		api.Server.SetFaults(emulator.Faults{AlwaysStatus: status, OnlyOn: emulator.EndpointTeams})
		res := runInProcess(t, "--config", api.HCL(), "--output", "json")
		assert.Equal(t, want, res.code, "HTTP %d: %s", status, res.stderr)
		assert.Empty(t, res.stdout, "no report that looks clean")
		assert.Contains(t, res.stderr, `connection "vercel": reading its teams`)
		assert.Equal(t, 1, api.Server.Count(emulator.EndpointTeams), "the teams are read once")
		assert.False(t, strings.Contains(res.stderr, api.Secret), "token leaked")
	}
}

func TestTwoConnectionsInOneReport(t *testing.T) {
	testapi.IsolateEnv(t)
	prod := startEdgeAPI(t, "tok_leaked_used_after")
	staging := startEdgeAPI(t, "tok_dup_a", "tok_dup_b")
	spc := writeFile(t, "vercel.spc", fmt.Sprintf(`
connection "prod" {
  plugin    = "vercel"
  api_token = %q
  base_url  = %q
}
connection "aws" {
  plugin = "aws"
}
connection "staging" {
  plugin    = "turbot/vercel@latest"
  api_token = %q
  base_url  = %q
}
`, prod.Secret, prod.URL, staging.Secret, staging.URL))
	res := runInProcess(t, "--connections", spc, "--at", edgeAt, "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	r := decodeReport(t, res.stdout)
	assert.Equal(t, []connectionSummary{{"prod", 2}, {"staging", 3}}, r.Connections)
	alarms := map[string]bool{}
	for _, res := range r.Results {
		if res.Status == statusAlarm {
			alarms[res.Connection+" "+res.Control+" "+res.TokenID] = true
		}
	}
	assert.True(t, alarms["prod leaked tok_leaked_used_after"])
	assert.True(t, alarms["staging duplicate_name tok_dup_a"])
	assert.False(t, alarms["prod duplicate_name tok_dup_a"])
	// Each connection's own bearer token, audited in both.
	assert.True(t, alarms["prod no_expiry "+edgeBearer])
	assert.True(t, alarms["staging no_expiry "+edgeBearer])
}

func TestSameInputGivesIdenticalOutput(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	for _, format := range formats {
		views := [][]string{{"--output", format}}
		if slices.Contains(viewFormats, format) {
			views = append(views, []string{"--output", format, "--results", "--all"})
		}
		for _, args := range views {
			first := auditEdge(t, api, args...)
			second := auditEdge(t, api, args...)
			require.Equal(t, exitOK, first.code, first.stderr)
			assert.True(t, first.stdout == second.stdout, "%v: two runs differ", args)
		}
	}
}
