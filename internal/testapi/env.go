package testapi

import (
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// IsolateEnv isolates an in-process plugin run from the machine: the SDK
// deletes a directory under TMPDIR, and the plugin reads these variables.
func IsolateEnv(t testing.TB) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv(vercel.EnvAPIToken, "")
	t.Setenv(vercel.EnvTeam, "")
	t.Setenv("STEAMPIPE_LOG_LEVEL", "ERROR")
}
