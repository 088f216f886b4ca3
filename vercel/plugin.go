// Package vercel is the Steampipe plugin for Vercel: its definition, its
// connection config and its tables.
package vercel

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/rate_limiter"
)

// PluginName is the plugin's name as the SDK knows it. On shutdown the SDK
// deletes os.TempDir()/PluginName, so nothing of ours may live there.
const PluginName = "steampipe-plugin-vercel"

// Plugin returns the plugin definition.
func Plugin(ctx context.Context) *plugin.Plugin {
	return &plugin.Plugin{
		Name: PluginName,
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: ConfigInstance,
		},
		RateLimiters: []*rate_limiter.Definition{APIRateLimiter()},
		TableMap: map[string]*plugin.Table{
			"vercel_team":       tableVercelTeam(ctx),
			"vercel_user":       tableVercelUser(ctx),
			"vercel_user_token": tableVercelUserToken(ctx),
		},
	}
}

// APIRateLimiter paces requests to the Vercel API across every connection
// of the plugin (no scope: one bucket for them all). Users override it by
// name in HCL: plugin "local/vercel" { limiter "vercel_api" { … } }.
func APIRateLimiter() *rate_limiter.Definition {
	return &rate_limiter.Definition{
		Name:       "vercel_api",
		FillRate:   10,
		BucketSize: 50,
	}
}
