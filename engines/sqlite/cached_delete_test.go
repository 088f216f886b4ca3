package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The query cache holds a session's list of vercel_user_token; a later get
// of one token must still be that token alone, whether it reads or revokes.

// listed is a token the list shows after its first row, and not the
// connection's own.
func (a *api) listed(t *testing.T) fixtureToken {
	t.Helper()
	for _, tok := range a.tokens[1:] {
		if tok.ID != a.CurrentID {
			return tok
		}
	}
	t.Fatal("fixture too small")
	return fixtureToken{}
}

func TestDeleteByIDAfterAListRevokesThatToken(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 8)
	target := a.listed(t)
	require.NotEqual(t, a.tokens[0].ID, target.ID)
	stdout, stderr := a.script(t, fmt.Sprintf(`
select 'before', count(*) from vercel_user_token;
delete from vercel_user_token where token_id = '%[1]s';
select 'changes', changes();
select 'after', count(*) from vercel_user_token where token_id = '%[1]s';
select 'left', count(*) from vercel_user_token;`, target.ID))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "before|8\n")
	assert.Contains(t, stdout, "changes|1\n", "the DELETE revokes the token its WHERE names")
	assert.Contains(t, stdout, "after|0\n")
	assert.Contains(t, stdout, "left|7\n")
	assert.Equal(t, []string{target.ID}, a.revoked(), "one DELETE request, for that token")
	assert.False(t, exists(t, a, target.ID))
}

// The documented "look, then revoke": the oldest token other than the
// connection's own, named by a subquery.
func TestDeleteBySubqueryAfterAListRevokesThatToken(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 8)
	oldest := fmt.Sprintf("select token_id from vercel_user_token where token_id <> '%s' order by created_at limit 1", a.CurrentID)
	stdout, stderr := a.script(t, oldest+";")
	require.Empty(t, stderr)
	target := strings.TrimSpace(stdout)
	require.NotEmpty(t, target)
	require.NotEqual(t, a.tokens[0].ID, target, "the fixture's oldest token is not listed first")

	stdout, stderr = a.script(t, fmt.Sprintf(`
select 'before', count(*) from vercel_user_token;
delete from vercel_user_token where token_id = (%s);
select 'changes', changes();
select 'after', count(*) from vercel_user_token where token_id = '%s';`, oldest, target))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "changes|1\n")
	assert.Contains(t, stdout, "after|0\n")
	assert.Equal(t, []string{target}, a.revoked())
	assert.False(t, exists(t, a, target))
}

// A DELETE revokes only what its WHERE selects, however the scan was served:
// an id no token has, and a token that fails the rest of the WHERE, revoke
// nothing; every other token still works.
func TestDeleteAfterAListRevokesNothingItsWhereDoesNotSelect(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 8)
	target := a.listed(t)
	stdout, stderr := a.script(t, fmt.Sprintf(`
select 'before', count(*) from vercel_user_token;
delete from vercel_user_token where token_id = 'tok_nobody';
select 'unknown id', changes();
delete from vercel_user_token where token_id = '%[1]s' and name = 'not its name';
select 'other name', changes();
delete from vercel_user_token where token_id = '%[2]s' and name = %[3]s;
select 'first listed, other name', changes();
select 'left', count(*) from vercel_user_token;`, target.ID, a.tokens[0].ID, sqlString(target.Name)))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "unknown id|0\n")
	assert.Contains(t, stdout, "other name|0\n")
	assert.Contains(t, stdout, "first listed, other name|0\n")
	assert.Contains(t, stdout, "left|8\n")
	assert.Empty(t, a.revoked(), "nothing the WHERE did not select is revoked")
}

// A read by id after a list finds that token, with the columns the list did
// not fetch, and only it.
func TestGetByIDAfterAListReadsThatTokenAlone(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 8)
	target := a.listed(t)
	stdout, stderr := a.script(t, fmt.Sprintf(`
select 'listed', count(*) from vercel_user_token;
select 'got', token_id, name from vercel_user_token where token_id = '%[1]s';
select 'count', count(*) from vercel_user_token where token_id = '%[1]s';
select 'expires', count(*) from vercel_user_token where token_id = '%[1]s' and created_at is not null;`, target.ID))
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, fmt.Sprintf("got|%s|%s\n", target.ID, target.Name))
	assert.Equal(t, 1, strings.Count(stdout, "got|"), stdout)
	assert.Contains(t, stdout, "count|1\n")
	assert.Contains(t, stdout, "expires|1\n")
}
