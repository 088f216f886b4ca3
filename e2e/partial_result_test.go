package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// A page that fails after rows of earlier pages were streamed must fail the
// query, every time, however slowly the rows are read. SDK v5.14.1 could
// pick the end of the stream over a pending error when both were ready; the
// project's patched SDK (third_party/steampipe-plugin-sdk) cannot. A slow
// reader keeps rows in flight when the error lands, which is when the
// unpatched SDK lost it.
func TestALateFailureIsNeverASilentPartialResult(t *testing.T) {
	api := testapi.Start(t, emulator.GenerateFixture(1000, 5))
	p := startPlugin(t, processOptions{env: []string{"STEAMPIPE_LOG_LEVEL=WARN"}})
	p.configure(t, api.HCL())
	for run := range 8 {
		api.Server.SetFaults(emulator.Faults{Statuses: []int{0, 0, 0, 0, 403}, OnlyOn: emulator.EndpointList})
		rows := 0
		err := p.stream(scanAll, func(*proto.Row) {
			rows++
			time.Sleep(time.Millisecond)
		})
		require.Error(t, err, "run %d: the fifth page failed but the query returned %d rows and no error", run, rows)
	}
}
