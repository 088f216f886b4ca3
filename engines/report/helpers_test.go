package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// edgeAt is the time the edge fixture's tokens are dated against.
const edgeAt = "2026-07-01T12:00:00Z"

// edgeBearer is the edge fixture's token the connection authenticates with:
// the emulator checks expiry against the real clock, so it never expires.
const edgeBearer = "tok_no_expiry"

// edgeFixture loads testdata/edge.json, keeping only the tokens named and
// edgeBearer (all of them when none is named).
func edgeFixture(t *testing.T, keep ...string) *emulator.Fixture {
	t.Helper()
	f, err := emulator.LoadFixture("testdata/edge.json")
	require.NoError(t, err)
	if len(keep) > 0 {
		var tokens []json.RawMessage
		for _, raw := range f.Tokens {
			var token struct{ ID string }
			require.NoError(t, json.Unmarshal(raw, &token))
			if token.ID == edgeBearer || slices.Contains(keep, token.ID) {
				tokens = append(tokens, raw)
			}
		}
		f.Tokens = tokens
	}
	return f
}

// startEdgeAPI serves the edge fixture (or the named tokens of it).
func startEdgeAPI(t *testing.T, keep ...string) *testapi.API {
	t.Helper()
	return testapi.Start(t, edgeFixture(t, keep...))
}

// outcome is one run of the command.
type outcome struct {
	code           int
	stdout, stderr string
}

// runInProcess runs the command in this process. Every SARIF report it
// writes must pass the SARIF 2.1.0 schema.
func runInProcess(t *testing.T, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, &stdout, &stderr)
	if stdout.Len() > 0 && isSARIFRun(args) {
		requireValidSARIF(t, stdout.String())
	}
	return outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// auditEdge runs the command over api at edgeAt with more args.
func auditEdge(t *testing.T, api *testapi.API, args ...string) outcome {
	t.Helper()
	return runInProcess(t, append([]string{"--config", api.HCL(), "--at", edgeAt}, args...)...)
}

// decodeReport parses a JSON report.
func decodeReport(t *testing.T, out string) jsonReport {
	t.Helper()
	var r jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &r), "the report is not JSON")
	return r
}

// writeFile writes a file in the test's temporary directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}
