package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// These tests run the real binary. Built without -race, it also scans many
// rows and reports failing scans reliably under `go test -race`, where the
// SDK's own races (see internal/inprocess/norace_test.go) rule that out
// in-process.

func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	binary := buildBinary(t)
	api := startAPI(t, 250)
	want := fixtureTokens(t, api)

	for _, format := range []string{"csv", "json", "jsonl"} {
		t.Run("full export as "+format, func(t *testing.T) {
			api.Server.ResetStats()
			res := runBinary(t, binary, nil, "vercel_user_token", "--output", format, "--config", api.HCL())
			require.Equal(t, exitOK, res.code, res.stderr)
			assert.Empty(t, res.stderr)
			assert.Equal(t, want, parseTokens(t, format, res.stdout))
			assert.Equal(t, 3, api.Server.Count(emulator.EndpointList))
		})
	}

	t.Run("limit", func(t *testing.T) {
		api.Server.ResetStats()
		res := runBinary(t, binary, nil, "vercel_user_token", "--limit", "5", "--select", "token_id,name,expires_at", "--output", "jsonl", "--config", api.HCL())
		require.Equal(t, exitOK, res.code, res.stderr)
		assert.Len(t, parseTokens(t, "jsonl", res.stdout), 5)
		lists := api.Server.RequestsTo(emulator.EndpointList)
		require.Len(t, lists, 1)
		assert.Equal(t, "5", lists[0].Query().Get("limit"))
	})

	t.Run("token from the environment, never printed", func(t *testing.T) {
		env := []string{"VERCEL_API_TOKEN=" + api.Secret, "STEAMPIPE_LOG_LEVEL=TRACE"}
		res := runBinary(t, binary, env, "vercel_user_token", "--select", "token_id,is_current", "--config", `base_url = "`+api.URL+`"`)
		require.Equal(t, exitOK, res.code, res.stderr)
		assert.NotEmpty(t, res.stderr, "TRACE logs are on stderr")
		assert.False(t, strings.Contains(res.stdout+res.stderr, api.Secret), "the token leaked into the output")
		assert.True(t, strings.HasPrefix(res.stdout, "token_id,is_current\n"))
	})

	t.Run("missing token", func(t *testing.T) {
		res := runBinary(t, binary, nil, "vercel_user_token", "--config", `base_url = "`+api.URL+`"`)
		assert.Equal(t, exitFixAccess, res.code)
		assert.Contains(t, res.stderr, "Error: ")
		assert.Contains(t, res.stderr, "api_token")
		assert.Contains(t, res.stderr, "VERCEL_API_TOKEN")
		assert.Empty(t, res.stdout)
	})

	t.Run("wrong token, never printed", func(t *testing.T) {
		const wrong = "wrong_secret_4a7c0d9e1f"
		env := []string{"STEAMPIPE_LOG_LEVEL=TRACE"}
		res := runBinary(t, binary, env, "vercel_user_token", "--config", `api_token = "`+wrong+`"`+"\n"+`base_url = "`+api.URL+`"`)
		assert.Equal(t, exitFixAccess, res.code)
		assert.Contains(t, res.stderr, "rejected the API token")
		assert.NotContains(t, res.stdout+res.stderr, wrong)
	})

	t.Run("bad flag", func(t *testing.T) {
		res := runBinary(t, binary, nil, "vercel_user_token", "--output", "yaml")
		assert.Equal(t, exitUsage, res.code)
		assert.Contains(t, res.stderr, "Usage: ")
		assert.Empty(t, res.stdout)
	})
}

// buildBinary builds the command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	binary := filepath.Join(t.TempDir(), commandName)
	require.NoError(t, testapi.GoBuild(binary, "."))
	return binary
}

// runBinary runs the command with a minimal environment of its own: a
// private TMPDIR and HOME, no Vercel settings but env.
func runBinary(t *testing.T, binary string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"TMPDIR=" + t.TempDir(), "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		require.NoError(t, err)
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

// parseTokens reads an export back into tokens by id.
func parseTokens(t *testing.T, format, output string) map[string]token {
	t.Helper()
	var records []map[string]any
	switch format {
	case "csv":
		records = csvRecords(t, output)
	case "json":
		require.NoError(t, json.Unmarshal([]byte(output), &records))
	case "jsonl":
		for _, line := range strings.Split(strings.TrimSuffix(output, "\n"), "\n") {
			var record map[string]any
			require.NoError(t, json.Unmarshal([]byte(line), &record), line)
			records = append(records, record)
		}
	}
	tokens := make(map[string]token, len(records))
	for _, r := range records {
		tok := token{ID: r["token_id"].(string), Name: r["name"].(string)}
		if at, _ := r["expires_at"].(string); at != "" {
			parsed, err := time.Parse(time.RFC3339, at)
			require.NoError(t, err)
			tok.ExpiresAt = &parsed
		}
		tokens[tok.ID] = tok
	}
	return tokens
}

// csvRecords reads CSV with a header into records of strings.
func csvRecords(t *testing.T, output string) []map[string]any {
	t.Helper()
	lines, err := csv.NewReader(strings.NewReader(output)).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, lines)
	var records []map[string]any
	for _, line := range lines[1:] {
		record := make(map[string]any, len(line))
		for i, column := range lines[0] {
			record[column] = line[i]
		}
		records = append(records, record)
	}
	return records
}
