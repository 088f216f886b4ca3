// Command steampipe_export_vercel exports a table of the Vercel Steampipe
// plugin as CSV, JSON or JSON Lines, running the plugin in-process: no
// Steampipe installation or database needed. Run it with --help for usage.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/turbot/steampipe-plugin-sdk/v5/logging"
)

// defaultLogLevel quiets the plugin's WARN lines, which repeat the one error
// this command prints itself.
const defaultLogLevel = "ERROR"

func main() {
	if !logLevelChosen() {
		_ = os.Setenv(logging.EnvLogLevel, defaultLogLevel)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// logLevelChosen reports whether the user set the SDK's log level.
func logLevelChosen() bool {
	for _, name := range append([]string{logging.EnvLogLevel}, logging.LegacyLogLevelEnvVars...) {
		if _, set := os.LookupEnv(name); set {
			return true
		}
	}
	return false
}
