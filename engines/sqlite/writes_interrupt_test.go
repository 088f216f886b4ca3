package main

import (
	"bytes"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// Ctrl-C during a DELETE inside a transaction: SQLite rolls the whole
// transaction back, so nothing is revoked but the token it created.
func TestInterruptedDeleteRollsBackAndRevokesCreatedTokens(t *testing.T) {
	t.Parallel()
	a := writeAPI(t, 6)
	sh := newShell(t)
	cmd := exec.Command("sqlite3", "-batch")
	cmd.Dir = sh.dir
	cmd.Env = append(environWithout("VERCEL_", "STEAMPIPE_", "SP_LOG", "TMPDIR="), sh.env...)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	_, _ = io.WriteString(stdin, ".load ./steampipe_sqlite_vercel\n"+quietly(a.configured())+".mode list\nbegin;\n"+
		"delete from vercel_user_token where token_id = '"+a.other(0).ID+"';\n"+
		"select token_id from vercel_create_user_token('made inside');\n")
	waitFor(t, "the create request", func() bool { return a.Server.Count(emulator.EndpointCreate) == 1 })

	a.Server.SetFaults(emulator.Faults{Latency: 5 * time.Minute})
	_, _ = io.WriteString(stdin, "delete from vercel_user_token where name <> '';\n")
	waitFor(t, "the DELETE's list request", func() bool { return a.Server.Count(emulator.EndpointList) == 1 })
	a.Server.SetFaults(emulator.Faults{}) // for the requests after the hanging one
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	_ = stdin.Close()
	select {
	case <-exited:
	case <-time.After(20 * time.Second):
		t.Fatalf("sqlite3 still runs 20 s after SIGINT; stderr: %s", stderr.String())
	}
	assert.Contains(t, stderr.String(), "interrupted")
	created := strings.TrimSpace(stdout.String())
	require.NotEmpty(t, created)
	assert.Equal(t, []string{created}, a.revoked(), "only the created token is revoked")
	assert.True(t, exists(t, a, a.other(0).ID))
}
