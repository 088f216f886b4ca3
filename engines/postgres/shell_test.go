package main

import (
	"net"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shellCommand is scripts/postgres-shell.sh (make postgres-shell) with env
// in place of the caller's VERCEL_* variables, making its cluster in tmp.
func shellCommand(tmp string, env ...string) *exec.Cmd {
	cmd := exec.Command("../../scripts/postgres-shell.sh")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "VERCEL_") && !strings.HasPrefix(kv, "TMPDIR=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, append(env, "TMPDIR="+tmp)...)
	return cmd
}

// make postgres-shell on the emulator: a query on standard input sees the
// tables without a schema name, and leaving psql stops the cluster and
// removes its directory.
func TestPostgresShellQueriesAThrowAwayCluster(t *testing.T) {
	requireCluster(t)
	a := startAPI(t, 7, 5)
	// Below the test installation, which the postgres user can reach.
	tmp, err := os.MkdirTemp(testCluster.inst.dir, "shell-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(tmp, 0o755))
	cmd := shellCommand(tmp, "VERCEL_API_TOKEN="+a.Secret, "VERCEL_BASE_URL="+a.URL)
	cmd.Stdin = strings.NewReader("select count(*) from vercel_user_token;\nshow search_path;\n")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())

	assert.Regexp(t, regexp.MustCompile(`(?m)^\s+7$`), stdout.String(), "the fixture's 7 tokens")
	assert.Contains(t, stdout.String(), "vercel, public")
	assert.NotContains(t, stdout.String()+stderr.String(), a.Secret)
	entries, err := os.ReadDir(tmp)
	require.NoError(t, err)
	assert.Empty(t, entries, "the cluster's directory is left behind")
	port := regexp.MustCompile(`PostgreSQL on (127\.0\.0\.1:\d+)`).FindStringSubmatch(stderr.String())
	require.Len(t, port, 2, "the shell did not say where the cluster listens: %s", stderr.String())
	if conn, err := net.Dial("tcp", port[1]); err == nil {
		conn.Close()
		t.Errorf("the cluster still listens on %s", port[1])
	}
}

func TestPostgresShellWantsAToken(t *testing.T) {
	tmp := t.TempDir()
	out, err := shellCommand(tmp).CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 2, exit.ExitCode())
	assert.Contains(t, string(out), "set VERCEL_API_TOKEN")
}
