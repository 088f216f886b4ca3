package inprocess

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// Every SetAllConnectionConfigs with a cache size starts a query cache whose
// cleanup goroutine never ends; reconfiguring must not pile them up.
func TestReconfiguringLeaksNoGoroutine(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	e := newEngine(t, api.HCL())
	before := runtime.NumGoroutine()
	for range 200 {
		require.NoError(t, e.Configure(api.HCL()))
	}
	require.Error(t, e.Configure("api_tokn = \"x\""))
	require.NoError(t, e.Configure(api.HCL()))
	// Goroutines that are ending may still be counted for a moment.
	assert.Eventually(t, func() bool { return runtime.NumGoroutine() < before+20 }, 10*time.Second, 50*time.Millisecond,
		"%d goroutines before 200 reconfigurations, %d after", before, runtime.NumGoroutine())
}

func TestReconfiguringEmptiesTheCache(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	e := newEngine(t, api.HCL())
	for range 2 {
		ids, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
		require.NoError(t, err)
		assert.Len(t, ids, 5)
		require.NoError(t, e.Configure(api.HCL()))
	}
	assert.Equal(t, 2, api.Server.Count(emulator.EndpointList), "a new config fetches anew")
}

func TestReconfiguringReplacesTheWholeConfig(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	e := newEngine(t, api.HCL())
	// base_url left out: the default, not the emulator of the first call.
	require.NoError(t, e.Configure("api_token = \""+api.Secret+"\""))
	require.NoError(t, e.Configure(api.HCL()))
	_, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.NoError(t, err)
	require.NoError(t, e.Configure(`team = "acme"`))
	_, err = readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.Error(t, err, "the token of the earlier call is not kept")
	assert.Contains(t, err.Error(), "api_token")
}

func TestConfigureChecksValuesWhenSet(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	e := newEngine(t, "")
	for hcl, want := range map[string]string{
		"api_token = 1234567890123":                   "api_token must be a quoted string",
		"api_token = true":                            "api_token must be a quoted string",
		"base_url = \"http://api.example.com\"":       "plain http to a non-loopback host",
		"base_url = \"api.vercel.com\"":               "base_url",
		"base_url = \"https://u:p@api.vercel.com\"":   "must not carry credentials",
		"base_url = 8080":                             "base_url must be a quoted string",
		"api_token = \"x\"\nbase_url = \"ftp://h/\"":  "must start with https://",
		"team = \"acme\"\nbase_url = \"http://[::1\"": "not a valid URL",
	} {
		err := e.Configure(hcl)
		if assert.Error(t, err, hcl) {
			assert.Contains(t, err.Error(), want, hcl)
			assert.False(t, strings.Contains(err.Error(), "1234567890123"), "the token leaked into the error")
		}
		assert.Empty(t, api.Server.Requests())
	}
}

func TestBadReconfigurationFails(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 5)
	e := newEngine(t, api.HCL())
	err := e.Configure("api_tokn = \"x\"")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "api_tokn")
	_, err = readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.Error(t, err, "queries fail until a config succeeds")
	assert.Empty(t, api.Server.Requests())
}
