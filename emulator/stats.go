package emulator

import (
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
