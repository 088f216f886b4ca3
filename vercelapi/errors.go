package vercelapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Error is an error answer from the Vercel API. Callers inspect it with
// errors.As; the status and Vercel's error code are the contract, the
// message is for people.
type Error struct {
	// Method and Path identify the request (the path never holds the token).
	Method string
	Path   string
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

// StatusOf returns the HTTP status of an *Error in err's chain, or 0.
func StatusOf(err error) int {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// IsNotFound reports whether err is a 404 answer.
func IsNotFound(err error) bool { return StatusOf(err) == http.StatusNotFound }

// errorBody is Vercel's error envelope: {"error": {"code", "message", …}}.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// newError reads an error answer; what the server wrote is masked, since a
// server may echo the request's Authorization header.
func (c *Client) newError(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, StatusCode: status, Team: c.teamValue}
	var parsed errorBody
	if json.Unmarshal(body, &parsed) == nil {
		e.Code = c.secret.redact(parsed.Error.Code)
		e.Message = c.secret.redact(parsed.Error.Message)
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

func (e *PagingError) Error() string {
	return fmt.Sprintf("GET %s: stopped paging after %d pages: %s", e.Path, e.Pages, e.Reason)
}

// shorten keeps an error message readable whatever a server sent.
func shorten(s string) string {
	const keep = 64
	if len(s) <= keep {
		return s
	}
	return fmt.Sprintf("%s… (%d bytes)", strings.ToValidUTF8(s[:keep], ""), len(s))
}
