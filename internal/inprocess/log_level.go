package inprocess

import (
	"os"

	"github.com/turbot/steampipe-plugin-sdk/v5/logging"
)

// QuietLogLevel is the level QuietLogsUnlessChosen sets.
const QuietLogLevel = "ERROR"

// QuietLogsUnlessChosen sets the SDK's log level to ERROR unless the user
// chose one. The engines print a failed query's error themselves; at the
// SDK's default level (WARN) the plugin would log it several times over on
// the same terminal. Call it before New.
func QuietLogsUnlessChosen() {
	for _, name := range append([]string{logging.EnvLogLevel}, logging.LegacyLogLevelEnvVars...) {
		if _, set := os.LookupEnv(name); set {
			return
		}
	}
	_ = os.Setenv(logging.EnvLogLevel, QuietLogLevel)
}
