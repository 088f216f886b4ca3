package emulator

import (
	"net/http"
	"strconv"
	"time"
)

// Vercel limits each endpoint separately. The emulator reports a budget per
// endpoint kind in the X-RateLimit-* headers but never enforces it: 429s
// only come from Faults.
const (
	rateLimitTotal  = 1000
	rateLimitWindow = time.Minute
)

type rateState struct {
	total     int
	remaining int
	reset     time.Time
}

type rateWindow struct {
	resetAt time.Time
	used    int
}

// rateBudgets is not safe for concurrent use; the Server serialises access.
type rateBudgets map[Endpoint]*rateWindow

// take spends one request of the endpoint's budget.
func (b rateBudgets) take(ep Endpoint, now time.Time) rateState {
	w, ok := b[ep]
	if !ok || !now.Before(w.resetAt) {
		w = &rateWindow{resetAt: now.Add(rateLimitWindow)}
		b[ep] = w
	}
	w.used++
	return rateState{total: rateLimitTotal, remaining: max(rateLimitTotal-w.used, 0), reset: w.resetAt}
}

// writeHeaders writes the X-RateLimit-* headers; inMillis gives the reset
// in epoch milliseconds, as Vercel does not (a fault).
func (r rateState) writeHeaders(h http.Header, inMillis bool) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(r.total))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(r.remaining))
	reset := epochSecondsCeil(r.reset)
	if inMillis {
		reset = r.reset.UnixMilli()
	}
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset, 10))
}

// epochSecondsCeil rounds up so that a client waiting until the reset never
// comes back early.
func epochSecondsCeil(t time.Time) int64 {
	ms := t.UnixMilli()
	return (ms + 999) / 1000
}
