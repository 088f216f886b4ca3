package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// The writes of vercel_user_token, in the stock sqlite3 shell against the
// emulator.

// writeAPI serves a small fixture: writes change it, so each test has its
// own.
func writeAPI(t *testing.T, n int) *api {
	t.Helper()
	return startAPIWith(t, emulator.GenerateFixture(n, 42))
}

// script runs statements after configuring the extension; stderr is where
// the shell reports errors.
func (a *api) script(t *testing.T, statements string) (stdout, stderr string) {
	t.Helper()
	return newShell(t).run(quietly(a.configured()) + ".mode list\n" + statements + "\n")
}

// revoked lists the ids the emulator was asked to revoke, in order.
func (a *api) revoked() []string { return a.RevokedIDs() }

// other is the fixture's i-th token that is not the connection's own.
func (a *api) other(i int) fixtureToken {
	for _, tok := range a.tokens {
		if tok.ID == a.CurrentID {
			continue
		}
		if i == 0 {
			return tok
		}
		i--
	}
	panic("fixture too small")
}

func exists(t *testing.T, a *api, id string) bool { return a.TokenExists(t, id) }

func TestDeleteRevokesAtCommitOnly(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 8)
	target := a.other(0)
	stdout, stderr := a.script(t, fmt.Sprintf(`
begin;
delete from vercel_user_token where token_id = '%[1]s';
select 'in transaction', count(*) from vercel_user_token where token_id = '%[1]s';
rollback;
select 'after rollback', count(*) from vercel_user_token where token_id = '%[1]s';`, target.ID))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "in transaction|1")
	assert.Contains(t, stdout, "after rollback|1")
	assert.Empty(t, a.revoked(), "begin; delete; rollback revokes nothing")

	stdout, stderr = a.script(t, fmt.Sprintf(`
select 'before', count(*) from vercel_user_token;
delete from vercel_user_token where name = %s;
select 'changes', changes();
select 'after', count(*) from vercel_user_token where token_id = '%s';`, sqlString(target.Name), target.ID))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "changes|1")
	assert.Contains(t, stdout, "after|0", "the query cache forgets a revoked token")
	assert.Equal(t, []string{target.ID}, a.revoked(), "one DELETE request per token")
	assert.False(t, exists(t, a, target.ID))
}

func TestDeleteOfTheOwnTokenWithOthersRevokesNothing(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 6)
	first := a.other(0)
	_, stderr := a.script(t, fmt.Sprintf(`
begin;
delete from vercel_user_token where token_id = '%s';
delete from vercel_user_token;
commit;`, first.ID))
	assert.Contains(t, stderr, "would revoke the connection's own token "+a.CurrentID)
	assert.Contains(t, stderr, "nothing was revoked")
	assert.Equal(t, []string{first.ID}, a.revoked(), "the failed statement queued nothing; the one before it commits")
	assert.True(t, exists(t, a, a.CurrentID))
}

func TestOwnTokenAloneIsRevokedLast(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 6)
	_, stderr := a.script(t, fmt.Sprintf(`
begin;
delete from vercel_user_token where token_id = '%s';
delete from vercel_user_token where token_id = '%s';
commit;`, a.CurrentID, a.other(0).ID))
	assert.Empty(t, stderr)
	assert.Equal(t, []string{a.other(0).ID, a.CurrentID}, a.revoked())
}

func TestSavepointsUndoTheirDeletes(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 8)
	del := func(i int) string {
		return fmt.Sprintf("delete from vercel_user_token where token_id = '%s';\n", a.other(i).ID)
	}
	_, stderr := a.script(t, "begin;\n"+del(0)+"savepoint s1;\n"+del(1)+"savepoint s2;\n"+del(2)+
		"release s2;\nrollback to s1;\n"+del(3)+"commit;")
	assert.Empty(t, stderr)
	assert.Equal(t, []string{a.other(0).ID, a.other(3).ID}, a.revoked())
}

func TestInsertAndUpdateAreRefused(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 4)
	_, stderr := a.script(t, `
insert into vercel_user_token (name) values ('ci');
update vercel_user_token set name = 'renamed';
delete from vercel_team;`)
	assert.Contains(t, stderr, "INSERT cannot show the new token's secret")
	assert.Contains(t, stderr, "vercel_create_user_token(")
	assert.Contains(t, stderr, "UPDATE is not possible: Vercel has no way to change a token")
	assert.Contains(t, stderr, "vercel_team: DELETE is not possible: the table is read-only")
	assert.Zero(t, a.Server.Count(emulator.EndpointCreate))
	assert.Zero(t, a.Server.Count(emulator.EndpointDelete))
}

func TestCreateFunctionShowsTheSecretOnce(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 4)
	team := a.Fixture.Teams[0].ID
	stdout, stderr := a.script(t, fmt.Sprintf(`
select token_id, bearer_token, name, expires_at, team_ids, project_id from vercel_create_user_token('ci', '2099-03-01T00:00:00Z', '%s', 'prj_1');
select 'read', count(*), count(bearer_token) from vercel_user_token;`, team))
	require.Empty(t, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 2, stdout)
	fields := strings.Split(lines[0], "|")
	require.Len(t, fields, 6)
	id, secret := fields[0], fields[1]
	assert.Equal(t, []string{"ci", "2099-03-01T00:00:00.000Z", `["` + team + `"]`, "prj_1"}, fields[2:])
	assert.Equal(t, "read|5|0", lines[1], "the new token is listed, its secret never")

	c, err := vercelapi.NewClient(vercelapi.Config{Token: secret, BaseURL: a.URL})
	require.NoError(t, err)
	current, err := c.CurrentToken(context.Background())
	require.NoError(t, err, "the secret shown works")
	assert.Equal(t, id, current.ID)
	assert.Equal(t, 1, a.Server.Count(emulator.EndpointCreate))
}

func TestCreateFunctionRefusesBadInput(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 4)
	for _, tc := range []struct{ call, says string }{
		{"vercel_create_user_token()", "name is missing or empty"},
		{"vercel_create_user_token('')", "name is missing or empty"},
		{"vercel_create_user_token('ci', '2020-01-01T00:00:00Z')", "expires_at 2020-01-01T00:00:00Z is not in the future"},
		{"vercel_create_user_token('ci', 'tomorrow')", `expires_at "tomorrow" is not a timestamp`},
	} {
		_, stderr := a.script(t, "select token_id from "+tc.call+";")
		assert.Contains(t, stderr, tc.says, tc.call)
		assert.Contains(t, stderr, "no token was created", tc.call)
	}
	assert.Zero(t, a.Server.Count(emulator.EndpointCreate), "nothing was sent")

	_, stderr := a.script(t, "select token_id from vercel_create_user_token('ci', NULL, 'team_nobody');")
	assert.Contains(t, stderr, `creating token "ci"`)
	assert.Contains(t, stderr, `no access to team "team_nobody"`)
	assert.Len(t, a.tokens, 4)
	stdout, _ := a.script(t, "select count(*) from vercel_user_token;")
	assert.Equal(t, "4", strings.TrimSpace(stdout), "a refused create changes nothing")
}

// The documented rotation: the replacement with the same name and team and
// a 90-day expiry, its secret shown once, the old token revoked, in one
// transaction. When the revoke fails at COMMIT, the rollback revokes the
// replacement and the error accounts for every token.
func TestRotationInOneTransaction(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 6)
	old := a.other(0)
	rotate := fmt.Sprintf(`
begin;
delete from vercel_user_token where token_id = '%[1]s';
select 'new', token_id, bearer_token from vercel_create_user_token(
  (select name from vercel_user_token where token_id = '%[1]s'),
  strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '+90 days'),
  (select value from vercel_user_token, json_each(team_ids) where token_id = '%[1]s' limit 1));
commit;`, old.ID)

	a.Server.SetFaults(emulator.Faults{AlwaysStatus: 403, OnlyOn: emulator.EndpointDelete})
	stdout, stderr := a.script(t, rotate)
	newID := strings.Split(strings.TrimSpace(stdout), "|")[1]
	assert.Contains(t, stderr, "the commit failed, and the transaction rolled back, while revoking token "+old.ID)
	assert.Contains(t, stderr, "Not revoked, still working (1): "+old.ID)
	assert.Contains(t, stderr, "Created but NOT revoked, still working (1): "+newID, "the API refuses every revoke: the replacement is named")
	a.Server.SetFaults(emulator.Faults{})
	assert.True(t, exists(t, a, old.ID))

	a.Server.ResetStats()
	a.Server.SetFaults(emulator.Faults{Statuses: []int{0, 403}, OnlyOn: emulator.EndpointDelete})
	stdout, stderr = a.script(t, strings.Replace(rotate, "commit;", fmt.Sprintf("delete from vercel_user_token where token_id = '%s';\ncommit;", a.other(1).ID), 1))
	newID = strings.Split(strings.TrimSpace(stdout), "|")[1]
	assert.Contains(t, stderr, "Revoked before the failure (1): "+old.ID)
	assert.Contains(t, stderr, "Not revoked, still working (1): "+a.other(1).ID)
	assert.Contains(t, stderr, "revoked again by the rollback (1): "+newID)
	assert.False(t, exists(t, a, newID), "the rolled back replacement no longer works")

	a.Server.SetFaults(emulator.Faults{})
	stdout, stderr = a.script(t, strings.Replace(rotate, old.ID, a.other(2).ID, -1))
	require.Empty(t, stderr)
	fields := strings.Split(strings.TrimSpace(stdout), "|")
	require.Len(t, fields, 3)
	assert.NotEmpty(t, fields[2], "the secret is shown")
	assert.True(t, exists(t, a, fields[1]))
	assert.False(t, exists(t, a, a.other(2).ID))
	for _, out := range []string{stdout, stderr} {
		assert.NotContains(t, out, a.Secret)
	}
}

// A storm of 429 and 5xx answers during a 200-token revoke is retried
// through; then, the API failing for good, the COMMIT fails with an exact
// account.
func TestStormDuringA200TokenRevoke(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 401)
	storm := []int{429, 503, 0, 500, 0, 0, 502, 429}
	a.Server.SetFaults(emulator.Faults{Statuses: storm, RetryAfter: "0", OnlyOn: emulator.EndpointDelete})
	_, stderr := a.script(t, "delete from vercel_user_token where token_id in (select token_id from vercel_user_token where not is_current limit 200);")
	assert.Empty(t, stderr)
	assert.Equal(t, 200+5, a.Server.Count(emulator.EndpointDelete), "one DELETE per token, plus the faulted ones retried")

	a.Server.ResetStats()
	a.Server.SetFaults(emulator.Faults{Statuses: make([]int, 150), AlwaysStatus: 503, OnlyOn: emulator.EndpointDelete})
	start := time.Now()
	_, stderr = a.script(t, "delete from vercel_user_token where not is_current;")
	t.Logf("the failing commit took %v", time.Since(start).Round(time.Millisecond))
	assert.Contains(t, stderr, "Revoked before the failure (150)")
	assert.Contains(t, stderr, "Not revoked, still working (50)")
	assert.Contains(t, stderr, "HTTP 503")
	stdout, _ := a.script(t, "select count(*) from vercel_user_token;")
	assert.Equal(t, "51", strings.TrimSpace(stdout))
}

// At TRACE the writes log one line per request, and the new secret shows
// only in the function's row.
func TestCreatedSecretIsInNoLogLine(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 4)
	stdout, stderr := newShell(t, "STEAMPIPE_LOG_LEVEL=TRACE").run(quietly(a.configured()) + `.mode list
select 'created', bearer_token from vercel_create_user_token('ci');
begin;
delete from vercel_user_token where name = 'ci';
commit;
`)
	var secret string
	for _, line := range strings.Split(stdout, "\n") {
		if s, ok := strings.CutPrefix(line, "created|"); ok {
			secret = s
		}
	}
	require.NotEmpty(t, secret, stdout+stderr)
	assert.Contains(t, stderr, "method=POST path=/v3/user/tokens", "the create's TRACE line")
	assert.Contains(t, stderr, "method=DELETE path=/v3/user/tokens/", "the revoke's TRACE line")
	assert.NotContains(t, stderr, secret)
	assert.NotContains(t, stderr, a.Secret)
	assert.Equal(t, 1, strings.Count(stdout, secret))
}

// A read pays nothing for the writes: a scan fetches is_current only when
// the query uses it, even though any scan may feed a DELETE.
func TestReadsDoNotLookUpTheOwnToken(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 4)
	stdout, stderr := a.script(t, "select count(*) from vercel_user_token;\nselect name from vercel_user_token where token_id = '"+a.other(0).ID+"';")
	require.Empty(t, stderr)
	assert.Contains(t, stdout, "4\n")
	assert.Zero(t, a.Server.Count(emulator.EndpointCurrent))

	_, stderr = a.script(t, "delete from vercel_user_token where token_id = '"+a.other(0).ID+"';")
	require.Empty(t, stderr)
	assert.Equal(t, 1, a.Server.Count(emulator.EndpointCurrent), "a DELETE asks once which token is the connection's own")

	a.Server.ResetStats()
	_, stderr = a.script(t, "delete from vercel_user_token where token_id = '"+a.other(1).ID+"' and not is_current;")
	require.Empty(t, stderr)
	assert.Equal(t, 1, a.Server.Count(emulator.EndpointCurrent), "a DELETE whose scan fetched is_current asks nothing more")
}

// steampipe_configure_vercel inside a write transaction points the next
// statements elsewhere, while the transaction writes with the config it
// began with: a write after it is refused, rather than have another
// account's token "revoked" through the first.
func TestWriteAfterReconfiguringInTheTransactionIsRefused(t *testing.T) {
	t.Parallel()
	first := writeAPI(t, 4)
	second := startAPIWith(t, emulator.GenerateFixture(4, 43))
	stdout, stderr := first.script(t, fmt.Sprintf(`
begin;
delete from vercel_user_token where token_id = '%s';
%s
delete from vercel_user_token where token_id = '%s';
select 'created', count(*) from vercel_create_user_token('after reconfiguring');
commit;`, first.other(0).ID, quietly(second.configured()), second.other(0).ID))
	assert.Contains(t, stderr, "steampipe_configure_vercel changed the connection inside this transaction")
	assert.NotContains(t, stdout, "created|")
	assert.Equal(t, []string{first.other(0).ID}, first.revoked(), "the commit revokes the first statement's token only")
	assert.Zero(t, second.Server.Count(emulator.EndpointCreate)+first.Server.Count(emulator.EndpointCreate))
	assert.True(t, exists(t, second, second.other(0).ID))
}
