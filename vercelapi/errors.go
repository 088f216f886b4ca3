package vercelapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
)

// Error is an error answer from the Vercel API. Callers inspect it with
// errors.As; the status and Vercel's error code are the contract, the
// message is for people.
type Error struct {
	// Method and Path identify the request; URL is the address it went to
	// (scheme://host/path, no query). Neither holds the token.
	Method string
	Path   string
	URL    string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is Vercel's error.code, e.g. "forbidden"; "" when the body had none.
	Code string
	// Message is Vercel's error.message, or the HTTP status text.
	Message string
	// Team is the team context the request was made in, if any.
	Team string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Message != "" && e.Message != http.StatusText(e.StatusCode) {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	return b.String()
}

// Kind is the error's kind, by its HTTP status; "" for a status no kind
// names. A 404 that is not Vercel's not_found comes from something that is
// not the API: the base_url is wrong.
func (e *Error) Kind() errkind.Kind {
	switch {
	case e.StatusCode == http.StatusUnauthorized:
		return errkind.Unauthorized
	case e.StatusCode == http.StatusForbidden:
		return errkind.Forbidden
	case e.StatusCode == http.StatusNotFound && e.Code == CodeNotFound:
		return errkind.NotFound
	case e.StatusCode == http.StatusNotFound:
		return errkind.BadConfig
	case e.StatusCode == http.StatusTooManyRequests:
		return errkind.RateLimited
	case e.StatusCode >= 500:
		return errkind.Unavailable
	default:
		return ""
	}
}

// StatusOf returns the HTTP status of an *Error in err's chain, or 0.
func StatusOf(err error) int {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// CodeNotFound is Vercel's error code for a resource that does not exist.
const CodeNotFound = "not_found"

// IsNotFound reports whether err is Vercel's own answer that the resource
// does not exist: a 404 whose error code is "not_found". Any other 404 (a
// proxy's HTML page, a base_url with a wrong path) is not: it says nothing
// about the resource.
func IsNotFound(err error) bool {
	var apiErr *Error
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound && apiErr.Code == CodeNotFound
}

// errorBody is Vercel's error envelope: {"error": {"code", "message", …}}.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// maxMessageBytes bounds how much of a server's error message an *Error
// keeps; Vercel's messages are one sentence.
const maxMessageBytes = 1024

// newError reads an error answer; what the server wrote is masked, since a
// server may echo the request's Authorization header, then shortened. When
// ctx ends while a long body is masked, the message is the status text and
// the caller reports ctx's error.
func (c *Client) newError(ctx context.Context, r shownRequest, status int, body []byte) *Error {
	e := &Error{Method: r.method, Path: r.path, URL: r.url, StatusCode: status, Team: r.team}
	var parsed errorBody
	if json.Unmarshal(body, &parsed) == nil {
		code, codeErr := c.secret.redactContext(ctx, parsed.Error.Code)
		message, messageErr := c.secret.redactContext(ctx, parsed.Error.Message)
		if codeErr == nil && messageErr == nil {
			e.Code, e.Message = shortenTo(code, maxCodeBytes), shortenTo(message, maxMessageBytes)
		}
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// PagingError means the API's paging would not end: it gave a cursor it had
// already given, or broke one of the bounds no real token list comes near
// (see MaxPages). The list stops rather than run on.
type PagingError struct {
	Path   string
	Pages  int
	Reason string
}

// Kind is errkind.PagingGuard.
func (e *PagingError) Kind() errkind.Kind { return errkind.PagingGuard }

func (e *PagingError) Error() string {
	return fmt.Sprintf("GET %s: stopped paging after %d pages: %s", e.Path, e.Pages, e.Reason)
}

// maxCodeBytes bounds the server's texts an error quotes whole: an error
// code, an id, a cursor, a header's value.
const maxCodeBytes = 64

// shorten keeps an error message readable whatever a server sent. Whoever
// masks the token in s does so before: a cut token would not be found.
func shorten(s string) string {
	return shortenTo(s, maxCodeBytes)
}

func shortenTo(s string, keep int) string {
	if len(s) <= keep {
		return s
	}
	return fmt.Sprintf("%s… (%d bytes)", strings.ToValidUTF8(s[:keep], ""), len(s))
}

// TimeoutError means no try of a request got a complete answer in time. It
// does not wrap context.DeadlineExceeded: that error stands for the
// caller's own deadline, and hosts rewrite it into a bare "timeout".
type TimeoutError struct {
	Method, Path string
	// Attempts is how many tries timed out, the last one included.
	Attempts int
	// Timeout is the limit of one try; 0 when the HTTP client sets none.
	Timeout time.Duration
}

// Kind is errkind.Timeout.
func (e *TimeoutError) Kind() errkind.Kind { return errkind.Timeout }

func (e *TimeoutError) Error() string {
	within := "in time"
	if e.Timeout > 0 {
		within = "within " + e.Timeout.String()
	}
	attempts := "1 attempt"
	if e.Attempts != 1 {
		attempts = fmt.Sprintf("%d attempts", e.Attempts)
	}
	return fmt.Sprintf("%s %s: no complete answer %s, %s in all: the API, or the network to it, is slow or down; try again later", e.Method, e.Path, within, attempts)
}

// isTimeout tells a try that ran out of time; the caller's own context is
// checked before.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout())
}
