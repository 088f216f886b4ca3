package emulator

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Faults make the emulator misbehave. The zero value means none; set them at
// any time with Server.SetFaults.
type Faults struct {
	// Latency delays every request (whatever OnlyOn says). The delay ends
	// early, with no answer, when the client goes away.
	Latency time.Duration
	// Statuses are one-shot answers given to the next requests, in order.
	// 0 or 200 lets that request through, so {0, 0, 500} fails the third.
	Statuses []int
	// AlwaysStatus answers every request with this status once Statuses are
	// used up (0: off).
	AlwaysStatus int
	// RetryAfter is the raw Retry-After header of 429 answers; "" sends "1".
	// Non-integer values (HTTP dates, garbage) are sent as they are.
	RetryAfter string
	// MalformedJSON answers successful requests with 200 and a body that is
	// not JSON. It wins over TruncatedBody.
	MalformedJSON bool
	// TruncatedBody answers successful requests with Content-Length of the
	// full body but sends only its first half; over a real connection the
	// server then closes it, so the client sees an unexpected EOF.
	TruncatedBody bool
	// LoopingCursor makes every list answer the first page with the same
	// non-null pagination.next, whatever until says.
	LoopingCursor bool
	// EmptyPages makes every list answer hold no tokens and a
	// pagination.next never sent before, whatever until says: paging that
	// never ends.
	EmptyPages bool
	// CursorBytes pads every pagination.next to at least this many bytes
	// (0: off). Padded cursors are strings and still work as until.
	CursorBytes int
	// RepeatToken starts every list page after the first with the last
	// token of the page before.
	RepeatToken bool
	// EchoHeaders writes the request's headers, Authorization included,
	// into error.code and error.message of every error answer, as a careless
	// proxy or debug build does.
	EchoHeaders bool
	// Foreign404 answers with a 404 that is not Vercel's not_found (see
	// ForeignNotFound); Statuses and AlwaysStatus win over it.
	Foreign404 ForeignNotFound
	// OmitRetryAfter sends 429 answers without Retry-After, so that
	// X-RateLimit-Reset alone tells the wait. It wins over RetryAfter.
	OmitRetryAfter bool
	// ResetInMillis writes X-RateLimit-Reset in epoch milliseconds instead
	// of Vercel's epoch seconds.
	ResetInMillis bool
	// OnlyOn limits every fault but Latency to one kind of request
	// ("": all). Requests of other kinds do not use up Statuses.
	OnlyOn Endpoint
}

// SetFaults replaces the current faults, including the Statuses still queued.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.Statuses = slices.Clone(f.Statuses)
	s.faults = f
}

// requestFaults are the faults one request meets.
type requestFaults struct {
	latency    time.Duration
	status     int // 0: answer normally
	retryAfter string
	omitRetry  bool
	resetMs    bool
	malformed  bool
	truncated  bool
	echo       bool
	foreign404 ForeignNotFound
	paging     pagingFaults
}

// faultsFor returns the faults that apply to a request and uses up its
// queued status, if any. The caller holds s.mu.
func (s *Server) faultsFor(ep Endpoint) requestFaults {
	f := s.faults
	rf := requestFaults{latency: f.Latency, resetMs: f.ResetInMillis}
	if f.OnlyOn != "" && f.OnlyOn != ep {
		return rf
	}
	rf.status = f.AlwaysStatus
	if len(f.Statuses) > 0 {
		rf.status = f.Statuses[0]
		s.faults.Statuses = f.Statuses[1:]
	}
	if rf.status == http.StatusOK {
		rf.status = 0
	}
	rf.retryAfter = f.RetryAfter
	rf.omitRetry = f.OmitRetryAfter
	rf.malformed = f.MalformedJSON
	rf.truncated = f.TruncatedBody && !f.MalformedJSON
	rf.echo = f.EchoHeaders
	rf.foreign404 = f.Foreign404
	rf.paging = pagingFaults{looping: f.LoopingCursor, empty: f.EmptyPages, repeat: f.RepeatToken, cursorBytes: f.CursorBytes}
	return rf
}

// statusFault is the answer to a request a status fault hits.
func statusFault(status int, rf requestFaults, now time.Time) *reply {
	if status != http.StatusTooManyRequests {
		message := http.StatusText(status)
		if status >= 500 {
			message = "An unexpected internal error occurred"
		}
		return errorReply(status, errorCode(status), message)
	}
	retryAfter := rf.retryAfter
	if retryAfter == "" {
		retryAfter = "1"
	}
	wait := time.Second
	if seconds, err := strconv.Atoi(retryAfter); err == nil && seconds >= 0 {
		wait = time.Duration(seconds) * time.Second
	}
	reset := now.Add(wait)
	header := map[string]string{"Retry-After": retryAfter}
	if rf.omitRetry {
		header = nil
	}
	return &reply{
		status: status,
		body: errorBody{Error: apiError{
			Code:    errorCode(status),
			Message: "Rate limit exceeded",
			Limit: &limitInfo{
				Remaining: 0,
				Reset:     epochSecondsCeil(reset),
				ResetMs:   reset.UnixMilli(),
				Total:     rateLimitTotal,
			},
		}},
		header: header,
		rate:   &rateState{total: rateLimitTotal, remaining: 0, reset: reset},
	}
}

// malformed keeps the start of a real body, up to a key, then breaks off.
func malformed(body []byte) []byte {
	cut := bytes.Index(body, []byte(`"id":`))
	if cut >= 0 {
		cut += len(`"id":`)
	} else {
		cut = bytes.IndexByte(body, ':') + 1
	}
	return append(slices.Clone(body[:cut]), " <<not json>> ,,}"...)
}
