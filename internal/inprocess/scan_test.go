package inprocess

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

func TestFullScanReturnsEveryToken(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 250)
	e := newEngine(t, api.HCL())

	ids, err := readAll(t.Context(), e, tokenQuery("token_id", "name"), "token_id")
	require.NoError(t, err)
	assert.ElementsMatch(t, api.TokenIDs(t), ids)
	assert.Equal(t, 3, api.Server.Count(emulator.EndpointList), "250 tokens are three pages of 100")
	assert.Zero(t, api.Server.Count(emulator.EndpointGet))
}

func TestLimitIsOneListRequest(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 250)
	e := newEngine(t, api.HCL())

	q := tokenQuery("token_id")
	q.Limit = rowlimit.Rows(5)
	ids, err := readAll(t.Context(), e, q, "token_id")
	require.NoError(t, err)
	assert.ElementsMatch(t, api.TokenIDs(t)[:5], ids)
	lists := api.Server.RequestsTo(emulator.EndpointList)
	require.Len(t, lists, 1)
	assert.Equal(t, "5", lists[0].Query().Get("limit"))
}

func TestFailingLaterPageFailsTheQuery(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 250)
	api.Server.SetFaults(emulator.Faults{Statuses: []int{0, 403}, OnlyOn: emulator.EndpointList})
	e := newEngine(t, api.HCL())

	ids, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "403")
	assert.LessOrEqual(t, len(ids), 100)
}

func TestClosingRowsStopsPaging(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 1000)
	api.Server.SetFaults(emulator.Faults{Latency: 20 * time.Millisecond})
	e := newEngine(t, api.HCL())

	rows, err := e.Query(t.Context(), tokenQuery("token_id"))
	require.NoError(t, err)
	_, err = rows.Next()
	require.NoError(t, err)
	rows.Close()
	pagesWhenClosed := api.Server.Count(emulator.EndpointList)
	assert.Less(t, pagesWhenClosed, 10)
	assert.Equal(t, pagesWhenClosed, testapi.ListRequestsOnceQuiet(t, api.Server, 100*time.Millisecond), "no page after Close")
}

func TestConcurrentQueries(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 150)
	e := newEngine(t, api.HCL())

	errs := make(chan error, 4)
	for range cap(errs) {
		go func() {
			ids, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
			if err == nil && len(ids) != 150 {
				err = errors.New("short read")
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		assert.NoError(t, <-errs)
	}
}

func TestMissingTokenExplainsWhereToSetIt(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	e := newEngine(t, "base_url = \""+api.URL+"\"")

	_, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "api_token")
	assert.Contains(t, err.Error(), vercel.EnvAPIToken)
	assert.Empty(t, api.Server.Requests())
}

func TestQueryWithoutConfigureUsesTheEnvironment(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, "")

	_, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.Error(t, err)
	assert.Contains(t, err.Error(), vercel.EnvAPIToken)
}

func TestWrongTokenIsRejectedWithoutShowingIt(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	const wrong = "wrong_secret_0123456789abcdef"
	e := newEngine(t, "api_token = \""+wrong+"\"\nbase_url = \""+api.URL+"\"")

	_, err := readAll(t.Context(), e, tokenQuery("token_id", "is_current"), "token_id")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "rejected the API token")
	assert.NotContains(t, err.Error(), wrong)
}

func TestTokenFromEnvironmentIsNeverInErrors(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	const wrong = "env_secret_0123456789abcdef"
	t.Setenv(vercel.EnvAPIToken, wrong)
	e := newEngine(t, "base_url = \""+api.URL+"\"")

	_, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), wrong)
}
