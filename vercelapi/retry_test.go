package vercelapi

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const okToken = `{"token":{"id":"tok","name":"n","type":"authentication-token","activeAt":1,"createdAt":1}}`

func TestRateLimitedThenSuccess(t *testing.T) {
	for name, header := range map[string]map[string]string{
		"Retry-After seconds":   {"Retry-After": "0"},
		"X-RateLimit-Reset":     {"X-RateLimit-Reset": strconv.FormatInt(time.Now().Unix(), 10)},
		"no hint: backoff":      {},
		"Retry-After HTTP date": {"Retry-After": time.Now().UTC().Format(http.TimeFormat)},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t,
				cannedAnswer{status: 429, header: header, body: `{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}`},
				cannedAnswer{status: 200, body: okToken})
			tok, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), "tok")
			require.NoError(t, err)
			assert.Equal(t, "tok", tok.ID)
			assert.Equal(t, 2, srv.count())
		})
	}
}

// fakeClock is a Clock that never waits: it records each wait asked of it
// and moves on by as much.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.waits)
}

func clientOnClock(t *testing.T, baseURL string, clock Clock) *Client {
	t.Helper()
	policy := RetryPolicy{MaxAttempts: 4, BaseDelay: time.Second, MaxDelay: 4 * time.Second, MaxRateLimitWait: time.Minute, Clock: clock}
	c, err := NewClient(Config{Token: testToken, BaseURL: baseURL, Retry: &policy})
	require.NoError(t, err)
	return c
}

func TestRateLimitWaitIsHonoured(t *testing.T) {
	clock := newFakeClock()
	now := clock.Now()
	for name, tc := range map[string]struct {
		header map[string]string
		want   time.Duration
	}{
		"Retry-After seconds":        {map[string]string{"Retry-After": "7"}, 7 * time.Second},
		"Retry-After fraction":       {map[string]string{"Retry-After": "1.5"}, 1500 * time.Millisecond},
		"Retry-After HTTP date":      {map[string]string{"Retry-After": now.Add(30 * time.Second).Format(http.TimeFormat)}, 30 * time.Second},
		"X-RateLimit-Reset":          {map[string]string{"X-RateLimit-Reset": strconv.FormatInt(now.Add(12*time.Second).Unix(), 10)}, 12 * time.Second},
		"X-RateLimit-Reset ms":       {map[string]string{"X-RateLimit-Reset": strconv.FormatInt(now.Add(2500*time.Millisecond).UnixMilli(), 10)}, 2500 * time.Millisecond},
		"a date already past":        {map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 0},
		"Retry-After over the reset": {map[string]string{"Retry-After": "3", "X-RateLimit-Reset": strconv.FormatInt(now.Add(50*time.Second).Unix(), 10)}, 3 * time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			clock := newFakeClock()
			srv := newRecordingServer(t, cannedAnswer{status: 429, header: tc.header}, cannedAnswer{status: 200, body: okToken})
			_, err := clientOnClock(t, srv.URL, clock).GetToken(t.Context(), "tok")
			require.NoError(t, err)
			assert.Equal(t, []time.Duration{tc.want}, clock.slept(), "the client waits as the hint says, measured from its clock")
			assert.Equal(t, 2, srv.count())
		})
	}
}

func TestServerErrorsBackOffThroughTheClock(t *testing.T) {
	clock := newFakeClock()
	srv := newRecordingServer(t, cannedAnswer{status: 503})
	_, err := clientOnClock(t, srv.URL, clock).GetToken(t.Context(), "tok")
	assert.Contains(t, err.Error(), "giving up after 4 attempts")
	waits := clock.slept()
	require.Len(t, waits, 3, "a wait between each two of the 4 tries")
	for i, ceiling := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		assert.GreaterOrEqual(t, waits[i], ceiling/2, "wait %d", i+1)
		assert.LessOrEqual(t, waits[i], ceiling, "wait %d", i+1)
	}
}

func TestRateLimitWaitTooLongFailsAtOnce(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 429, header: map[string]string{"Retry-After": "3600"}, body: `{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}`})
	_, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), "tok")
	require.Error(t, err)
	assert.Equal(t, 429, StatusOf(err))
	assert.Contains(t, err.Error(), "asks to wait 1h0m0s")
	assert.Equal(t, 1, srv.count())
}

func TestRateLimitedForeverGivesUp(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 429, header: map[string]string{"Retry-After": "0"}})
	_, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), "tok")
	assert.Equal(t, 429, StatusOf(err))
	assert.Contains(t, err.Error(), "giving up after 3 attempts")
	assert.Equal(t, 3, srv.count())
}

func TestServerErrorThenSuccess(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 502}, cannedAnswer{status: 500}, cannedAnswer{status: 200, body: okToken})
	_, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), "tok")
	require.NoError(t, err)
	assert.Equal(t, 3, srv.count())
}

func TestConnectionErrorsAreRetriedThenReported(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	t.Cleanup(func() { listener.Close() })
	_, err = newTestClient(t, "http://"+listener.Addr().String(), "").GetToken(t.Context(), "tok")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "giving up after 3 attempts")
	assert.Contains(t, err.Error(), "GET /v5/user/tokens/tok")
	assert.Equal(t, 0, StatusOf(err))
}

func TestCancelledContextStopsRetrying(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 500})
	policy := RetryPolicy{MaxAttempts: 10, BaseDelay: time.Hour, MaxDelay: time.Hour, MaxRateLimitWait: time.Hour}
	c, err := NewClient(Config{Token: testToken, BaseURL: srv.URL, Retry: &policy})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.GetToken(ctx, "tok")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, 1, srv.count())
}

func TestMalformedAnswers(t *testing.T) {
	for name, body := range map[string]string{
		"garbage":          `{"token": {"id": "tok", ###`,
		"truncated":        `{"token": {"id": "tok", "name": "n`,
		"empty":            ``,
		"no token field":   `{"something": "else"}`,
		"token without id": `{"token": {"name": "n"}}`,
		"wrong type":       `{"token": {"id": "tok", "createdAt": "yesterday"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: 200, body: body})
			tok, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), "tok")
			assert.Nil(t, tok)
			var malformed *MalformedAnswerError
			require.True(t, errors.As(err, &malformed), "got %v", err)
			assert.Contains(t, err.Error(), "malformed JSON")
			assert.Equal(t, 1, srv.count(), "malformed answers are not retried")
		})
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: 400 * time.Millisecond}
	for attempt, ceiling := range map[int]time.Duration{1: 100, 2: 200, 3: 400, 4: 400, 30: 400} {
		for range 20 {
			d := p.backoff(attempt)
			assert.GreaterOrEqual(t, d, ceiling*time.Millisecond/2, attempt)
			assert.LessOrEqual(t, d, ceiling*time.Millisecond, attempt)
		}
	}
}

// hangingServer accepts requests and answers none until the test ends.
func hangingServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	return srv
}

func TestATimeoutSaysWhatTimedOutAndHowOften(t *testing.T) {
	srv := hangingServer(t)
	c, err := NewClient(Config{Token: testToken, BaseURL: srv.URL, Retry: fastRetry(), HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
	require.NoError(t, err)
	_, err = c.GetToken(t.Context(), "tok_1")
	var timeout *TimeoutError
	require.ErrorAs(t, err, &timeout)
	assert.Equal(t, 3, timeout.Attempts)
	assert.Equal(t, "GET /v5/user/tokens/tok_1: no complete answer within 50ms, 3 attempts in all: the API, or the network to it, is slow or down; try again later", err.Error())
	assert.False(t, errors.Is(err, context.DeadlineExceeded), "hosts rewrite a chain holding DeadlineExceeded into a bare timeout message")
}

func TestTheCallersOwnDeadlineIsReportedAsSuch(t *testing.T) {
	srv := hangingServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := newTestClient(t, srv.URL, "").GetToken(ctx, "tok_1")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var timeout *TimeoutError
	assert.False(t, errors.As(err, &timeout))

	ctx, cancel = context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = newTestClient(t, srv.URL, "").GetToken(ctx, "tok_1")
	assert.ErrorIs(t, err, context.Canceled)
}

func TestAbsurdRateLimitWaitsFailAtOnce(t *testing.T) {
	inAnHourMillis := strconv.FormatInt(time.Now().Add(time.Hour).UnixMilli(), 10)
	for name, tc := range map[string]struct {
		header map[string]string
		want   string
	}{
		"Retry-After Inf":           {map[string]string{"Retry-After": "Inf"}, "asks to wait more than a day (Retry-After: Inf)"},
		"Retry-After 1e300":         {map[string]string{"Retry-After": "1e300"}, "asks to wait more than a day (Retry-After: 1e300)"},
		"Retry-After 1e400":         {map[string]string{"Retry-After": "1e400"}, "asks to wait more than a day"},
		"X-RateLimit-Reset in ms":   {map[string]string{"X-RateLimit-Reset": inAnHourMillis}, "asks to wait 1h0m0s (X-RateLimit-Reset: " + inAnHourMillis + ")"},
		"NaN, then a reset too far": {map[string]string{"Retry-After": "NaN", "X-RateLimit-Reset": inAnHourMillis}, "asks to wait 1h0m0s (X-RateLimit-Reset"},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: 429, header: tc.header}, cannedAnswer{status: 200, body: okToken})
			_, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), "tok")
			require.Error(t, err)
			assert.Equal(t, 429, StatusOf(err))
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), "longer than the 2s this client waits")
			assert.Equal(t, 1, srv.count(), "not retried")
		})
	}
}

func TestInvalidRateLimitHintsFallBack(t *testing.T) {
	nowMillis := strconv.FormatInt(time.Now().UnixMilli(), 10)
	for name, header := range map[string]map[string]string{
		"Retry-After NaN":                {"Retry-After": "NaN"},
		"Retry-After negative":           {"Retry-After": "-5"},
		"Retry-After garbage":            {"Retry-After": "soon"},
		"X-RateLimit-Reset negative":     {"X-RateLimit-Reset": "-1"},
		"X-RateLimit-Reset ms, now":      {"X-RateLimit-Reset": nowMillis},
		"NaN, then X-RateLimit-Reset ms": {"Retry-After": "NaN", "X-RateLimit-Reset": nowMillis},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: 429, header: header}, cannedAnswer{status: 200, body: okToken})
			_, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), "tok")
			require.NoError(t, err)
			assert.Equal(t, 2, srv.count())
		})
	}
}

// countingTransport counts the exchanges the client attempts.
type countingTransport struct {
	mu    sync.Mutex
	tries int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.tries++
	c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func (c *countingTransport) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tries
}

func tryOnce(t *testing.T, cfg Config) (tries int, err error) {
	t.Helper()
	transport := &countingTransport{}
	cfg.Token = testToken
	cfg.Retry = fastRetry()
	cfg.HTTPClient = &http.Client{Transport: transport, Timeout: 30 * time.Second}
	c, err := NewClient(cfg)
	require.NoError(t, err)
	_, err = c.GetToken(t.Context(), "tok")
	require.Error(t, err)
	return transport.count(), err
}

func TestFailuresThatCannotHealAreNotRetried(t *testing.T) {
	plain := newRecordingServer(t, cannedAnswer{status: 200, body: okToken})
	huge := newRecordingServer(t, cannedAnswer{status: 200, body: strings.Repeat(" ", maxBodyBytes+1)})
	for name, tc := range map[string]struct {
		cfg  Config
		want string
	}{
		"an answer over the size cap": {Config{BaseURL: huge.URL}, "larger than the 16 MiB this client reads"},
		"an invalid header":           {Config{BaseURL: plain.URL, UserAgent: "agent\nX-Injected: 1"}, "invalid header"},
		"an invalid port":             {Config{BaseURL: "http://127.0.0.1:99999"}, "invalid port"},
		"TLS to a plain-HTTP server":  {Config{BaseURL: strings.Replace(plain.URL, "http://", "https://", 1)}, "server gave HTTP response to HTTPS client"},
	} {
		t.Run(name, func(t *testing.T) {
			tries, err := tryOnce(t, tc.cfg)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, 1, tries, "not retried")
			assert.NotContains(t, err.Error(), "giving up")
		})
	}
}

func TestAnUnknownHostIsNotRetried(t *testing.T) {
	const host = "vercel-api.invalid" // RFC 2606: never resolves
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, err := net.DefaultResolver.LookupHost(ctx, host)
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
		t.Skipf("this machine's resolver does not answer for %s: %v", host, err)
	}
	tries, err := tryOnce(t, Config{BaseURL: "https://" + host})
	assert.Contains(t, err.Error(), "no such host")
	assert.Equal(t, 1, tries, "not retried")
}

func TestTransientConnectionFailuresAreRetried(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := listener.Addr().String()
	listener.Close()
	tries, err := tryOnce(t, Config{BaseURL: "http://" + addr})
	assert.Contains(t, err.Error(), "connection refused")
	assert.Contains(t, err.Error(), "giving up after 3 attempts")
	assert.Equal(t, 3, tries)
}
