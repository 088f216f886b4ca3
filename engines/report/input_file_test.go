package main

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// A file named on the command line that is not a regular file, or is too
// big, is a usage error at once: no wait on a FIFO nobody writes to, no
// out-of-memory death on /dev/zero.
func TestInputFilesMustBeRegularAndBounded(t *testing.T) {
	testapi.IsolateEnv(t)
	fifo := filepath.Join(t.TempDir(), "exceptions.fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	bigSPC := writeFile(t, "big.spc", strings.Repeat("# padding\n", maxConnectionsFile/10+1))
	for _, flag := range []string{"--exceptions", "--baseline", "--connections"} {
		for path, want := range map[string]string{
			fifo:        "is not a regular file (a pipe or FIFO)",
			"/dev/zero": "is not a regular file (a device)",
			t.TempDir(): "is not a regular file (a directory)",
		} {
			done := make(chan outcome, 1)
			go func() { done <- runInProcess(t, flag, path) }()
			select {
			case res := <-done:
				assert.Equal(t, exitUsage, res.code, "%s %s", flag, path)
				assert.Contains(t, res.stderr, want, "%s %s", flag, path)
				assert.Empty(t, res.stdout)
			case <-time.After(time.Minute):
				t.Fatalf("%s %s: still reading after a minute", flag, path)
			}
		}
	}
	res := runInProcess(t, "--connections", bigSPC)
	assert.Equal(t, exitUsage, res.code)
	assert.Contains(t, res.stderr, "is larger than 1 MiB, the most this file may be")
}

func TestReadingAnInputFileHonoursTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := readInputFile(ctx, writeFile(t, "e.json", "{}"), maxExceptionsFile)
	assert.ErrorIs(t, err, context.Canceled)

	// Cancelled while reading is no usage error: the run was stopped.
	res := run(ctx, []string{"--exceptions", writeFile(t, "e.json", `{"exceptions": []}`)}, &strings.Builder{}, &strings.Builder{})
	assert.Equal(t, exitIncomplete, res)
}

// Like the baseline, an exceptions file is one JSON object and nothing
// else.
func TestTextAfterTheExceptionsIsRefused(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_ok")
	for name, file := range map[string]string{
		"trailing text":  `{"exceptions": []} trailing {`,
		"second object":  `{"exceptions": []}{"exceptions": [{"token_id": "t", "control": "unused", "reason": "r", "accepted_by": "a", "until": "2026-01-01"}]}`,
		"second, spaced": "{\"exceptions\": []}\n{\"exceptions\": []}\n",
	} {
		res := auditEdge(t, api, "--exceptions", writeFile(t, "e.json", file))
		assert.Equal(t, exitUsage, res.code, name)
		assert.Contains(t, res.stderr, "text after the exceptions object", name)
		assert.Empty(t, res.stdout, name)
	}
	res := auditEdge(t, api, "--exceptions", writeFile(t, "e.json", "{\"exceptions\": []}\n\n"))
	assert.Equal(t, exitOK, res.code, "white space after the object is fine: %s", res.stderr)
}

func TestTheFirstInstantIsATimeLikeAnyOther(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_ok")
	res := runInProcess(t, "--config", api.HCL(), "--at", "0001-01-01T00:00:00Z", "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Equal(t, "0001-01-01T00:00:00.000Z", decodeReport(t, res.stdout).EvaluatedAt)
}
