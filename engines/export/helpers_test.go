package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// testEnv isolates an in-process run from the machine: the SDK deletes a
// directory under TMPDIR, and the plugin reads these variables.
func testEnv(t *testing.T) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv(vercel.EnvAPIToken, "")
	t.Setenv(vercel.EnvTeam, "")
	t.Setenv("STEAMPIPE_LOG_LEVEL", "ERROR")
}

type vercelAPI struct {
	url     string
	server  *emulator.Server
	fixture *emulator.Fixture
}

// startAPI serves a generated fixture of n tokens on 127.0.0.1.
func startAPI(t *testing.T, n int) vercelAPI {
	t.Helper()
	f := emulator.GenerateFixture(n, 11)
	url, srv, stop, err := emulator.Start(f)
	require.NoError(t, err)
	t.Cleanup(stop)
	return vercelAPI{url: url, server: srv, fixture: f}
}

// config is the --config that points the plugin at the emulator.
func (a vercelAPI) config() string {
	return fmt.Sprintf("api_token = %q\nbase_url = %q", a.fixture.Secret(), a.url)
}

// token is what the tests compare of a token.
type token struct {
	ID        string
	Name      string
	ExpiresAt *time.Time
}

// tokens decodes the fixture's tokens, by id.
func (a vercelAPI) tokens(t *testing.T) map[string]token {
	t.Helper()
	tokens := make(map[string]token, len(a.fixture.Tokens))
	for _, raw := range a.fixture.Tokens {
		var fields struct {
			ID        string `json:"id"`
			Name      string `json:"name"`
			ExpiresAt *int64 `json:"expiresAt"`
		}
		require.NoError(t, json.Unmarshal(raw, &fields))
		tok := token{ID: fields.ID, Name: fields.Name}
		if fields.ExpiresAt != nil {
			at := time.UnixMilli(*fields.ExpiresAt).UTC()
			tok.ExpiresAt = &at
		}
		tokens[tok.ID] = tok
	}
	return tokens
}

// result is one run of the command.
type result struct {
	code           int
	stdout, stderr string
}

// runInProcess runs the command in this process.
func runInProcess(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}
