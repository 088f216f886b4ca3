package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// Every documented write runs in the sqlite3 shell, each on a fresh
// sample fixture, after the session has looked at the tokens (the query
// cache then holds the list): without an error, and asking the API to
// revoke or create what it says.
func TestDocumentedSQLiteWrites(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "docs", "tables", "vercel_user_token.md"))
	require.NoError(t, err)
	writes := 0
	for _, match := range sqliteExample.FindAllStringSubmatch(string(text), -1) {
		title, sql := match[1], strings.TrimSpace(match[2])
		if !testapi.IsWriteSQL(sql) {
			continue
		}
		writes++
		t.Run(title, func(t *testing.T) {
			t.Parallel()
			a := startAPIWith(t, emulator.GenerateFixtureAt(300, 1, time.Now()))
			rotated := a.rotatable(t)
			_, stderr := a.script(t, "select count(*) from vercel_user_token;\n"+strings.ReplaceAll(sql, testapi.RotatedPlaceholder, rotated))
			require.Empty(t, stderr, sql)
			assert.Positive(t, a.Server.Count(emulator.EndpointDelete)+a.Server.Count(emulator.EndpointCreate), "the example wrote nothing")
			if strings.Contains(sql, testapi.RotatedPlaceholder) {
				assert.Equal(t, 1, a.Server.Count(emulator.EndpointCreate))
				assert.Equal(t, []string{rotated}, a.RevokedIDs())
			}
		})
	}
	assert.GreaterOrEqual(t, writes, 3, "the docs promise the write examples: revoke the leaked tokens, preview then commit, rotate a token")
}

// rotatable is a token the rotation example can replace: not the
// connection's own, in at most one team; the oldest, far from the list's
// first row.
func (a *api) rotatable(t *testing.T) string {
	t.Helper()
	stdout, stderr := a.script(t, "select token_id from vercel_user_token where not is_current and json_array_length(coalesce(team_ids, '[]')) <= 1 and revoked_at is null order by created_at limit 1;")
	require.Empty(t, stderr)
	id := strings.TrimSpace(stdout)
	require.NotEmpty(t, id)
	return id
}
