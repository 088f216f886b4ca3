package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// runScript runs command (a script or make) from the repository's root,
// and returns its exit status and output.
func runScript(t *testing.T, name string, args ...string) outcome {
	t.Helper()
	return runScriptWithEnv(t, nil, name, args...)
}

// runScriptWithEnv is runScript with more environment variables.
func runScriptWithEnv(t *testing.T, env []string, name string, args ...string) outcome {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cmd := exec.Command(name, args...)
	cmd.Dir = root
	cmd.Env = append(append(os.Environ(), "TMPDIR="+t.TempDir()), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// scripts/report.sh exits with the command's status, and writes only the
// report on stdout.
func TestReportScriptExitsWithTheCommandsStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	failing := startEdgeAPI(t)
	failing.Server.SetFaults(emulator.Faults{AlwaysStatus: 400, OnlyOn: emulator.EndpointTeams})
	at := []string{"--connections", edgeSPC(t, api, api.Secret), "--at", edgeAt, "--output", "json"}
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"nothing to fail on", at, exitOK},
		{"findings", append([]string{"--fail-on", "critical"}, at...), exitFindings},
		{"usage", []string{"--no-such-flag"}, exitUsage},
		{"configuration", []string{"--connections", edgeSPC(t, api, "rejected"), "--at", edgeAt}, exitUsage},
		{"incomplete", []string{"--connections", edgeSPC(t, failing, failing.Secret), "--at", edgeAt}, exitIncomplete},
	}
	for _, c := range cases {
		res := runScript(t, "scripts/report.sh", c.args...)
		assert.Equal(t, c.want, res.code, "%s: %s", c.name, res.stderr)
		if c.want <= exitFindings {
			assert.Len(t, decodeReport(t, res.stdout).Results, len(edgeExpected)*len(edgeControls), "%s: stdout is the report alone", c.name)
		} else {
			assert.Empty(t, res.stdout, c.name)
		}
		assert.False(t, strings.Contains(res.stdout+res.stderr, api.Secret), "token leaked")
	}
}

// make exits 2 whenever a recipe fails: make report says the command's own
// status, and keeps stdout for the report.
func TestMakeReportSaysTheCommandsStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	at := "ARGS=--connections " + edgeSPC(t, api, api.Secret) + " --at " + edgeAt + " --output json"
	res := runScript(t, "make", "-s", "report", at+" --fail-on critical")
	assert.Equal(t, 2, res.code, res.stderr)
	assert.Contains(t, res.stderr, "steampipe_report_vercel exited 1")
	assert.Len(t, decodeReport(t, res.stdout).Results, len(edgeExpected)*len(edgeControls), "stdout is the report alone")

	res = runScript(t, "make", "-s", "report", at)
	assert.Equal(t, 0, res.code, res.stderr)
	assert.NotContains(t, res.stderr, "exited")
}

// edgeSPC is a .spc file with one connection to api authenticating with
// secret.
func edgeSPC(t *testing.T, api *testapi.API, secret string) string {
	t.Helper()
	return writeFile(t, "vercel.spc", "connection \"edge\" {\n  plugin = \"vercel\"\n  api_token = \""+secret+"\"\n  base_url = \""+api.URL+"\"\n}\n")
}
