package e2e

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// A page that fails after rows of earlier pages were streamed must fail the
// query, every time. The SDK (v5.14.1) picks at random between a pending
// error and the end of the stream when both are ready; the plugin holds its
// error back until the rows already streamed have drained (see
// vercel/sdk_error_race.go). Repeating the query makes a lost error show.
func TestALateFailureIsNeverASilentPartialResult(t *testing.T) {
	api := testapi.Start(t, emulator.GenerateFixture(300, 5))
	p := startPlugin(t, processOptions{env: []string{"STEAMPIPE_LOG_LEVEL=WARN"}})
	p.configure(t, api.HCL())
	for i := range 25 {
		api.Server.SetFaults(emulator.Faults{Statuses: []int{0, 0, 403}, OnlyOn: emulator.EndpointList})
		rows, err := p.query(scanAll)
		require.Error(t, err, "run %d: the third page failed but the query returned %d rows and no error", i, len(rows))
	}
}
