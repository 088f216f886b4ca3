package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// Every documented write runs as a script through PostgreSQL, each on a
// fresh sample fixture: without an error, and asking the API to revoke or
// create what it says.
func TestDocumentedWritesRunInPostgres(t *testing.T) {
	examples := slices.DeleteFunc(documentedExamples(t), func(ex example) bool { return !testapi.IsWriteSQL(ex.postgres) })
	require.GreaterOrEqual(t, len(examples), 3, "the docs promise the write examples: revoke the leaked tokens, preview then commit, rotate a token")
	for _, ex := range examples {
		t.Run(ex.title, func(t *testing.T) {
			t.Parallel()
			a := testapi.Start(t, emulator.GenerateFixtureAt(300, 1, time.Now()))
			db := newDatabase(t, a.HCL())
			rotated := rotatableToken(t, db)
			stdout, stderr := db.run(strings.ReplaceAll(ex.postgres, testapi.RotatedPlaceholder, rotated) + ";\n")
			require.Empty(t, stderr, ex.postgres)
			assert.NotEmpty(t, strings.TrimSpace(stdout), "the example shows what it did")
			assert.Positive(t, a.Server.Count(emulator.EndpointDelete)+a.Server.Count(emulator.EndpointCreate), "the example wrote nothing")
			if strings.Contains(ex.postgres, testapi.RotatedPlaceholder) {
				assert.Equal(t, 1, a.Server.Count(emulator.EndpointCreate))
				assert.Equal(t, []string{rotated}, a.RevokedIDs())
			}
		})
	}
}

// rotatableToken is a token the rotation example can replace: not the
// connection's own, in at most one team.
func rotatableToken(t *testing.T, db *database) string {
	t.Helper()
	rows := db.query("select token_id from vercel_user_token where not is_current and jsonb_array_length(coalesce(team_ids, '[]')) <= 1 and revoked_at is null limit 1")
	require.Len(t, rows, 1)
	return rows[0]["token_id"].(string)
}
