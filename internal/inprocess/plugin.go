package inprocess

import "github.com/turbot/steampipe-plugin-sdk/v5/plugin"

// Plugin is the plugin an Engine hosts, and what the host must know of it.
// The host knows nothing else of any plugin: the plugin owns what a valid
// config is.
type Plugin struct {
	Name string
	Func plugin.PluginFunc
	// CheckConfig checks a connection config before the SDK sees it, with
	// messages that never quote a value, and returns the secrets the config
	// holds: the host keeps them out of every error it returns.
	CheckConfig func(hcl string) (secrets []string, err error)
	// SecretEnv names the environment variables whose values are secrets
	// too (the fallback for a config's token).
	SecretEnv []string
}

// settings are an engine's choices before the environment's.
type settings struct {
	plugin Plugin
	cache  cacheSettings
}

// Option changes an engine's defaults; the environment still wins.
type Option func(*settings)

// WithPlugin hosts p instead of DefaultPlugin.
func WithPlugin(p Plugin) Option {
	return func(s *settings) { s.plugin = p }
}
