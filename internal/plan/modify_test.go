package plan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestModifications(t *testing.T) {
	tokens := NewTable("vercel_user_token", schema(nil, nil, "token_id", "name", "expires_at", "team_ids", "project_id", "bearer_token"))
	teams := NewTable("vercel_team", schema(nil, nil, "id"))
	assert.True(t, tokens.Writable())
	assert.False(t, teams.Writable())

	require.NoError(t, tokens.CheckModify("DELETE"))
	require.NoError(t, tokens.CheckInsert([]string{"name", "expires_at", "team_ids", "project_id"}))

	err := tokens.CheckModify("UPDATE")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Vercel has no way to change a token")

	err = tokens.CheckModify("COPY")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "secrets would show nowhere")

	err = tokens.CheckInsert([]string{"name", "bearer_token"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "column bearer_token cannot be set")
	assert.Contains(t, err.Error(), "may set only name, expires_at, team_ids, project_id")

	for _, op := range []string{"INSERT", "UPDATE", "DELETE", "COPY"} {
		err := teams.CheckModify(op)
		require.Error(t, err, op)
		assert.Contains(t, err.Error(), "read-only")
	}
}

func TestInsertColumnsAreACopy(t *testing.T) {
	columns := InsertColumns(WritableTable)
	assert.Equal(t, []string{"name", "expires_at", "team_ids", "project_id"}, columns)
	columns[0] = "bearer_token"
	assert.Equal(t, "name", InsertColumns(WritableTable)[0], "a caller cannot change what INSERT may set")
	assert.Empty(t, InsertColumns("vercel_team"), "a read-only table takes no INSERT")
}
