package inprocess

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func TestTablesWorksBeforeConfigure(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, "")

	tables, err := e.Tables()
	require.NoError(t, err)
	require.Contains(t, tables, "vercel_user_token")
	assert.Contains(t, sdkquery.EqualityKeyColumns(tables["vercel_user_token"]), "token_id")

	tables["vercel_user_token"].Columns = nil
	again, err := e.Tables()
	require.NoError(t, err)
	assert.NotEmpty(t, again["vercel_user_token"].Columns, "Tables hands out copies")
}

func TestQueryChecksTheSchema(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, "")

	_, err := e.Query(t.Context(), sdkquery.Query{Table: "vercel_nope"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "vercel_user_token")

	_, err = e.Query(t.Context(), tokenQuery("token_id", "nope"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"nope"`)

	q := tokenQuery("token_id")
	q.Equals = map[string]string{"name": "x"}
	_, err = e.Query(t.Context(), q)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "token_id")
}
