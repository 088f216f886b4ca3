package vercelapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/go-hclog"
)

// maxBodyBytes bounds what the client reads of one answer; a page of 100
// tokens is a few tens of kilobytes.
const maxBodyBytes = 16 << 20

// do is the one request path every call goes through. It sends method path
// with query (plus the team context) and body as JSON, retries per the
// RetryPolicy, and decodes a 2xx answer into out. Any other answer becomes an
// *Error. Whatever the server answered, no error do returns and no line it
// logs shows the token.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	return c.secret.redactError(c.tryUntilDone(ctx, method, path, query, body, out))
}

func (c *Client) tryUntilDone(ctx context.Context, method, path string, query url.Values, body, out any) error {
	target := c.resolve(path, query)
	// path may hold the token when a caller asks for it as an id.
	shown := shownRequest{method: method, path: c.secret.redact(path), url: c.secret.redact(withoutQuery(target)), team: teamOf(target)}
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("%s %s: encoding request body: %w", method, shown.path, err)
		}
	}
	for attempt := 1; ; attempt++ {
		answer, err := c.send(ctx, method, target, payload)
		if err == nil && answer.status >= 200 && answer.status < 300 {
			return c.decode(method, shown.path, answer.body, out)
		}
		wait, retryable, lastErr := c.classify(ctx, shown, attempt, answer, err)
		if ctxErr := ctx.Err(); ctxErr != nil {
			// The caller's own deadline or cancellation: say so as it is.
			return fmt.Errorf("%s %s: %w", method, shown.path, ctxErr)
		}
		if !retryable || attempt >= c.retry.MaxAttempts {
			var timeout *TimeoutError
			if retryable && !errors.As(lastErr, &timeout) {
				return fmt.Errorf("giving up after %d attempts: %w", attempt, lastErr)
			}
			return lastErr
		}
		c.log(hclog.Debug, "retrying Vercel API request", "method", method, "path", shown.path, "attempt", attempt, "wait", wait.String(), "error", lastErr)
		if err := c.retry.clock().Sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s %s: %w (while waiting to retry after: %v)", method, shown.path, err, lastErr)
		}
	}
}

// shownRequest names a request in errors and logs, the token masked, and
// the team context it was made in.
type shownRequest struct {
	method, path, url, team string
}

// teamOf is the team context a request carries: its teamId or slug.
func teamOf(target *url.URL) string {
	q := target.Query()
	if id := q.Get("teamId"); id != "" {
		return id
	}
	return q.Get("slug")
}

func withoutQuery(u *url.URL) string {
	bare := *u
	bare.RawQuery = ""
	return bare.String()
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

// classify decides whether a failed try is worth another, and after how long.
func (c *Client) classify(ctx context.Context, r shownRequest, attempt int, a answer, sendErr error) (wait time.Duration, retryable bool, err error) {
	if sendErr != nil {
		// A connection error may come after the server acted; only
		// idempotent requests are safe to send again.
		retryable = r.method != http.MethodPost && mayHeal(sendErr)
		if isTimeout(sendErr) {
			return c.retry.backoff(attempt), retryable, &TimeoutError{Method: r.method, Path: r.path, Attempts: attempt, Timeout: c.httpClient.Timeout}
		}
		return c.retry.backoff(attempt), retryable, fmt.Errorf("%s %s: %w", r.method, r.path, sendErr)
	}
	apiErr := c.newError(ctx, r, a.status, a.body)
	switch {
	case a.status == http.StatusTooManyRequests:
		wait, hint, ok := c.retry.rateLimitWait(a.header, c.retry.clock().Now(), attempt)
		if !ok {
			return 0, false, fmt.Errorf("%w; the API asks to wait %s (%s), longer than the %s this client waits, so the request fails now rather than hang", apiErr, describeWait(wait), shorten(c.secret.redact(hint)), c.retry.MaxRateLimitWait)
		}
		return wait, true, apiErr
	case a.status >= 500:
		return c.retry.backoff(attempt), true, apiErr
	default:
		return 0, false, apiErr
	}
}

// mayHeal tells a failed exchange that another try may fix: a timeout, a
// refused, reset or dropped connection, an unreachable network, a DNS
// server that did not answer. Anything else (an unknown host, an invalid
// port or header, TLS spoken to a plain-HTTP server, an answer too large)
// fails the same way every time.
func mayHeal(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return !dnsErr.IsNotFound && (dnsErr.IsTimeout || dnsErr.IsTemporary)
	}
	for _, transient := range []error{io.EOF, io.ErrUnexpectedEOF, syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED, syscall.EPIPE, syscall.ETIMEDOUT, syscall.EHOSTUNREACH, syscall.ENETUNREACH} {
		if errors.Is(err, transient) {
			return true
		}
	}
	// net/http's unexported error for a connection the server closed
	// before answering.
	return isTimeout(err) || strings.Contains(err.Error(), "server closed idle connection")
}

// send makes one HTTP exchange and reads the whole answer.
func (c *Client) send(ctx context.Context, method string, target *url.URL, payload []byte) (answer, error) {
	var reqBody io.Reader
	if payload != nil {
		reqBody = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, target.String(), reqBody)
	if err != nil {
		return answer{}, err
	}
	c.secret.authorize(req.Header)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := c.httpClient.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			urlErr.URL = c.secret.redact(urlErr.URL)
		}
		c.log(hclog.Trace, "Vercel API request failed", "method", method, "path", target.Path, "query", target.RawQuery, "error", err)
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes+1))
	c.log(hclog.Trace, "Vercel API request", "method", method, "path", target.Path, "query", target.RawQuery, "status", resp.StatusCode, "bytes", len(body), "duration", time.Since(start).String())
	if err != nil {
		return answer{}, fmt.Errorf("reading answer (HTTP %d): %w", resp.StatusCode, err)
	}
	if len(body) > maxBodyBytes {
		return answer{}, fmt.Errorf("the answer (HTTP %d) is larger than the %d MiB this client reads; the API's answers are far smaller", resp.StatusCode, maxBodyBytes>>20)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// pathSegment escapes an id (a token's, a team's) as one path segment: "/",
// "?" and "%" are escaped, and "." and ".." are spelled %2E so that nothing
// on the way takes them for the dot segments that name a directory or its
// parent.
func pathSegment(id string) string {
	if strings.Trim(id, ".") == "" {
		return strings.Repeat("%2E", len(id))
	}
	return url.PathEscape(id)
}

func (c *Client) resolve(path string, query url.Values) *url.URL {
	// path arrives escaped (ids go through pathSegment); keep both forms
	// so that an escaped "/" in an id stays part of the id.
	u := *c.baseURL
	u.RawPath = c.baseURL.EscapedPath() + path
	u.Path, _ = url.PathUnescape(u.RawPath)
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	// A call that names its own team context (teamId or slug) is made in
	// it instead of the client's.
	if c.teamParam != "" && !q.Has("teamId") && !q.Has("slug") {
		q.Set(c.teamParam, c.teamValue)
	}
	u.RawQuery = q.Encode()
	return &u
}

// MalformedAnswerError means a 2xx answer was not the JSON the endpoint
// promises: truncated, garbage, or missing its main field.
type MalformedAnswerError struct {
	Method, Path string
	Err          error
}

func (e *MalformedAnswerError) Error() string {
	return fmt.Sprintf("%s %s: the API answered with malformed JSON: %v", e.Method, e.Path, e.Err)
}

func (e *MalformedAnswerError) Unwrap() error { return e.Err }

func (c *Client) decode(method, path string, body []byte, out any) error {
	if out == nil {
		return nil
	}
	var err error
	if d, ok := out.(interface{ decodeAnswer([]byte) error }); ok {
		err = d.decodeAnswer(body)
	} else {
		err = json.Unmarshal(body, out)
	}
	if v, ok := out.(interface{ validate() error }); ok && err == nil {
		err = v.validate()
	}
	if err != nil {
		return c.malformed(method, path, err)
	}
	return nil
}

// malformed builds a *MalformedAnswerError whose cause is masked: a decoding
// error may quote what the server sent.
func (c *Client) malformed(method, path string, err error) *MalformedAnswerError {
	return &MalformedAnswerError{Method: method, Path: path, Err: c.secret.redactError(err)}
}
