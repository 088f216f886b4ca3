package main

import (
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// planLine is every line a revoke plan may hold: a comment, a blank line,
// the transaction's ends or one DELETE of one quoted id.
var planLine = regexp.MustCompile(`^(--.*|begin;|commit;|delete from vercel_user_token where token_id = '([^']|'')*';|)$`)

// plannedDeletes are the ids a plan deletes, in order.
func plannedDeletes(t *testing.T, plan string) []string {
	t.Helper()
	var ids []string
	for _, line := range strings.Split(plan, "\n") {
		require.Regexp(t, planLine, line)
		if id, found := strings.CutPrefix(line, "delete from vercel_user_token where token_id = '"); found {
			ids = append(ids, strings.ReplaceAll(strings.TrimSuffix(id, "';"), "''", "'"))
		}
	}
	return ids
}

func TestRevokePlanDeletesTheTokensToRevokeNowInATransaction(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t), "--output", "revoke-sql")
	require.Equal(t, exitOK, res.code, res.stderr)
	plan := res.stdout
	assert.Equal(t, []string{"tok_leaked_used_after", "tok_leaked_not_used", "tok_unused_91", "tok_unused_90"}, plannedDeletes(t, plan))
	assert.Contains(t, plan, "Nothing has been revoked")
	assert.Contains(t, plan, "4 tokens to revoke now")
	begin, commit := strings.Index(plan, "\nbegin;\n"), strings.Index(plan, "\ncommit;\n")
	require.True(t, begin > 0 && commit > begin, "one transaction")
	assert.NotContains(t, plan[:begin], "delete from", "no statement before begin")
	assert.NotContains(t, plan[commit:], "delete from", "no statement after commit")
	assert.Contains(t, plan, "-- tok_unused_90 (pf03…sf03) of edge-owner: unused: not used since 2026-04-02 (90 days)\n"+
		"delete from vercel_user_token where token_id = 'tok_unused_90';\n", "each statement under its token's name and reason")
}

func TestRevokePlanWithNothingToRevokeIsAnEmptyPlan(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t, "tok_ok"), "--output", "revoke-sql")
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Empty(t, plannedDeletes(t, res.stdout))
	assert.Contains(t, res.stdout, "0 tokens to revoke now")
	assert.NotContains(t, res.stdout, "begin;")
}

func TestRevokePlanTextCannotLeaveItsComment(t *testing.T) {
	for _, name := range []string{"a\nDELETE FROM vercel_user_token;", "b\r\ndrop table x;", "c */ delete /* d", "e\u0085f", "g\u2028h"} {
		comment := "-- " + sqlComment(name, maxShownName)
		assert.Regexp(t, `^--[^\n\r\x85]*$`, comment, "%q", name)
		assert.NotContains(t, comment, "*/", "%q", name)
		assert.NotContains(t, comment, "/*", "%q", name)
	}
	literal, ok := sqlLiteral("it's'; delete from vercel_user_token; --")
	assert.True(t, ok)
	assert.Equal(t, `'it''s''; delete from vercel_user_token; --'`, literal)
	for _, id := range []string{"tok\n1", "tok\x00", "tok\xff"} {
		_, ok := sqlLiteral(id)
		assert.False(t, ok, "%q is no literal a person can read", id)
	}
}

func TestRevokePlanLeavesOutAnIDItCannotShow(t *testing.T) {
	testapi.IsolateEnv(t)
	res := hostileRunWith(t, startHostileAPI(t), "revoke-sql")
	ids := plannedDeletes(t, res.stdout)
	assert.Contains(t, ids, "tok_long_name")
	assert.NotContains(t, ids, hostileID)
	assert.Contains(t, res.stdout, `-- LEFT OUT: its id tok_hostile\x1b[2J\u202e holds a control character; revoke it in the dashboard`)
}

// The plan does what it says when a person runs it as docs/compliance.md
// says, in SQLite through make query: exactly the tokens to revoke now are
// gone from the emulator.
func TestRevokePlanRevokesExactlyItsTokensThroughMakeQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the SQLite extension")
	}
	for _, tool := range []string{"make", "sqlite3"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip("no " + tool)
		}
	}
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	res := auditEdge(t, api, "--output", "revoke-sql")
	require.Equal(t, exitOK, res.code, res.stderr)
	planned := plannedDeletes(t, res.stdout)
	require.Len(t, planned, 4)
	plan := writeFile(t, "revoke.sql", res.stdout)
	require.Empty(t, api.RevokedIDs(), "the report itself revokes nothing")

	ran := runScriptWithEnv(t, []string{"VERCEL_API_TOKEN=" + api.Secret, "VERCEL_BASE_URL=" + api.URL}, "make", "-s", "query", "SQL_FILE="+plan)
	require.Equal(t, 0, ran.code, "make query: %s", ran.stderr)
	revoked := api.RevokedIDs()
	slices.Sort(revoked)
	slices.Sort(planned)
	assert.Equal(t, planned, revoked, "one revocation per planned token, no other")
	for token := range edgeExpected {
		assert.Equal(t, !slices.Contains(planned, token), api.TokenExists(t, token), token)
	}
}
