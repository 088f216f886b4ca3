package testapi

import (
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// RevokeMeasure adds up the iterations of a benchmark that revokes tokens
// through an engine and with BareRevoker.
type RevokeMeasure struct {
	engine, bare                        time.Duration
	deletes, lists, currents, others, n int
}

// Add counts one iteration: the two wall times, and the requests the
// engine's API served.
func (m *RevokeMeasure) Add(engine, bare time.Duration, api *API) {
	m.n++
	m.engine += engine
	m.bare += bare
	m.deletes += api.Server.Count(emulator.EndpointDelete)
	m.lists += api.Server.Count(emulator.EndpointList)
	m.currents += api.Server.Count(emulator.EndpointCurrent)
	m.others += api.Server.Count(emulator.EndpointGet) + api.Server.Count(emulator.EndpointCreate)
}

// Report reports the means per iteration: both wall times, their ratio
// and the engine's requests by kind.
func (m *RevokeMeasure) Report(b *testing.B) {
	if m.n == 0 {
		return
	}
	per := func(v int) float64 { return float64(v) / float64(m.n) }
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(m.engine.Milliseconds())/float64(m.n), "delete-ms")
	b.ReportMetric(float64(m.bare.Milliseconds())/float64(m.n), "bare-ms")
	b.ReportMetric(float64(m.engine)/float64(m.bare), "ratio")
	b.ReportMetric(per(m.deletes), "DELETE-requests")
	b.ReportMetric(per(m.lists), "list-requests")
	b.ReportMetric(per(m.currents), "current-requests")
	b.ReportMetric(per(m.others), "other-requests")
}
