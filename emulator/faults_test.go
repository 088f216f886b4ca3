package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func TestQueuedStatusesAnswerTheNextRequestsInOrder(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	h := newHarness(t, GenerateFixture(5, 1), WithClock(func() time.Time { return now }))
	h.srv.SetFaults(Faults{Statuses: []int{429, 429, 0, 500, 503}})

	for i := range 2 {
		rec := h.get("/v6/user/tokens")
		e := expectError(t, rec, http.StatusTooManyRequests, "rate_limited")
		if rec.Header().Get("Retry-After") != "1" {
			t.Fatalf("429 #%d: Retry-After %q, want the default 1", i, rec.Header().Get("Retry-After"))
		}
		if rec.Header().Get("X-RateLimit-Remaining") != "0" || rec.Header().Get("X-RateLimit-Reset") != "1800000001" {
			t.Fatalf("429 #%d: headers %v", i, rec.Header())
		}
		if l := e.Error.Limit; l == nil || l.Remaining != 0 || l.Reset != 1800000001 || l.ResetMs != 1800000001000 || l.Total != 1000 {
			t.Fatalf("429 #%d: limit %+v", i, e.Error.Limit)
		}
	}
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	expectError(t, h.get("/v5/user/tokens/current"), http.StatusInternalServerError, "internal_server_error")
	expectError(t, h.get("/v6/user/tokens"), http.StatusServiceUnavailable, "internal_server_error")
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	if h.srv.Count(EndpointList) != 5 || h.srv.Count(EndpointCurrent) != 1 {
		t.Fatal("faulted requests were not counted")
	}
}

// Absurd values pass through as they are: clients must survive them.
func TestRetryAfterIsConfigurable(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	for _, value := range []string{"0", "7", "Wed, 21 Oct 2026 07:28:00 GMT", "Inf", "+Inf", "1e300", "NaN", "-5", "0.5"} {
		h.srv.SetFaults(Faults{Statuses: []int{429}, RetryAfter: value})
		rec := h.get("/v6/user/tokens")
		expectError(t, rec, http.StatusTooManyRequests, "rate_limited")
		if rec.Header().Get("Retry-After") != value {
			t.Fatalf("Retry-After %q, want %q", rec.Header().Get("Retry-After"), value)
		}
	}
}

func TestAlwaysStatusUntilCleared(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.srv.SetFaults(Faults{AlwaysStatus: 503})
	for range 3 {
		expectError(t, h.get("/v6/user/tokens"), http.StatusServiceUnavailable, "internal_server_error")
	}
	h.srv.SetFaults(Faults{AlwaysStatus: 410})
	expectError(t, h.get("/v6/user/tokens"), http.StatusGone, "gone")
	h.srv.SetFaults(Faults{})
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
}

func TestOnlyOnLimitsFaultsToOneEndpoint(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.srv.SetFaults(Faults{Statuses: []int{500}, MalformedJSON: true, OnlyOn: EndpointList})
	current := h.get("/v5/user/tokens/current")
	expectStatus(t, current, http.StatusOK)
	if !json.Valid(current.Body.Bytes()) {
		t.Fatal("a fault limited to lists hit current")
	}
	expectError(t, h.get("/v6/user/tokens"), http.StatusInternalServerError, "internal_server_error")
	list := h.get("/v6/user/tokens")
	expectStatus(t, list, http.StatusOK)
	if json.Valid(list.Body.Bytes()) {
		t.Fatal("MalformedJSON did not apply to the list")
	}
}

func TestMalformedJSON(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.srv.SetFaults(Faults{MalformedJSON: true})
	for _, target := range []string{"/v6/user/tokens", "/v5/user/tokens/current"} {
		rec := h.get(target)
		expectStatus(t, rec, http.StatusOK)
		if json.Valid(rec.Body.Bytes()) || !bytes.Contains(rec.Body.Bytes(), []byte(`"id":`)) {
			t.Fatalf("%s: body %q", target, rec.Body)
		}
	}
	// Errors stay readable, so clients can tell what went wrong.
	expectError(t, h.get("/v5/user/tokens/none"), http.StatusNotFound, "not_found")
}

func TestTruncatedBodyKeepsTheFullContentLength(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.srv.SetFaults(Faults{TruncatedBody: true})
	rec := h.get("/v6/user/tokens")
	expectStatus(t, rec, http.StatusOK)
	declared, _ := strconv.Atoi(rec.Header().Get("Content-Length"))
	if json.Valid(rec.Body.Bytes()) || rec.Body.Len() != declared/2 {
		t.Fatalf("body of %d bytes for Content-Length %d", rec.Body.Len(), declared)
	}
}

func TestLoopingCursorRepeatsTheSameNext(t *testing.T) {
	for _, n := range []int{1, 3, 50} {
		h := newHarness(t, GenerateFixture(n, 1))
		h.srv.SetFaults(Faults{LoopingCursor: true})
		first := decodeAs[listAnswer](t, h.get("/v6/user/tokens?limit=10"))
		if isNull(first.Pagination.Next) {
			t.Fatalf("%d tokens: next is null", n)
		}
		again := decodeAs[listAnswer](t, h.get("/v6/user/tokens?limit=10&until="+cursorParam(t, first.Pagination.Next)))
		if !bytes.Equal(first.Pagination.Next, again.Pagination.Next) {
			t.Fatalf("%d tokens: next moved from %s to %s", n, first.Pagination.Next, again.Pagination.Next)
		}
	}
}

func TestLatencyDelaysAndStopsWhenTheClientLeaves(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.srv.SetFaults(Faults{Latency: 30 * time.Millisecond})
	start := time.Now()
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	if waited := time.Since(start); waited < 30*time.Millisecond {
		t.Fatalf("answered after %v, want at least 30ms", waited)
	}

	h.srv.SetFaults(Faults{Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/v6/user/tokens", nil)
	req.Header.Set("Authorization", "Bearer "+h.secret)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		h.srv.ServeHTTP(rec, req)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the handler kept sleeping after the client left")
	}
	if rec.Body.Len() != 0 {
		t.Fatalf("answered a client that left: %q", rec.Body)
	}
}

func TestSetFaultsIsSafeWhileServing(t *testing.T) {
	h := newHarness(t, GenerateFixture(20, 1))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			h.srv.SetFaults(Faults{Statuses: []int{500}, MalformedJSON: i%2 == 0})
		}
	}()
	for range 200 {
		rec := h.get("/v6/user/tokens")
		if rec.Code != http.StatusOK && rec.Code != http.StatusInternalServerError {
			t.Fatalf("status %d", rec.Code)
		}
	}
	<-done
}
