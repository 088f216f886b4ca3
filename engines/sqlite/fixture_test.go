package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// api is an emulated Vercel API serving a generated fixture.
type api struct {
	url    string
	server *emulator.Server
	secret string
	// currentID is the token the secret authenticates as.
	currentID string
	tokens    []fixtureToken // newest first, as the API lists them
}

// fixtureToken is what the tests check of a fixture token.
type fixtureToken struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	ExpiresAt *int64          `json:"expiresAt"`
	Scopes    json.RawMessage `json:"scopes"`
}

// fixtureSize spans two list pages of the plugin.
const fixtureSize = 150

func startAPI(t *testing.T) *api {
	t.Helper()
	return startAPIWith(t, emulator.GenerateFixture(fixtureSize, 42))
}

func startAPIWith(t *testing.T, f *emulator.Fixture) *api {
	t.Helper()
	url, server, stop, err := emulator.Start(f)
	if err != nil {
		t.Fatalf("start the emulator: %v", err)
	}
	t.Cleanup(stop)
	a := &api{url: url, server: server, secret: f.Secret()}
	a.currentID = f.BearerTokens[a.secret]
	for _, raw := range f.Tokens {
		var token fixtureToken
		if err := json.Unmarshal(raw, &token); err != nil {
			t.Fatalf("decode a fixture token: %v", err)
		}
		a.tokens = append(a.tokens, token)
	}
	return a
}

// hcl is a connection config for the emulator with the given token.
func (a *api) hcl(token string) string {
	return fmt.Sprintf("api_token = %q\nbase_url = %q\n", token, a.url)
}

// configured is the setup that points the extension at the emulator.
func (a *api) configured() string {
	return configureCall(a.hcl(a.secret))
}

func (a *api) token(id string) fixtureToken {
	for _, token := range a.tokens {
		if token.ID == id {
			return token
		}
	}
	return fixtureToken{}
}
