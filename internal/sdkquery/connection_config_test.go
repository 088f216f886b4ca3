package sdkquery

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConnectionConfigRequest(t *testing.T) {
	req := ConnectionConfigRequest("vercel", "steampipe-plugin-vercel", `team = "acme"`)

	require.Len(t, req.Configs, 1)
	cfg := req.Configs[0]
	assert.Equal(t, "vercel", cfg.Connection)
	assert.Equal(t, "steampipe-plugin-vercel", cfg.Plugin)
	assert.Equal(t, "vercel", cfg.PluginShortName)
	assert.Equal(t, `team = "acme"`, cfg.Config)
	assert.False(t, cfg.IsAggregator())
	assert.Zero(t, req.MaxCacheSizeMb)
}
