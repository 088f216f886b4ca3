package testapi

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

func TestStartServesTheFixtureOnLoopback(t *testing.T) {
	f := emulator.GenerateFixture(3, 1)
	api := Start(t, f)

	assert.True(t, strings.HasPrefix(api.URL, "http://127.0.0.1:"), api.URL)
	assert.Same(t, f, api.Fixture)
	assert.Equal(t, f.Secret(), api.Secret)
	assert.Equal(t, f.BearerTokens[api.Secret], api.CurrentID)

	req, err := http.NewRequest(http.MethodGet, api.URL+"/v5/user/tokens/current", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+api.Secret)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointCurrent))
}

func TestHCL(t *testing.T) {
	api := &API{URL: "http://127.0.0.1:1234", Secret: "s3cret"}
	assert.Equal(t, "api_token = \"s3cret\"\nbase_url = \"http://127.0.0.1:1234\"\n", api.HCL())
	assert.Equal(t, "api_token = \"s3cret\"\nbase_url = \"http://127.0.0.1:1234\"\nteam = \"t\"\n", api.HCL(`team = "t"`))
	assert.Equal(t, "api_token = \"other\"\nbase_url = \"http://127.0.0.1:1234\"\n", api.HCLWithToken("other"))
}

func TestTokenIDsKeepFixtureOrder(t *testing.T) {
	api := Start(t, emulator.GenerateFixture(5, 1))
	ids := api.TokenIDs(t)
	require.Len(t, ids, len(api.Fixture.Tokens))
	for i, raw := range api.Fixture.Tokens {
		var token map[string]any
		require.NoError(t, json.Unmarshal(raw, &token))
		assert.Equal(t, token["id"], ids[i])
	}
	assert.Contains(t, ids, api.CurrentID)
}

func TestIsolateEnv(t *testing.T) {
	t.Setenv("VERCEL_API_TOKEN", "from the machine")
	machineTmp := os.TempDir()
	IsolateEnv(t)
	assert.Empty(t, os.Getenv("VERCEL_API_TOKEN"))
	assert.Empty(t, os.Getenv("VERCEL_TEAM"))
	assert.Equal(t, "ERROR", os.Getenv("STEAMPIPE_LOG_LEVEL"))
	assert.NotEqual(t, machineTmp, os.TempDir())
	assert.DirExists(t, os.TempDir())
}
