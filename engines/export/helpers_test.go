package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// startAPI serves a generated fixture of n tokens.
func startAPI(t *testing.T, n int) *testapi.API {
	t.Helper()
	return testapi.Start(t, emulator.GenerateFixture(n, 11))
}

// token is what the tests compare of a token.
type token struct {
	ID        string
	Name      string
	ExpiresAt *time.Time
}

// fixtureTokens decodes the fixture's tokens, by id.
func fixtureTokens(t *testing.T, api *testapi.API) map[string]token {
	t.Helper()
	type fields struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		ExpiresAt *int64 `json:"expiresAt"`
	}
	tokens := make(map[string]token, len(api.Fixture.Tokens))
	for _, f := range testapi.Tokens[fields](t, api) {
		tok := token{ID: f.ID, Name: f.Name}
		if f.ExpiresAt != nil {
			at := time.UnixMilli(*f.ExpiresAt).UTC()
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
