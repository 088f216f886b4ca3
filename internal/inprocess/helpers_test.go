package inprocess

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// startAPI serves a generated fixture of n tokens.
func startAPI(t *testing.T, n int) *testapi.API {
	t.Helper()
	return testapi.Start(t, emulator.GenerateFixture(n, 7))
}

// newEngine returns an engine closed at the end of the test, configured
// with hcl unless it is empty.
func newEngine(t *testing.T, hcl string) *Engine {
	t.Helper()
	e, err := New()
	require.NoError(t, err)
	t.Cleanup(e.Close)
	if hcl != "" {
		require.NoError(t, e.Configure(hcl))
	}
	return e
}

// readAll runs q and collects one column of every row, or the error that
// ended the query.
func readAll(ctx context.Context, e *Engine, q sdkquery.Query, column string) ([]string, error) {
	rows, err := e.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var values []string
	for {
		row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return values, nil
		}
		if err != nil {
			return values, err
		}
		values = append(values, columnString(row, column))
	}
}

func columnString(row *proto.Row, column string) string {
	v, _ := sdkquery.ColumnValue(row.GetColumns()[column]).(string)
	return v
}

func tokenQuery(columns ...string) sdkquery.Query {
	return sdkquery.Query{Table: "vercel_user_token", Columns: columns}
}
