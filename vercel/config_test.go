package vercel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// parseConfig gives hcl to the plugin the way every engine does (the SDK's
// SetAllConnectionConfigs) and returns the config the SDK stored, or the
// error it reported for the connection.
func parseConfig(t *testing.T, hcl string) (vercelConfig, error) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("STEAMPIPE_LOG_LEVEL", "ERROR")
	var p *plugin.Plugin
	server := plugin.Server(&plugin.ServeOpts{PluginFunc: func(ctx context.Context) *plugin.Plugin {
		p = Plugin(ctx)
		return p
	}})
	res, err := server.SetAllConnectionConfigs(sdkquery.ConnectionConfigRequest("vercel", PluginName, hcl))
	if msg := res.GetFailedConnections()["vercel"]; msg != "" {
		return vercelConfig{}, errors.New(msg)
	}
	if err != nil {
		return vercelConfig{}, err
	}
	data, ok := p.ConnectionMap["vercel"]
	require.True(t, ok, "the connection was not stored")
	return connectionConfig(data.Connection), nil
}

func mustParseConfig(t *testing.T, hcl string) vercelConfig {
	t.Helper()
	cfg, err := parseConfig(t, hcl)
	require.NoError(t, err)
	return cfg
}

func TestClientConfigPrecedence(t *testing.T) {
	vars := env(map[string]string{EnvAPIToken: "from-env", EnvTeam: "team_env"})

	cfg, err := clientConfig(mustParseConfig(t, ""), vars)
	require.NoError(t, err)
	assert.Equal(t, "from-env", cfg.Token)
	assert.Equal(t, "team_env", cfg.Team)
	assert.Empty(t, cfg.BaseURL)

	cfg, err = clientConfig(mustParseConfig(t, `
api_token = "from-file"
team      = "acme"
base_url  = "http://127.0.0.1:9"
`), vars)
	require.NoError(t, err)
	assert.Equal(t, "from-file", cfg.Token, "the config file wins over the environment")
	assert.Equal(t, "acme", cfg.Team)
	assert.Equal(t, "http://127.0.0.1:9", cfg.BaseURL)

	cfg, err = clientConfig(mustParseConfig(t, `api_token = "  "`), vars)
	require.NoError(t, err)
	assert.Equal(t, "from-env", cfg.Token, "a blank config value falls back to the environment")
}

func TestClientConfigMissingToken(t *testing.T) {
	_, err := clientConfig(mustParseConfig(t, `team = "acme"`), env(nil))
	require.ErrorIs(t, err, ErrTokenNotSet)
	assert.Contains(t, err.Error(), "api_token")
	assert.Contains(t, err.Error(), "vercel.spc")
	assert.Contains(t, err.Error(), "VERCEL_API_TOKEN")
}

func TestConfigRefusesPlaintextToRemoteHosts(t *testing.T) {
	_, err := clientConfig(mustParseConfig(t, `
api_token = "secret-value"
base_url  = "http://api.example.com"
`), env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "base_url")
	assert.Contains(t, err.Error(), "in clear")
	assert.False(t, strings.Contains(err.Error(), "secret-value"), "token leaked")
}

func TestConfigFieldsMustBeQuotedStrings(t *testing.T) {
	const secretDigits = "1234567890123456"
	for name, hcl := range map[string]string{
		"number token":       "api_token = " + secretDigits,
		"bool token":         "api_token = true",
		"bare word token":    "api_token = abcdefSECRET9",
		"list token":         `api_token = ["abcdefSECRET9"]`,
		"object token":       `api_token = { v = "abcdefSECRET9" }`,
		"interpolated":       `api_token = "${abcdefSECRET9}"`,
		"number team":        "api_token = \"ok\"\nteam = " + secretDigits,
		"bool base_url":      "api_token = \"ok\"\nbase_url = false",
		"number in base_url": "api_token = \"ok\"\nbase_url = 8080",
	} {
		t.Run(name, func(t *testing.T) {
			field, _, _ := strings.Cut(strings.Split(hcl, "\n")[len(strings.Split(hcl, "\n"))-1], " =")
			_, err := parseConfig(t, hcl)
			require.Error(t, err)
			assert.Contains(t, err.Error(), field+` must be a quoted string: `+field+` = "…"`)
			assert.False(t, strings.Contains(err.Error(), secretDigits), "value printed")
			assert.False(t, strings.Contains(err.Error(), "abcdefSECRET9"), "value printed")
		})
	}
}

func TestConfigAcceptsNullAsUnset(t *testing.T) {
	cfg, err := clientConfig(mustParseConfig(t, "api_token = null"), env(map[string]string{EnvAPIToken: "from-env"}))
	require.NoError(t, err)
	assert.Equal(t, "from-env", cfg.Token)
}

func TestBaseURLFromEnvironment(t *testing.T) {
	vars := env(map[string]string{EnvAPIToken: "from-env", EnvBaseURL: " http://127.0.0.1:8080 "})

	cfg, err := clientConfig(mustParseConfig(t, ""), vars)
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8080", cfg.BaseURL)

	cfg, err = clientConfig(mustParseConfig(t, `base_url = "https://vercel.example.com"`), vars)
	require.NoError(t, err)
	assert.Equal(t, "https://vercel.example.com", cfg.BaseURL, "the config file wins over the environment")

	_, err = clientConfig(mustParseConfig(t, ""), env(map[string]string{EnvAPIToken: "secret-value", EnvBaseURL: "http://api.example.com"}))
	require.Error(t, err, "the environment's base_url obeys the https/loopback rule")
	assert.Contains(t, err.Error(), EnvBaseURL)
	assert.Contains(t, err.Error(), "in clear")
	assert.False(t, strings.Contains(err.Error(), "secret-value"), "token leaked")

	cfg, err = clientConfig(mustParseConfig(t, `base_url = "http://localhost:1"`), env(map[string]string{EnvAPIToken: "t", EnvBaseURL: "http://api.example.com"}))
	require.NoError(t, err, "a bad variable does not matter when the config sets base_url")
	assert.Equal(t, "http://localhost:1", cfg.BaseURL)
}

func TestConfigRefusesAnAbsurdlyLongToken(t *testing.T) {
	for _, size := range []int{vercelapi.MaxTokenBytes + 1, 400 << 10, 4 << 20} {
		token := strings.Repeat("k", size)
		_, err := parseConfig(t, `api_token = "`+token+`"`)
		require.Error(t, err, "%d bytes: refused when the config is set", size)
		assert.Contains(t, err.Error(), fmt.Sprintf("api_token: the API token is %d bytes long, more than the 1024 bytes", size))
		assert.False(t, strings.Contains(err.Error(), strings.Repeat("k", 16)), "value printed")

		_, err = clientConfig(mustParseConfig(t, ""), env(map[string]string{EnvAPIToken: token}))
		require.Error(t, err, "%d bytes from the environment", size)
		assert.Contains(t, err.Error(), "environment variable VERCEL_API_TOKEN: the API token is")
		assert.False(t, strings.Contains(err.Error(), strings.Repeat("k", 16)), "value printed")
	}
}

func TestConfigNeverShowsBaseURLCredentials(t *testing.T) {
	_, err := clientConfig(mustParseConfig(t, "api_token = \"ok\"\nbase_url = \"https://user:PASSWORD@api.vercel.com\""), env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"https://[REDACTED]@api.vercel.com" must not carry credentials`)
	assert.NotContains(t, err.Error(), "PASSWORD")

	_, err = clientConfig(mustParseConfig(t, ""), env(map[string]string{EnvAPIToken: "t", EnvBaseURL: "https://user:PASSWORD@api.vercel.com"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), EnvBaseURL)
	assert.NotContains(t, err.Error(), "PASSWORD")
}

// The SDK stores the config Validate checked: its values are evaluated
// once, when the config is set, and every query reads them as they are.
func TestTheStoredConfigHoldsItsValues(t *testing.T) {
	cfg := mustParseConfig(t, `api_token = "tok_abcdefghijkl"
team = "acme"`)
	require.NotNil(t, cfg.validated, "Validate's values are kept in the stored config")
	cfg.APIToken, cfg.Team = nil, nil // not evaluated again
	c, err := clientConfig(cfg, env(nil))
	require.NoError(t, err)
	assert.Equal(t, "tok_abcdefghijkl", c.Token)
	assert.Equal(t, "acme", c.Team)
}
