package inprocess

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// testEnv isolates a test from the machine: the SDK deletes a directory
// under TMPDIR, and the plugin reads these variables.
func testEnv(t *testing.T) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv(vercel.EnvAPIToken, "")
	t.Setenv(vercel.EnvTeam, "")
	t.Setenv("STEAMPIPE_LOG_LEVEL", "ERROR")
}

type vercelAPI struct {
	url     string
	server  *emulator.Server
	fixture *emulator.Fixture
}

// startAPI serves a generated fixture of n tokens on 127.0.0.1.
func startAPI(t *testing.T, n int) vercelAPI {
	t.Helper()
	f := emulator.GenerateFixture(n, 7)
	url, srv, stop, err := emulator.Start(f)
	require.NoError(t, err)
	t.Cleanup(stop)
	return vercelAPI{url: url, server: srv, fixture: f}
}

// config is the HCL that points the plugin at the emulator as its holder.
func (a vercelAPI) config() string {
	return fmt.Sprintf("api_token = %q\nbase_url = %q\n", a.fixture.Secret(), a.url)
}

// tokenIDs lists the fixture's token ids in fixture order.
func (a vercelAPI) tokenIDs(t *testing.T) []string {
	t.Helper()
	ids := make([]string, 0, len(a.fixture.Tokens))
	for _, raw := range a.fixture.Tokens {
		var token struct{ ID string }
		require.NoError(t, json.Unmarshal(raw, &token))
		ids = append(ids, token.ID)
	}
	return ids
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
	return sdkquery.Query{Table: "vercel_user_token", Columns: columns, Limit: -1}
}
