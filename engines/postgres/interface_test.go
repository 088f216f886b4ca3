package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// IMPORT FOREIGN SCHEMA defines the table as Steampipe does: every plugin
// column in Steampipe's type, and sp_connection_name, sp_ctx and _ctx.
func TestImportDefinesSteampipesColumnsAndTypes(t *testing.T) {
	a := startAPI(t, 3, 1)
	db := newDatabase(t, a.HCL())
	out := db.mustExec(`select column_name || ' ' || data_type from information_schema.columns
where table_schema = 'vercel' and table_name = 'vercel_user_token' order by ordinal_position;`)
	columns := strings.Split(strings.TrimSpace(out), "\n")
	for _, want := range []string{
		"token_id text", "name text", "created_at timestamp with time zone", "scopes jsonb",
		"is_current boolean", "sp_connection_name text", "sp_ctx jsonb", "_ctx jsonb",
	} {
		assert.Contains(t, columns, want)
	}
	rows := db.query("select sp_connection_name, sp_ctx, _ctx from vercel_user_token limit 1")
	require.Len(t, rows, 1)
	assert.Equal(t, "vercel", rows[0]["sp_connection_name"], "the connection is the schema the table was imported into")
	assert.Equal(t, map[string]any{"connection_name": "vercel"}, rows[0]["_ctx"])

	_, stderr := db.run("import foreign schema nope from server vercel into public;")
	assert.Contains(t, stderr, `the plugin has no schema "nope"`)
	_, stderr = db.run("create server other foreign data wrapper steampipe_postgres_vercel options (nope 'x');")
	assert.Contains(t, stderr, "HV00D")
	assert.Contains(t, stderr, "The only option here is config.")
}

// A query written for Steampipe runs unchanged and returns the fixture.
func TestRowsMatchTheFixture(t *testing.T) {
	a := startAPI(t, 150, 42)
	db := newDatabase(t, a.HCL())
	rows := db.query("select token_id, name, expires_at, is_current from vercel_user_token order by created_at desc")
	ids := a.TokenIDs(t)
	require.Len(t, rows, len(ids))
	for i, row := range rows {
		assert.Equal(t, ids[i], row["token_id"])
		assert.Equal(t, ids[i] == a.CurrentID, row["is_current"])
	}
}

// ALTER SERVER … OPTIONS (SET config …) takes effect on the next query of
// the same session.
func TestAlterServerTakesEffectOnTheNextQuery(t *testing.T) {
	first, second := startAPI(t, 5, 1), startAPI(t, 7, 2)
	db := newDatabase(t, first.HCL())
	out := db.mustExec(fmt.Sprintf(`select count(*) from vercel_user_token;
alter server vercel options (set config %s);
select count(*) from vercel_user_token;`, sqlString(second.HCL())))
	assert.Equal(t, "5\n7\n", out)
}

// On a superuser's server (the test's servers are postgres's) the token
// comes from the user mapping first, then the server's config, then
// VERCEL_API_TOKEN in the server's environment; credentials_test.go covers
// other roles' servers.
func TestTokenPrecedence(t *testing.T) {
	a := startAPI(t, 4, 3)
	envAPI := startAPI(t, 6, 4)
	envCluster := otherCluster(t, "token_in_environment", "VERCEL_API_TOKEN="+envAPI.Secret)
	t.Run("user mapping over config", func(t *testing.T) {
		db := newDatabase(t, a.HCLWithToken("wrong-token-in-config"))
		db.mustExec(fmt.Sprintf("create user mapping for current_user server vercel options (api_token %s);", sqlString(a.Secret)))
		assert.Equal(t, "4\n", db.mustExec("select count(*) from vercel_user_token;"))
	})
	t.Run("config over environment", func(t *testing.T) {
		db := newDatabaseIn(t, envCluster, envAPI.HCLWithToken(a.Secret))
		_, stderr := db.run("select count(*) from vercel_user_token;")
		assert.Contains(t, stderr, "28000", "the config's token, not the environment's, reached the API")
	})
	t.Run("environment", func(t *testing.T) {
		db := newDatabaseIn(t, envCluster, fmt.Sprintf("base_url = %q", envAPI.URL))
		assert.Equal(t, "6\n", db.mustExec("select count(*) from vercel_user_token;"))
	})
	t.Run("user mapping for public", func(t *testing.T) {
		db := newDatabase(t, fmt.Sprintf("base_url = %q", a.URL))
		db.mustExec(fmt.Sprintf("create user mapping for public server vercel options (api_token %s);", sqlString(a.Secret)))
		assert.Equal(t, "4\n", db.mustExec("select count(*) from vercel_user_token;"))
	})
}
