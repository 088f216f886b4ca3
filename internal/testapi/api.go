// Package testapi starts the Vercel API emulator for one test and points the
// plugin at it. Only test code imports it.
package testapi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// API is the Vercel API emulator serving a fixture on 127.0.0.1 for one test.
type API struct {
	URL     string
	Server  *emulator.Server
	Fixture *emulator.Fixture
	// Secret is the bearer token the fixture accepts.
	Secret string
	// CurrentID is the id of the token Secret authenticates as.
	CurrentID string
}

// Start serves f until the end of the test.
func Start(t testing.TB, f *emulator.Fixture, opts ...emulator.Option) *API {
	t.Helper()
	url, server, stop, err := emulator.Start(f, opts...)
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(stop)
	secret := f.Secret()
	if secret == "" {
		t.Fatal("the fixture has no bearer token")
	}
	return &API{URL: url, Server: server, Fixture: f, Secret: secret, CurrentID: f.BearerTokens[secret]}
}

// HCL is a connection config that points the plugin at the API with Secret,
// followed by the extra lines.
func (a *API) HCL(extra ...string) string {
	return a.HCLWithToken(a.Secret, extra...)
}

// HCLWithToken is HCL with another api_token than Secret.
func (a *API) HCLWithToken(token string, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "api_token = %q\nbase_url = %q\n", token, a.URL)
	for _, line := range extra {
		b.WriteString(line + "\n")
	}
	return b.String()
}
