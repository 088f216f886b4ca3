package vercelapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoingServer answers every request with status and an error body whose
// code and message repeat the request's headers, the hostile case of a
// server or proxy that reflects what it was sent.
func echoingServer(t *testing.T, status int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var headers strings.Builder
		for name, values := range r.Header {
			fmt.Fprintf(&headers, "%s: %s; ", name, strings.Join(values, ","))
		}
		auth := r.Header.Get("Authorization")
		body, _ := json.Marshal(map[string]any{"error": map[string]string{"code": auth, "message": "you sent " + headers.String() + " path " + r.URL.String()}})
		w.Header().Set("Retry-After", "0")
		w.Header().Set("X-Echo", auth)
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// syncBuffer is a log sink the race detector accepts.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// tracingClient logs at TRACE into the returned buffer.
func tracingClient(t *testing.T, token, baseURL string) (*Client, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	c, err := NewClient(Config{Token: token, BaseURL: baseURL, Retry: fastRetry(), Logger: hclog.New(&hclog.LoggerOptions{Level: hclog.Trace, Output: logs})})
	require.NoError(t, err)
	return c, logs
}

// assertTokenAbsent checks every way a caller could print err, and the log,
// without printing the token itself on failure.
func assertTokenAbsent(t *testing.T, token string, err error, logs *syncBuffer, what string) {
	t.Helper()
	require.Error(t, err, what)
	forms := []string{token, url.PathEscape(token), url.QueryEscape(token)}
	texts := map[string]string{
		"err.Error()": err.Error(),
		"%+v":         fmt.Sprintf("%+v", err),
		"%#v":         fmt.Sprintf("%#v", err),
		"log":         logs.String(),
	}
	for where, text := range texts {
		for _, form := range forms {
			assert.False(t, strings.Contains(text, form), "%s: the token leaked into %s", what, where)
		}
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		fields := fmt.Sprintf("%#v", *apiErr)
		assert.False(t, strings.Contains(fields, token), "%s: the token leaked into *Error's fields", what)
	}
}

func TestTokenEchoedByTheServerNeverSurfaces(t *testing.T) {
	tokens := map[string]string{"plain": testToken, "with characters URLs escape": "vc p/tok+en=1&2?x"}
	for tokenName, token := range tokens {
		for _, status := range []int{400, 401, 403, 404, 429, 500, 502} {
			t.Run(fmt.Sprintf("%s/%d", tokenName, status), func(t *testing.T) {
				srv := echoingServer(t, status)
				c, logs := tracingClient(t, token, srv.URL)
				_, err := c.GetToken(t.Context(), "tok_1")
				assertTokenAbsent(t, token, err, logs, "get")
				assert.Equal(t, status, StatusOf(err), "the typed error survives the masking")
				assert.Contains(t, err.Error(), redacted, "the echo is visibly masked")

				_, err = c.GetToken(t.Context(), token)
				assertTokenAbsent(t, token, err, logs, "get with the token as its id")

				_, err = collect(t, c, ListTokensOptions{})
				assertTokenAbsent(t, token, err, logs, "list")
			})
		}
	}
}

func TestTokenEchoedInASuccessAnswerNeverSurfaces(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, _ := json.Marshal(r.Header.Get("Authorization"))
		if strings.HasPrefix(r.URL.Path, listTokensPath) {
			fmt.Fprintf(w, `{"tokens":[{"id":%s,"createdAt":%s}],"pagination":{"next":%s}}`, auth, auth, auth)
			return
		}
		fmt.Fprintf(w, `{"token":{"id":%s,"createdAt":%s}}`, auth, auth)
	}))
	t.Cleanup(srv.Close)
	c, logs := tracingClient(t, testToken, srv.URL)
	_, err := c.GetToken(t.Context(), "tok_1")
	assertTokenAbsent(t, testToken, err, logs, "get")
	var malformed *MalformedAnswerError
	assert.ErrorAs(t, err, &malformed, "the typed error survives the masking")
	_, err = collect(t, c, ListTokensOptions{})
	assertTokenAbsent(t, testToken, err, logs, "list")
}

func TestTokenInTheURLNeverSurfacesFromTransportErrors(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := listener.Addr().String()
	listener.Close() // nothing listens there any more: connection refused
	c, logs := tracingClient(t, testToken, "http://"+addr)
	_, err = c.GetToken(t.Context(), testToken)
	assertTokenAbsent(t, testToken, err, logs, "connection refused")
	assert.Contains(t, logs.String(), "Vercel API request failed", "the failure was logged at TRACE")
}

func TestNewClientRefusesATokenWithControlCharacters(t *testing.T) {
	for _, token := range []string{testToken + "\n", "abc\r\ndef", "a\x00b", "tab\there", "del\x7f"} {
		_, err := NewClient(Config{Token: token})
		require.ErrorIs(t, err, ErrTokenHasControlCharacter)
		assert.False(t, strings.Contains(err.Error(), token), "the message must not print the token")
		assert.Contains(t, err.Error(), "copy the token again")
	}
}
