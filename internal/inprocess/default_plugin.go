package inprocess

import "github.com/tokenaudit/steampipe-plugin-vercel/vercel"

// DefaultPlugin is the plugin an Engine hosts unless WithPlugin says
// otherwise. Apart from it, only TokenWriter (the write path of issue 15)
// names the plugin.
func DefaultPlugin() Plugin {
	return Plugin{Name: vercel.PluginName, Func: vercel.Plugin, CheckConfig: vercel.CheckConfig, SecretEnv: []string{vercel.EnvAPIToken}}
}
