package main

import (
	"encoding/json"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// api is an emulated Vercel API serving a generated fixture.
type api struct {
	*testapi.API
	tokens []fixtureToken // newest first, as the API lists them
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

func startAPIWith(t testing.TB, f *emulator.Fixture) *api {
	t.Helper()
	served := testapi.Start(t, f)
	return &api{API: served, tokens: testapi.Tokens[fixtureToken](t, served)}
}

// configured is the setup that points the extension at the emulator.
func (a *api) configured() string {
	return configureCall(a.HCL())
}

func (a *api) token(id string) fixtureToken {
	for _, token := range a.tokens {
		if token.ID == id {
			return token
		}
	}
	return fixtureToken{}
}
