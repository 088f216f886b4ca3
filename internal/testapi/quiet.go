package testapi

import (
	"context"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// ListRequestsOnceQuiet waits until no list request has reached s for quiet
// and returns how many arrived in all. Once a query stops paging, it returns
// after quiet; a query that pages on keeps it waiting until it has fetched
// every page of the fixture, which the count then shows. quiet should be a
// few times the emulator's latency: the gap between two pages.
func ListRequestsOnceQuiet(t testing.TB, s *emulator.Server, quiet time.Duration) int {
	t.Helper()
	for {
		arrived := s.Count(emulator.EndpointList)
		ctx, cancel := context.WithTimeout(t.Context(), quiet)
		err := s.AwaitRequests(ctx, emulator.EndpointList, arrived+1)
		cancel()
		if t.Context().Err() != nil {
			t.Fatalf("the test ended while waiting for paging to stop, after %d list requests", arrived)
		}
		if err != nil {
			return arrived
		}
	}
}
