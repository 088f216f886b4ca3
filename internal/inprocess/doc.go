// Package inprocess runs a Steampipe plugin inside the calling process: one
// plugin server with one connection named "vercel", queried through the
// same handlers Steampipe reaches over gRPC, without a plugin process. The
// host is given the plugin and its config check (Plugin; DefaultPlugin is
// the Vercel plugin) and knows nothing else of it: it never imports the API
// client.
//
// Creating an Engine points the standard log package and the SDK's logger at
// stderr, at the level of STEAMPIPE_LOG_LEVEL (default WARN). It also makes
// the SDK delete os.TempDir()/steampipe-plugin-vercel, so nothing may be kept
// there.
package inprocess
