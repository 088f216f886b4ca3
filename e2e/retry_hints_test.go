package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// A 429 that asks for an endless or absurd wait fails at once: the client
// waits at most a minute, and neither hangs nor retries in a loop.
func TestAnAbsurdRetryAfterFailsAtOnce(t *testing.T) {
	for _, value := range []string{"Inf", "1e300"} {
		t.Run(value, func(t *testing.T) {
			api := sampleAPI(t)
			p := startPlugin(t, processOptions{})
			p.configure(t, api.HCL())
			api.Server.SetFaults(emulator.Faults{AlwaysStatus: 429, RetryAfter: value})

			rows, err := p.queryWithin(t, scanAll)

			require.Error(t, err, "gave %d rows", len(rows))
			assert.Contains(t, err.Error(), "429")
			assert.Equal(t, 1, api.Server.Count(emulator.EndpointList), "list requests")
		})
	}
}

// A wait hint the client cannot use does not make it retry at once: it falls
// back to X-RateLimit-Reset, here a second ahead (and given in milliseconds
// when Retry-After is missing), and the query then succeeds.
func TestAnUnusableRetryAfterStillWaits(t *testing.T) {
	cases := map[string]emulator.Faults{
		"Retry-After NaN":                         {Statuses: []int{429}, RetryAfter: "NaN"},
		"Retry-After -5":                          {Statuses: []int{429}, RetryAfter: "-5"},
		"X-RateLimit-Reset in ms, no Retry-After": {Statuses: []int{429}, OmitRetryAfter: true, ResetInMillis: true},
	}
	for name, faults := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api := sampleAPI(t)
			p := startPlugin(t, processOptions{})
			p.configure(t, api.HCL())
			faults.OnlyOn = emulator.EndpointList
			api.Server.SetFaults(faults)

			rows, err := p.queryWithin(t, scanAll)

			require.NoError(t, err)
			assert.Len(t, rows, len(api.Fixture.Tokens))
			lists := api.Server.RequestsTo(emulator.EndpointList)
			require.Greater(t, len(lists), 1)
			// The reset is a second after the 429; Retry-After aside, a
			// client that honours it cannot come back within half of that.
			assert.GreaterOrEqual(t, lists[1].At.Sub(lists[0].At), 500*time.Millisecond, "the client retried the 429 without waiting")
		})
	}
}
