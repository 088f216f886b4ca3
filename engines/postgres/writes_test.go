package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// The writes of vercel_user_token, in the private PostgreSQL cluster
// against the emulator.

// modifyRows runs an INSERT or DELETE … RETURNING and decodes the rows it
// returned (a data-modifying statement cannot be a subquery, only a WITH).
func modifyRows(db *database, sql string) []map[string]any {
	db.t.Helper()
	out := db.mustExec(fmt.Sprintf("with q as (%s) select coalesce(jsonb_agg(q), '[]') from q;\n", strings.TrimSuffix(strings.TrimSpace(sql), ";")))
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		db.t.Fatalf("%s: decode %q: %v", sql, out, err)
	}
	return rows
}

// otherIDs are the fixture's token ids but the connection's own.
func otherIDs(t testing.TB, api *testapi.API) []string {
	t.Helper()
	var ids []string
	for _, id := range api.TokenIDs(t) {
		if id != api.CurrentID {
			ids = append(ids, id)
		}
	}
	return ids
}

func TestDeleteRevokesAtCommitOnly(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 8, 3)
	db := newDatabase(t, api.HCL())
	o := otherIDs(t, api)

	stdout, stderr := db.run(fmt.Sprintf(`begin;
delete from vercel_user_token where token_id = '%s' returning name;
rollback;`, o[0]))
	assert.Empty(t, stderr)
	assert.NotEmpty(t, strings.TrimSpace(stdout), "RETURNING previews the row")
	assert.Empty(t, api.RevokedIDs(), "begin; delete; rollback revokes nothing")

	stdout, stderr = db.run(fmt.Sprintf(`\set QUIET off
delete from vercel_user_token where token_id in ('%s', '%s');`, o[0], o[1]))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "DELETE 2")
	assert.Equal(t, []string{o[0], o[1]}, api.RevokedIDs())
	assert.False(t, api.TokenExists(t, o[0]))
	rows := db.query(fmt.Sprintf("select token_id from vercel_user_token where token_id = '%s'", o[0]))
	assert.Empty(t, rows)
}

func TestInsertReturnsTheSecretOnce(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	db := newDatabase(t, api.HCL())
	team := api.Fixture.Teams[0].ID
	rows := modifyRows(db, fmt.Sprintf(`insert into vercel_user_token (name, expires_at, team_ids, project_id)
values ('ci', '2099-03-01T00:00:00Z', '["%s"]', 'prj_1') returning token_id, bearer_token, name, expires_at, team_ids, project_id, is_current`, team))
	require.Len(t, rows, 1, "%v", rows)
	assert.Equal(t, "2099-03-01T00:00:00+00:00", rows[0]["expires_at"])
	secret, _ := rows[0]["bearer_token"].(string)
	assert.NotEmpty(t, secret)
	assert.Equal(t, "ci", rows[0]["name"])
	assert.Equal(t, "prj_1", rows[0]["project_id"])
	assert.Equal(t, false, rows[0]["is_current"])
	assert.Equal(t, []any{team}, rows[0]["team_ids"])
	read := db.query("select count(*) as n, count(bearer_token) as secrets from vercel_user_token")
	assert.Equal(t, float64(5), read[0]["n"])
	assert.Equal(t, float64(0), read[0]["secrets"])
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointCreate))
}

func TestOwnTokenRule(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 6, 3)
	db := newDatabase(t, api.HCL())
	o := otherIDs(t, api)

	_, stderr := db.run(fmt.Sprintf(`begin;
delete from vercel_user_token where token_id = '%s';
delete from vercel_user_token;
commit;`, o[0]))
	assert.Contains(t, stderr, "ERROR:  55000: this statement would revoke the connection's own token "+api.CurrentID)
	assert.Contains(t, stderr, "nothing was revoked")
	assert.Empty(t, api.RevokedIDs(), "the aborted transaction revokes nothing, not even the first DELETE's token")
	assert.True(t, api.TokenExists(t, api.CurrentID))

	_, stderr = db.run(fmt.Sprintf(`begin;
delete from vercel_user_token where token_id = '%s';
delete from vercel_user_token where token_id = '%s';
commit;`, api.CurrentID, o[0]))
	assert.Empty(t, stderr)
	assert.Equal(t, []string{o[0], api.CurrentID}, api.RevokedIDs(), "the own token, named alone, is revoked last")
}

func TestSavepointsAndRollbackUndoWrites(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 8, 3)
	db := newDatabase(t, api.HCL())
	o := otherIDs(t, api)
	stdout, stderr := db.run(fmt.Sprintf(`begin;
delete from vercel_user_token where token_id = '%s';
savepoint s1;
delete from vercel_user_token where token_id = '%s';
insert into vercel_user_token (name) values ('inside s1') returning token_id;
rollback to s1;
delete from vercel_user_token where token_id = '%s';
commit;`, o[0], o[1], o[2]))
	require.Empty(t, stderr)
	created := strings.TrimSpace(stdout)
	assert.Equal(t, []string{created, o[0], o[2]}, api.RevokedIDs(), "ROLLBACK TO revokes the token created after the savepoint at once; the rest at COMMIT")
	assert.True(t, api.TokenExists(t, o[1]))

	api.Server.ResetStats()
	stdout, stderr = db.run(`begin;
insert into vercel_user_token (name) values ('rolled back') returning token_id;
rollback;`)
	require.Empty(t, stderr)
	created = strings.TrimSpace(stdout)
	assert.Equal(t, []string{created}, api.RevokedIDs(), "a rolled back transaction revokes the tokens it created")
	assert.False(t, api.TokenExists(t, created))
}

func TestWritesRefuseBadInputAndChangeNothing(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	db := newDatabase(t, api.HCL())
	for _, tc := range []struct{ sql, says string }{
		{"insert into vercel_user_token (name) values ('')", "ERROR:  22023: name is missing or empty"},
		{"insert into vercel_user_token (expires_at) values ('2099-01-01')", "ERROR:  22023: name is missing or empty"},
		{"insert into vercel_user_token (name, expires_at) values ('ci', '2020-01-01T00:00:00Z')", "expires_at 2020-01-01T00:00:00Z is not in the future"},
		{"insert into vercel_user_token (name, expires_at) values ('ci', 'next tuesday')", "ERROR:  22007: invalid input syntax for type timestamp with time zone"},
		{`insert into vercel_user_token (name, team_ids) values ('ci', '["team_a","team_b"]')`, "team_ids names 2 teams"},
		{"insert into vercel_user_token (name, bearer_token) values ('ci', 'mine')", "ERROR:  0A000: vercel_user_token: column bearer_token cannot be set: Vercel sets it. An INSERT may set only name, expires_at, team_ids, project_id"},
		{"insert into vercel_user_token (token_id, name) values ('tok', 'ci')", "column token_id cannot be set"},
		{"update vercel_user_token set name = 'renamed'", "ERROR:  0A000: vercel_user_token: UPDATE is not possible: Vercel has no way to change a token"},
		{"delete from vercel_team", "ERROR:  0A000: vercel_team: DELETE is not possible: the table is read-only"},
		{`insert into vercel_user_token (name, team_ids) values ('ci', '["team_nobody"]')`, `no access to team "team_nobody"`},
	} {
		_, stderr := db.run(tc.sql + ";")
		assert.Contains(t, stderr, tc.says, tc.sql)
	}
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointCreate), "only the unreachable team was asked of Vercel, which refused")
	assert.Zero(t, api.Server.Count(emulator.EndpointDelete))
	assert.Len(t, db.query("select token_id from vercel_user_token"), 4)
}

func TestExplainShowsWhatTheAPIIsAsked(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	db := newDatabase(t, api.HCL())
	stdout := db.mustExec(`explain delete from vercel_user_token where leaked_at is not null;
explain insert into vercel_user_token (name) values ('ci');`)
	assert.Contains(t, stdout, "Vercel API: DELETE /v3/user/tokens/{token_id} for each row the scan finds, when the transaction commits (the connection's own token last)")
	assert.Contains(t, stdout, "Vercel API: list all (page size 100)")
	assert.Contains(t, stdout, "Vercel API: POST /v3/user/tokens for each row")
	assert.Zero(t, api.Server.Count(emulator.EndpointCreate))
	assert.Zero(t, api.Server.Count(emulator.EndpointDelete))
	assert.Zero(t, api.Server.Count(emulator.EndpointList), "EXPLAIN asks the API nothing")
}

// A failing revocation fails the COMMIT with an account of every token,
// and the rollback revokes the token the transaction created.
func TestCommitFailureAccountsForEveryToken(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 6, 3)
	db := newDatabase(t, api.HCL())
	o := otherIDs(t, api)
	api.Server.SetFaults(emulator.Faults{Statuses: []int{0, 403}, OnlyOn: emulator.EndpointDelete})
	stdout, stderr := db.run(fmt.Sprintf(`begin;
insert into vercel_user_token (name) values ('replacement') returning token_id;
delete from vercel_user_token where token_id in ('%s', '%s');
commit;`, o[0], o[1]))
	created := strings.TrimSpace(stdout)
	assert.Contains(t, stderr, "ERROR:  40000: server vercel: the commit failed, and the transaction rolled back, while revoking token "+o[1])
	assert.Contains(t, stderr, "Revoked before the failure (1): "+o[0])
	assert.Contains(t, stderr, "Not revoked, still working (1): "+o[1])
	assert.Contains(t, stderr, "revoked again by the rollback (1): "+created)
	assert.False(t, api.TokenExists(t, created))
	assert.True(t, api.TokenExists(t, o[1]))
}

// A storm of 429 and 5xx answers during a 200-token revoke is retried
// through; then, the API failing for good, the COMMIT fails with an exact
// account.
func TestStormDuringA200TokenRevoke(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 401, 3)
	db := newDatabase(t, api.HCL())
	storm := []int{429, 503, 0, 500, 0, 0, 502, 429}
	api.Server.SetFaults(emulator.Faults{Statuses: storm, RetryAfter: "0", OnlyOn: emulator.EndpointDelete})
	stdout, stderr := db.run(`\set QUIET off
delete from vercel_user_token where token_id in (select token_id from vercel_user_token where not is_current limit 200);`)
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "DELETE 200")
	assert.Equal(t, 200+5, api.Server.Count(emulator.EndpointDelete), "one DELETE per token, plus the faulted ones retried")

	api.Server.ResetStats()
	api.Server.SetFaults(emulator.Faults{Statuses: make([]int, 150), AlwaysStatus: 503, OnlyOn: emulator.EndpointDelete})
	_, stderr = db.run("delete from vercel_user_token where not is_current;")
	assert.Contains(t, stderr, "Revoked before the failure (150)")
	assert.Contains(t, stderr, "Not revoked, still working (50)")
	assert.Len(t, db.query("select token_id from vercel_user_token"), 51)
}

// statement_timeout during an INSERT: the statement fails, the transaction
// rolls back, and the token Vercel made all the same is revoked.
func TestCancelledInsertRevokesTheToken(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	db := newDatabase(t, api.HCL())
	api.Server.SetFaults(emulator.Faults{Latency: 1500 * time.Millisecond})
	start := time.Now()
	_, stderr := db.run(`set statement_timeout = '300ms';
insert into vercel_user_token (name) values ('cancelled') returning token_id;`)
	assert.Contains(t, stderr, "canceling statement due to statement timeout")
	api.Server.SetFaults(emulator.Faults{})
	t.Logf("the cancelled INSERT returned after %v", time.Since(start).Round(time.Millisecond))
	require.Equal(t, 1, api.Server.Count(emulator.EndpointCreate))
	revoked := api.RevokedIDs()
	require.Len(t, revoked, 1, "the abort revoked the token the create made")
	assert.False(t, api.TokenExists(t, revoked[0]))
	assert.Len(t, db.query("select token_id from vercel_user_token"), 4)
}

// The new secret shows in the INSERT's own rows and nowhere else: not in a
// log at any level (PostgreSQL's debug5, the plugin's TRACE), a notice, a
// later SELECT or a DELETE's RETURNING.
func TestCreatedSecretAppearsOnlyInItsOwnRows(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	c := otherCluster(t, "secrets", "STEAMPIPE_LOG_LEVEL=TRACE")
	db := newDatabaseIn(t, c, api.HCL())
	stdout, stderr := db.run(`set log_min_messages = debug5;
set client_min_messages = debug5;
set log_statement = 'all';
insert into vercel_user_token (name) values ('ci') returning 'created', bearer_token;
select 'read', count(*), count(bearer_token) from vercel_user_token;
begin;
delete from vercel_user_token where name = 'ci' returning 'deleted', bearer_token;
commit;`)
	var secret string
	for _, line := range strings.Split(stdout, "\n") {
		if s, ok := strings.CutPrefix(line, "created|"); ok {
			secret = s
		}
	}
	require.NotEmpty(t, secret, stdout+stderr)
	assert.Equal(t, 1, strings.Count(stdout, secret), "the secret is in the INSERT's row only")
	assert.Contains(t, stdout, "read|5|0")
	assert.Contains(t, stdout, "deleted|\n")
	assert.Contains(t, stderr, "DEBUG", "debug messages did reach the client")
	assert.NotContains(t, stderr, secret)
	log := c.log()
	assert.Contains(t, log, "DEBUG", "the server did log at debug levels")
	assert.Contains(t, log, "/v3/user/tokens", "the plugin's TRACE lines of the create and the revoke are in the log")
	assert.NotContains(t, log, secret)
	assert.NotContains(t, log, api.Secret)
}

// An INSERT of several rows whose second is refused changes nothing: the
// first row's token, made already, is revoked as the statement's
// transaction rolls back.
func TestFailedMultiRowInsertLeavesNoToken(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	db := newDatabase(t, api.HCL())
	_, stderr := db.run("insert into vercel_user_token (name) values ('made first'), ('');")
	assert.Contains(t, stderr, "ERROR:  22023: name is missing or empty")
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointCreate))
	require.Len(t, api.RevokedIDs(), 1, "the first row's token is revoked")
	assert.False(t, api.TokenExists(t, api.RevokedIDs()[0]))
	assert.Len(t, db.query("select token_id from vercel_user_token"), 4)
}

// A DELETE whose WHERE calls a function with an EXCEPTION block starts a
// subtransaction for each row it checks; the statement still revokes every
// row it reports deleting, and a subtransaction rolled back inside the
// function leaves the statement's rows alone.
func TestSubtransactionsInsideADeleteKeepItsRows(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 6, 3)
	db := newDatabase(t, api.HCL())
	o := otherIDs(t, api)
	stdout, stderr := db.run(fmt.Sprintf(`create function pick(id text, wanted text[]) returns boolean language plpgsql as $$
begin
  if id = wanted[2] then
    raise exception 'rolled back inside the function';
  end if;
  return id = any(wanted);
exception when others then
  return true;
end $$;
\set QUIET off
begin;
delete from vercel_user_token where not is_current and pick(token_id, array['%s', '%s', '%s']);
commit;`, o[0], o[1], o[2]))
	require.Empty(t, stderr)
	assert.Contains(t, stdout, "DELETE 3")
	assert.ElementsMatch(t, []string{o[0], o[1], o[2]}, api.RevokedIDs(), "every row the DELETE counted is revoked at commit")
}

// A transaction writes through a server with one token: once it has, a
// statement under another token (here a user mapping created since, whose
// token is another of the same user's) is refused. Let through, it would
// queue the first token's own token as any other, and the commit would
// revoke it before the rest, locking itself out halfway.
func TestTransactionWritesWithOneToken(t *testing.T) {
	t.Parallel()
	f := emulator.GenerateFixture(6, 3)
	first := f.Secret()
	var other string
	for _, raw := range f.Tokens {
		var tok struct{ ID string }
		require.NoError(t, json.Unmarshal(raw, &tok))
		if tok.ID != f.BearerTokens[first] {
			other = tok.ID
		}
	}
	const second = "zz-second-secret"
	f.BearerTokens[second] = other
	api := testapi.Start(t, f)
	o := otherIDs(t, api)
	db := newDatabase(t, api.HCL())
	_, stderr := db.run(fmt.Sprintf(`begin;
delete from vercel_user_token where token_id = '%s';
create user mapping for current_user server vercel options (api_token '%s');
delete from vercel_user_token where token_id in ('%s', '%s');
commit;`, o[0], second, api.CurrentID, o[1]))
	assert.Contains(t, stderr, "ERROR:  55000: server vercel: this transaction already writes tokens with another api_token")
	assert.NotContains(t, stderr, second)
	assert.Empty(t, api.RevokedIDs(), "the aborted transaction revokes nothing")
	assert.True(t, api.TokenExists(t, api.CurrentID))
}

// A COMMIT that writes through several servers and fails on one accounts
// for the others too: what they revoked before the failure and what they
// were to revoke after it.
func TestCommitFailureAccountsForEveryServer(t *testing.T) {
	t.Parallel()
	apis := []*testapi.API{startAPI(t, 4, 3), startAPI(t, 4, 4), startAPI(t, 4, 5)}
	db := newDatabase(t, apis[0].HCL())
	db.addServer("second", apis[1].HCL())
	db.addServer("third", apis[2].HCL())
	apis[1].Server.SetFaults(emulator.Faults{AlwaysStatus: 503, OnlyOn: emulator.EndpointDelete})
	ids := [][]string{otherIDs(t, apis[0]), otherIDs(t, apis[1]), otherIDs(t, apis[2])}
	_, stderr := db.run(fmt.Sprintf(`begin;
delete from vercel.vercel_user_token where token_id = '%s';
delete from second.vercel_user_token where token_id = '%s';
delete from third.vercel_user_token where token_id = '%s';
commit;`, ids[0][0], ids[1][0], ids[2][0]))
	assert.Contains(t, stderr, "ERROR:  40000: server second: the commit failed")
	assert.Contains(t, stderr, "Revoked through other servers before the failure, and still revoked: server vercel: "+ids[0][0])
	assert.Contains(t, stderr, "Not revoked through the servers after it, still working: server third: "+ids[2][0])
	assert.Equal(t, []string{ids[0][0]}, apis[0].RevokedIDs())
	assert.Empty(t, apis[2].RevokedIDs())
	assert.True(t, apis[2].TokenExists(t, ids[2][0]))
}

// COPY into the table, and an INSERT routed to it as a partition, would
// create tokens whose secrets nobody sees: they are refused before any
// request, and the backend (and every other session) lives on.
func TestCopyAndRoutedInsertsAreRefused(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	// A cluster of its own: a crash here restarts every session of it.
	db := newDatabaseIn(t, otherCluster(t, "copy"), api.HCL())
	for _, script := range []string{
		"copy vercel_user_token (name) from stdin;\ncopied\n\\.\n",
		`create table routed (name text) partition by list (name);
create foreign table routed_tokens partition of routed for values in ('routed') server vercel options (table 'vercel_user_token');
insert into routed (name) values ('routed');`,
	} {
		_, stderr := db.run(script)
		assert.Contains(t, stderr, "ERROR:  0A000: vercel_user_token: COPY and inserts routed through a partitioned table are not possible", script)
	}
	assert.Zero(t, api.Server.Count(emulator.EndpointCreate))
	assert.Len(t, db.query("select token_id from vercel_user_token"), 4, "the session and the server still answer")
}

// A DELETE whose join meets a token twice revokes it once and counts it
// once, as PostgreSQL counts a local row deleted once.
func TestDeleteCountsATokenMetTwiceOnce(t *testing.T) {
	t.Parallel()
	api := startAPI(t, 4, 3)
	db := newDatabase(t, api.HCL())
	o := otherIDs(t, api)
	stdout, stderr := db.run(fmt.Sprintf(`\set QUIET off
delete from vercel_user_token t using (values (1), (2)) v(n) where t.token_id = '%s' returning t.token_id;`, o[0]))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "DELETE 1")
	assert.Equal(t, 1, strings.Count(stdout, o[0]), "one RETURNING row")
	assert.Equal(t, []string{o[0]}, api.RevokedIDs())
}
