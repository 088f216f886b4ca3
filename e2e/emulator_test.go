package e2e

import (
	"fmt"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

const sampleFixture = "../emulator/fixtures/sample.json"

// vercelAPI is an emulator serving a fixture on 127.0.0.1 for one test.
type vercelAPI struct {
	url     string
	server  *emulator.Server
	fixture *emulator.Fixture
	secret  string // the bearer token the fixture accepts
}

func startAPI(t testing.TB, fixture *emulator.Fixture, opts ...emulator.Option) *vercelAPI {
	t.Helper()
	url, server, stop, err := emulator.Start(fixture, opts...)
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(stop)
	api := &vercelAPI{url: url, server: server, fixture: fixture}
	for secret := range fixture.BearerTokens {
		api.secret = secret
	}
	if api.secret == "" {
		t.Fatal("the fixture has no bearer token")
	}
	return api
}

func sampleAPI(t testing.TB, opts ...emulator.Option) *vercelAPI {
	t.Helper()
	fixture, err := emulator.LoadFixture(sampleFixture)
	if err != nil {
		t.Fatal(err)
	}
	return startAPI(t, fixture, opts...)
}

// connectionHCL is a connection config that points the plugin at the API.
func (a *vercelAPI) connectionHCL(extra string) string {
	return fmt.Sprintf("api_token = %q\nbase_url = %q\n%s", a.secret, a.url, extra)
}
