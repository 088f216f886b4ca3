package inprocess

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func TestTokenIDEqualityIsOneGet(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 20)
	e := newEngine(t, api.HCL())
	want := api.TokenIDs(t)[4]

	q := tokenQuery("token_id", "name")
	q.Equals = map[string]string{"token_id": want}
	ids, err := readAll(t.Context(), e, q, "token_id")
	require.NoError(t, err)
	assert.Equal(t, []string{want}, ids)
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointGet))
	assert.Zero(t, api.Server.Count(emulator.EndpointList))
}

func TestUnknownTokenIDIsNoRow(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	e := newEngine(t, api.HCL())

	q := tokenQuery("token_id")
	q.Equals = map[string]string{"token_id": "no-such-token"}
	ids, err := readAll(t.Context(), e, q, "token_id")
	require.NoError(t, err)
	assert.Empty(t, ids)
}

func TestAllColumnsByDefault(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 1)
	e := newEngine(t, api.HCL())

	rows, err := e.Query(t.Context(), sdkquery.Query{Table: "vercel_user_token"})
	require.NoError(t, err)
	defer rows.Close()
	row, err := rows.Next()
	require.NoError(t, err)
	tables, err := e.Tables()
	require.NoError(t, err)
	for _, column := range sdkquery.ColumnNames(tables["vercel_user_token"]) {
		assert.Contains(t, row.GetColumns(), column)
	}
	assert.Equal(t, true, sdkquery.ColumnValue(row.GetColumns()["is_current"]))
}

// slowAPI answers every request after a delay, so a query is still waiting
// for its first page when the test stops it.
func slowAPI(t *testing.T) *testapi.API {
	api := startAPI(t, 1)
	api.Server.SetFaults(emulator.Faults{Latency: 2 * time.Second})
	return api
}

func TestCancelledContextStopsTheQuery(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, slowAPI(t).HCL())

	ctx, cancel := context.WithCancel(t.Context())
	rows, err := e.Query(ctx, tokenQuery("token_id"))
	require.NoError(t, err)
	defer rows.Close()
	cancel()
	_, err = rows.Next()
	assert.ErrorIs(t, err, context.Canceled)

	_, err = e.Query(ctx, tokenQuery("token_id"))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestClosingRowsEarlyEndsThem(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, slowAPI(t).HCL())

	rows, err := e.Query(t.Context(), tokenQuery("token_id"))
	require.NoError(t, err)
	start := time.Now()
	rows.Close()
	assert.Less(t, time.Since(start), time.Second, "Close does not wait for the page")
	_, err = rows.Next()
	assert.ErrorIs(t, err, io.EOF)
	rows.Close()
}

func TestCloseStopsRunningQueriesAndLaterCalls(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, slowAPI(t).HCL())

	rows, err := e.Query(t.Context(), tokenQuery("token_id"))
	require.NoError(t, err)
	defer rows.Close()
	e.Close()
	_, err = rows.Next()
	assert.ErrorIs(t, err, ErrClosed)

	_, err = e.Query(t.Context(), tokenQuery("token_id"))
	assert.ErrorIs(t, err, ErrClosed)
	assert.ErrorIs(t, e.Configure(""), ErrClosed)
	_, err = e.Tables()
	assert.ErrorIs(t, err, ErrClosed)
	e.Close()
}
