package emulator

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// Server emulates the Vercel auth-token API. It is an http.Handler and is
// safe for concurrent use.
type Server struct {
	cursor CursorForm
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	store  *tokenStore
	faults Faults
	stats  stats
	rates  rateBudgets
	// inFlight counts the requests being served; freshCursors the cursors
	// EmptyPages has made.
	inFlight     int
	freshCursors int
	// changed is closed when a request arrives (see await).
	changed chan struct{}
}

// Option configures a Server.
type Option func(*Server)

// WithCursor sets how pagination cursors are spelled (default CursorNumber).
func WithCursor(form CursorForm) Option {
	return func(s *Server) { s.cursor = form }
}

// WithClock replaces the wall clock, which the emulator uses for rate-limit
// resets, token expiry checks and the timestamps of created tokens.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithLatencyClock replaces the wall clock that Faults.Latency waits on:
// sleep returns after d, or with ctx.Err() once the client has gone. A test
// passes one that holds a request until it lets it go, or lets it go at once.
func WithLatencyClock(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(s *Server) { s.sleep = sleep }
}

// New returns a Server serving a copy of the fixture: creating and deleting
// tokens never changes f.
func New(f *Fixture, opts ...Option) (*Server, error) {
	store, err := newTokenStore(f)
	if err != nil {
		return nil, err
	}
	s := &Server{cursor: CursorNumber, now: time.Now, sleep: sleep, store: store, rates: rateBudgets{}}
	for _, opt := range opts {
		opt(s)
	}
	return s, nil
}

// maxBodyBytes bounds what the emulator reads of a request body.
const maxBodyBytes = 1 << 20

// call is one request on its way through the handlers.
type call struct {
	route
	query     url.Values
	body      []byte
	now       time.Time
	caller    *storedToken
	team      Team
	teamGiven bool
	paging    pagingFaults
}

// ServeHTTP records the request, applies faults, then answers it as Vercel
// would.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt, problem := resolveRoute(r.Method, r.URL.EscapedPath())
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil && problem == nil {
		problem = badRequest("the request body could not be read")
	}
	faults, rate := s.admit(rt.endpoint, r, body)
	defer s.leave()
	if !s.pause(r.Context(), faults.latency) {
		return
	}
	now := s.now()
	var rep *reply
	switch {
	case faults.status != 0:
		rep = statusFault(faults.status, faults, now)
	case faults.foreign404 != 0:
		rep = foreignNotFound(faults.foreign404, r.URL.Path)
	case problem != nil:
		rep = problem
	default:
		rep = s.answer(&call{route: rt, query: r.URL.Query(), body: body, now: now, paging: faults.paging}, r.Header.Get("Authorization"))
	}
	if rep.rate != nil {
		rate = *rep.rate
	}
	if faults.echo {
		rep = echoHeaders(rep, r.Header)
	}
	send(w, rep, rate, faults)
}

// admit records the request, spends its rate budget and tells which faults
// it meets.
func (s *Server) admit(ep Endpoint, r *http.Request, body []byte) (requestFaults, rateState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight++
	s.signal()
	s.stats.record(Request{Endpoint: ep, Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Body: string(body), At: s.now()})
	return s.faultsFor(ep), s.rates.take(ep, s.now())
}

// pause waits d on the latency clock, or less when the client leaves first;
// it reports whether to go on.
func (s *Server) pause(ctx context.Context, d time.Duration) bool {
	if d > 0 && s.sleep(ctx, d) != nil {
		return false
	}
	return ctx.Err() == nil
}

// sleep is the wall clock's wait for d, cut short when ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// answer authenticates the caller, checks that its scopes reach the team
// context, if any, and dispatches. It holds the lock throughout, so each
// request sees and changes the state atomically.
func (s *Server) answer(c *call, authorization string) *reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	caller, problem := s.authenticate(authorization, c.now)
	if problem != nil {
		return problem
	}
	c.caller = caller
	team, given, known := s.store.team(c.query.Get("teamId"), c.query.Get("slug"))
	if !known || (given && !caller.reach.includes(team.ID)) {
		return errorReply(http.StatusForbidden, "forbidden", "Not authorized")
	}
	c.team, c.teamGiven = team, given
	switch c.endpoint {
	case EndpointList:
		return s.list(c)
	case EndpointGet:
		return s.get(c)
	case EndpointCurrent:
		return okReply(tokenBody{Token: caller.raw})
	case EndpointCreate:
		return s.create(c)
	case EndpointDelete:
		return s.delete(c)
	case EndpointTeams, EndpointTeam, EndpointUser:
		return s.answerTeamsAndUser(c)
	}
	return errorReply(http.StatusNotFound, "not_found", "The requested path was not found")
}

type tokenBody struct {
	Token json.RawMessage `json:"token"`
}

// send writes a reply, damaging successful bodies when a fault says so.
func send(w http.ResponseWriter, rep *reply, rate rateState, faults requestFaults) {
	body, err := json.Marshal(rep.body)
	if rep.raw != nil {
		body, err = rep.raw, nil
	}
	if err != nil {
		rep = errorReply(http.StatusInternalServerError, "internal_server_error", "emulator: encoding the answer: "+err.Error())
		body, _ = json.Marshal(rep.body)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	rate.writeHeaders(h, faults.resetMs)
	if rep.contentType != "" {
		h.Set("Content-Type", rep.contentType)
	}
	for name, value := range rep.header {
		h.Set(name, value)
	}
	successful := rep.status >= 200 && rep.status < 300
	if successful && faults.malformed {
		body = malformed(body)
	}
	sent := body
	if successful && faults.truncated {
		sent = body[:len(body)/2]
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rep.status)
	_, _ = w.Write(sent)
}
