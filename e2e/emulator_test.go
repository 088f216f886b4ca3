package e2e

import (
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

const sampleFixture = "../emulator/fixtures/sample.json"

// sampleAPI serves emulator/fixtures/sample.json.
func sampleAPI(t testing.TB, opts ...emulator.Option) *testapi.API {
	t.Helper()
	fixture, err := emulator.LoadFixture(sampleFixture)
	if err != nil {
		t.Fatal(err)
	}
	return testapi.Start(t, fixture, opts...)
}
