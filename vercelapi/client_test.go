package vercelapi

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testToken = "secret_bearer_token_value_1234567890"

// fastRetry keeps retry tests quick while exercising the same paths.
func fastRetry() *RetryPolicy {
	return &RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxRateLimitWait: 2 * time.Second}
}

// recordingServer answers each request with the next of answers (the last
// one repeats) and records what it was asked.
type recordingServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
}

type cannedAnswer struct {
	status int
	header map[string]string
	body   string
}

func newRecordingServer(t *testing.T, answers ...cannedAnswer) *recordingServer {
	t.Helper()
	s := &recordingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		n := len(s.requests)
		s.requests = append(s.requests, r.Clone(r.Context()))
		s.mu.Unlock()
		a := answers[min(n, len(answers)-1)]
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(a.status)
		fmt.Fprint(w, a.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *recordingServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *recordingServer) request(i int) *http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[i]
}

func newTestClient(t *testing.T, baseURL, team string) *Client {
	t.Helper()
	c, err := NewClient(Config{Token: testToken, Team: team, BaseURL: baseURL, Retry: fastRetry()})
	require.NoError(t, err)
	return c
}

func TestParseBaseURL(t *testing.T) {
	accepted := []string{
		"https://api.vercel.com",
		"https://gateway.example.com/vercel/",
		"http://127.0.0.1:8787",
		"http://127.8.9.10",
		"http://localhost:3000",
		"http://[::1]:8080",
	}
	for _, raw := range accepted {
		_, err := ParseBaseURL(raw)
		assert.NoError(t, err, raw)
	}
	refused := map[string]string{
		"http://api.vercel.com":            "plain http to a non-loopback host",
		"http://10.0.0.1":                  "plain http to a non-loopback host",
		"http://localhost.example.com":     "plain http to a non-loopback host",
		"ftp://api.vercel.com":             "must start with https://",
		"api.vercel.com":                   "has no host",
		"https://user:pw@api.vercel.com":   "must not carry credentials",
		"https://api.vercel.com/?teamId=x": "must not carry credentials, a query",
	}
	for raw, want := range refused {
		_, err := ParseBaseURL(raw)
		if assert.Error(t, err, raw) {
			assert.Contains(t, err.Error(), want, raw)
		}
	}
}

func TestTeamQueryParam(t *testing.T) {
	for team, want := range map[string][2]string{
		"":               {"", ""},
		"team_abc123":    {"teamId", "team_abc123"},
		"acme":           {"slug", "acme"},
		"  my-team  ":    {"slug", "my-team"},
		"team-not-an-id": {"slug", "team-not-an-id"},
	} {
		param, value := TeamQueryParam(team)
		assert.Equal(t, want, [2]string{param, value}, team)
	}
}

func TestNewClientNeedsAToken(t *testing.T) {
	_, err := NewClient(Config{Token: "  "})
	assert.ErrorIs(t, err, ErrMissingToken)
}

func TestClientNeverFormatsItsToken(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1", "")
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.False(t, strings.Contains(fmt.Sprintf(format, c), testToken), "token leaked with %s", format)
		assert.False(t, strings.Contains(fmt.Sprintf(format, *c), testToken), "token leaked with %s", format)
	}
}

func TestRequestCarriesAuthTeamAndAgent(t *testing.T) {
	for _, tc := range []struct{ team, param, value string }{
		{"team_123", "teamId", "team_123"},
		{"acme", "slug", "acme"},
		{"", "", ""},
	} {
		srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{"token":{"id":"tok1","name":"n","type":"authentication-token"}}`})
		c := newTestClient(t, srv.URL, tc.team)
		_, err := c.GetToken(t.Context(), "tok1")
		require.NoError(t, err)
		req := srv.request(0)
		assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
		assert.Equal(t, "/v5/user/tokens/tok1", req.URL.Path)
		assert.Equal(t, "steampipe-plugin-vercel", req.Header.Get("User-Agent"))
		if tc.param == "" {
			assert.Empty(t, req.URL.RawQuery)
		} else {
			assert.Equal(t, tc.value, req.URL.Query().Get(tc.param))
		}
	}
}

func TestBaseURLPathPrefixIsKept(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{"token":{"id":"current-id"}}`})
	c := newTestClient(t, srv.URL+"/proxy/vercel/", "")
	_, err := c.CurrentToken(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "/proxy/vercel/v5/user/tokens/current", srv.request(0).URL.Path)
}

func TestGetTokenEscapesTheID(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{"token":{"id":"a/b?c"}}`})
	c := newTestClient(t, srv.URL, "")
	tok, err := c.GetToken(t.Context(), "a/b?c")
	require.NoError(t, err)
	assert.Equal(t, "a/b?c", tok.ID)
	assert.Equal(t, "/v5/user/tokens/a%2Fb%3Fc", srv.request(0).URL.EscapedPath())
	_, err = c.GetToken(t.Context(), "")
	assert.Error(t, err)
}

func TestTokenNeverInErrors(t *testing.T) {
	for _, status := range []int{401, 403, 404, 429, 500} {
		srv := newRecordingServer(t, cannedAnswer{status: status, header: map[string]string{"Retry-After": "0"}, body: `{"error":{"code":"x","message":"nope"}}`})
		_, err := newTestClient(t, srv.URL, "team_x").GetToken(t.Context(), "id")
		require.Error(t, err)
		assert.False(t, strings.Contains(err.Error(), testToken), "token leaked at %d", status)
		assert.False(t, strings.Contains(fmt.Sprintf("%+v %#v", err, err), testToken), "token leaked at %d", status)
	}
	_, err := newTestClient(t, "http://127.0.0.1:1", "").GetToken(t.Context(), "id")
	require.Error(t, err)
	assert.False(t, strings.Contains(err.Error(), testToken), "token leaked")
	assert.False(t, strings.Contains(err.Error(), "Bearer"))
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	plaintext := newRecordingServer(t, cannedAnswer{status: 200, body: okToken})
	redirecting := newRecordingServer(t, cannedAnswer{status: http.StatusFound, header: map[string]string{"Location": plaintext.URL + "/v5/user/tokens/tok"}})
	c, err := NewClient(Config{Token: testToken, BaseURL: redirecting.URL})
	require.NoError(t, err)
	_, err = c.GetToken(t.Context(), "tok")
	assert.Equal(t, http.StatusFound, StatusOf(err))
	assert.Equal(t, 0, plaintext.count(), "the token followed a redirect")
}

func TestParseBaseURLNeverShowsCredentials(t *testing.T) {
	for raw, want := range map[string]string{
		"https://user:PASSWORD@api.vercel.com":         `"https://[REDACTED]@api.vercel.com" must not carry credentials`,
		"https://PASSWORD@api.vercel.com/v1":           `"https://[REDACTED]@api.vercel.com/v1" must not carry credentials`,
		"https://:PASSWORD@api.vercel.com":             `"https://[REDACTED]@api.vercel.com" must not carry credentials`,
		"http://user:PASSWORD@api.example.com":         `"http://[REDACTED]@api.example.com" must not carry credentials`,
		"https://user:PASS/WORD@api.vercel.com":        `"https://[REDACTED]@api.vercel.com" is not a valid URL, and must not carry credentials`,
		"https://user:PASS WORD@api.vercel.com":        `"https://[REDACTED]@api.vercel.com" is not a valid URL, and must not carry credentials`,
		"user:PASSWORD@api.vercel.com":                 `"[REDACTED]@api.vercel.com" has no host`,
		"https:/user:PASSWORD@api.vercel.com":          `"[REDACTED]@api.vercel.com" has no host`,
		"ftp://user:PASSWORD@api.vercel.com":           `"ftp://[REDACTED]@api.vercel.com" must not carry credentials`,
		"https://user:PASSWORD@api.vercel.com/?teamId": `"https://[REDACTED]@api.vercel.com/?teamId" must not carry credentials`,
	} {
		_, err := ParseBaseURL(raw)
		if assert.Error(t, err, raw) {
			assert.Contains(t, err.Error(), want, raw)
			assert.NotContains(t, err.Error(), "PASS", raw)
		}
	}
}

func TestIDsAreSentAsOnePathSegment(t *testing.T) {
	for id, wantPath := range map[string]string{
		".":     "/v5/user/tokens/%2E",
		"..":    "/v5/user/tokens/%2E%2E",
		"...":   "/v5/user/tokens/%2E%2E%2E",
		"a.b":   "/v5/user/tokens/a.b",
		"a/b":   "/v5/user/tokens/a%2Fb",
		"../x":  "/v5/user/tokens/..%2Fx",
		"a?b=1": "/v5/user/tokens/a%3Fb=1",
		"a%2Fb": "/v5/user/tokens/a%252Fb",
		"#":     "/v5/user/tokens/%23",
	} {
		srv := newRecordingServer(t, cannedAnswer{status: 404, body: `{"error":{"code":"not_found"}}`})
		_, err := newTestClient(t, srv.URL, "").GetToken(t.Context(), id)
		require.True(t, IsNotFound(err), "%q: %v", id, err)
		req := srv.request(0)
		assert.Equal(t, wantPath, req.URL.EscapedPath(), "%q", id)
		assert.Equal(t, "/v5/user/tokens/"+id, req.URL.Path, "%q: the server reads the id back as it was", id)
		assert.Empty(t, req.URL.RawQuery, "%q", id)
	}
}
