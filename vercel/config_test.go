package vercel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func ptr(s string) *string { return &s }

func TestClientConfigPrecedence(t *testing.T) {
	vars := env(map[string]string{EnvAPIToken: "from-env", EnvTeam: "team_env"})

	cfg, err := clientConfig(vercelConfig{}, vars)
	require.NoError(t, err)
	assert.Equal(t, "from-env", cfg.Token)
	assert.Equal(t, "team_env", cfg.Team)
	assert.Empty(t, cfg.BaseURL)

	cfg, err = clientConfig(vercelConfig{APIToken: ptr("from-file"), Team: ptr("acme"), BaseURL: ptr("http://127.0.0.1:9")}, vars)
	require.NoError(t, err)
	assert.Equal(t, "from-file", cfg.Token, "the config file wins over the environment")
	assert.Equal(t, "acme", cfg.Team)
	assert.Equal(t, "http://127.0.0.1:9", cfg.BaseURL)

	cfg, err = clientConfig(vercelConfig{APIToken: ptr("  ")}, vars)
	require.NoError(t, err)
	assert.Equal(t, "from-env", cfg.Token, "a blank config value falls back to the environment")
}

func TestClientConfigMissingToken(t *testing.T) {
	_, err := clientConfig(vercelConfig{Team: ptr("acme")}, env(nil))
	require.ErrorIs(t, err, ErrTokenNotSet)
	assert.Contains(t, err.Error(), "api_token")
	assert.Contains(t, err.Error(), "vercel.spc")
	assert.Contains(t, err.Error(), "VERCEL_API_TOKEN")
}

func TestClientConfigRefusesPlaintextToRemoteHosts(t *testing.T) {
	_, err := clientConfig(vercelConfig{APIToken: ptr("secret-value"), BaseURL: ptr("http://api.example.com")}, env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "base_url")
	assert.Contains(t, err.Error(), "in clear")
	assert.NotContains(t, err.Error(), "secret-value")
}
