package emulator

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestAwaitRequestsReturnsOnTheRequest(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	arrived := make(chan error, 1)
	go func() { arrived <- h.srv.AwaitRequests(t.Context(), EndpointList, 2) }()
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	expectStatus(t, h.get("/v5/user/tokens/current"), http.StatusOK)

	stopped, stop := context.WithCancel(t.Context())
	stop()
	if err := h.srv.AwaitRequests(stopped, EndpointList, 2); !errors.Is(err, context.Canceled) {
		t.Fatalf("one list request and another kind count as two list requests: %v", err)
	}
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	if err := <-arrived; err != nil {
		t.Fatalf("the second list request arrived, yet: %v", err)
	}
	if err := h.srv.AwaitRequests(stopped, EndpointList, 2); err != nil {
		t.Fatalf("requests already counted: %v", err)
	}
}

func TestAwaitRequestsEndsAtTheDeadline(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	h.srv.ResetStats()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if err := h.srv.AwaitRequests(ctx, EndpointList, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("no request since ResetStats, yet AwaitRequests returned %v", err)
	}
}

func TestLatencyWaitsOnTheInjectedClock(t *testing.T) {
	var waited []time.Duration
	clientGone := false
	clock := func(ctx context.Context, d time.Duration) error {
		waited = append(waited, d)
		if clientGone {
			return context.Canceled
		}
		return nil
	}
	h := newHarness(t, GenerateFixture(5, 1), WithLatencyClock(clock))
	h.srv.SetFaults(Faults{Latency: time.Hour})
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	if len(waited) != 1 || waited[0] != time.Hour {
		t.Fatalf("the clock was asked to wait %v, want [1h]", waited)
	}

	clientGone = true
	if rec := h.get("/v6/user/tokens"); rec.Body.Len() != 0 {
		t.Fatalf("answered a client that left during the latency: %s", rec.Body.String())
	}

	h.srv.SetFaults(Faults{})
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
	if len(waited) != 2 {
		t.Fatalf("the clock was asked to wait without latency: %v", waited)
	}
}
