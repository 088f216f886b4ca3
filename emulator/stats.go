package emulator

import (
	"context"
	"net/url"
	"slices"
	"time"
)

// Request is what the emulator recorded of one request. The Authorization
// header is deliberately not kept.
type Request struct {
	Endpoint Endpoint
	Method   string
	Path     string
	RawQuery string
	Body     string
	// At is when the request arrived, by the emulator's clock.
	At time.Time
}

// Query parses RawQuery.
func (r Request) Query() url.Values {
	q, _ := url.ParseQuery(r.RawQuery)
	return q
}

// stats is not safe for concurrent use; the Server serialises access.
type stats struct {
	counts   map[Endpoint]int
	requests []Request
}

func (s *stats) record(r Request) {
	if s.counts == nil {
		s.counts = map[Endpoint]int{}
	}
	s.counts[r.Endpoint]++
	s.requests = append(s.requests, r)
}

// Count returns how many requests of a kind arrived since the start or the
// last ResetStats, faulted ones included.
func (s *Server) Count(ep Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats.counts[ep]
}

// Requests returns every request recorded, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.stats.requests)
}

// RequestsTo returns the recorded requests of one kind, oldest first.
func (s *Server) RequestsTo(ep Endpoint) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var matching []Request
	for _, r := range s.stats.requests {
		if r.Endpoint == ep {
			matching = append(matching, r)
		}
	}
	return matching
}

// ResetStats forgets the counts and recorded requests.
func (s *Server) ResetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = stats{}
	s.signal()
}

// leave marks the end of a request admit recorded.
func (s *Server) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight--
}

// InFlight returns how many requests are being served right now, such as
// ones that Faults.Latency holds.
func (s *Server) InFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inFlight
}

// AwaitRequests waits until n requests of a kind have arrived (counted as
// Count does), or until ctx ends, when it returns ctx.Err(). Tests wait on it
// for a request, or with a deadline for a request that must not come.
func (s *Server) AwaitRequests(ctx context.Context, ep Endpoint, n int) error {
	return s.await(ctx, func() bool { return s.stats.counts[ep] >= n })
}

// await waits until done, read under s.mu, holds, or until ctx ends.
func (s *Server) await(ctx context.Context, done func() bool) error {
	for {
		s.mu.Lock()
		if done() {
			s.mu.Unlock()
			return nil
		}
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// signal wakes every await. The caller holds s.mu.
func (s *Server) signal() {
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
}
