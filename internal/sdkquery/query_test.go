package sdkquery

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

func TestExecuteRequestCarriesColumnsQualsAndLimit(t *testing.T) {
	q := Query{
		Table:   "vercel_user_token",
		Columns: []string{"token_id", "name"},
		Equals:  map[string]string{"token_id": "tok_1"},
		Limit:   rowlimit.Rows(5),
	}
	req := q.ExecuteRequest("vercel", "call-1")

	assert.Equal(t, "vercel_user_token", req.Table)
	assert.Equal(t, "vercel", req.Connection)
	assert.Equal(t, "call-1", req.CallId)
	assert.Equal(t, []string{"token_id", "name"}, req.QueryContext.Columns)

	quals := req.QueryContext.Quals["token_id"].GetQuals()
	require.Len(t, quals, 1)
	assert.Equal(t, "token_id", quals[0].FieldName)
	assert.Equal(t, "=", quals[0].GetStringValue())
	assert.Equal(t, "tok_1", quals[0].Value.GetStringValue())

	data := req.ExecuteConnectionData["vercel"]
	require.NotNil(t, data)
	assert.Equal(t, int64(5), data.Limit.GetValue())
	assert.False(t, data.CacheEnabled)
	assert.Equal(t, int64(5), req.QueryContext.Limit.GetValue())
}

func TestExecuteRequestWithoutLimitOrQuals(t *testing.T) {
	req := Query{Table: "t", Columns: []string{"a"}}.ExecuteRequest("c", "")

	assert.Nil(t, req.ExecuteConnectionData["c"].Limit)
	assert.Nil(t, req.QueryContext.Limit)
	assert.Empty(t, req.QueryContext.Quals)
	assert.NotEmpty(t, req.CallId)
}

func TestExecuteRequestZeroLimitIsALimit(t *testing.T) {
	req := Query{Table: "t", Limit: rowlimit.Rows(0)}.ExecuteRequest("c", "x")
	require.NotNil(t, req.ExecuteConnectionData["c"].Limit)
	assert.Equal(t, int64(0), req.ExecuteConnectionData["c"].Limit.Value)
}

func TestExecuteRequestGeneratesDistinctCallIDs(t *testing.T) {
	q := Query{Table: "t"}
	assert.NotEqual(t, q.ExecuteRequest("c", "").CallId, q.ExecuteRequest("c", "").CallId)
}

func TestExecuteRequestDoesNotAliasTheQuery(t *testing.T) {
	columns := []string{"a", "b"}
	req := Query{Table: "t", Columns: columns}.ExecuteRequest("c", "x")
	columns[0] = "changed"
	assert.Equal(t, []string{"a", "b"}, req.QueryContext.Columns)
}
