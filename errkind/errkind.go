// Package errkind gives the project's errors a stable, machine-readable
// kind, which each host maps to its own codes (a SQLSTATE, an exit status)
// without reading messages. Kinds survive the Steampipe SDK, which may hand
// errors over as text: the plugin writes its error's kind into the message
// (Marked), and the host reads it back (FromText). It imports nothing of the
// project, so the API client, the plugin and the engines can share it.
package errkind

import (
	"errors"
	"strings"
)

// Kind is what went wrong, in a word a program can switch on.
type Kind string

// The kinds. An error with none is a failure of another sort (a malformed
// answer, a bug) and hosts treat it as such.
const (
	// Unauthorized: no token, or the API refused it (HTTP 401).
	Unauthorized Kind = "unauthorized"
	// Forbidden: the token may not do this, or reach this team (HTTP 403).
	Forbidden Kind = "forbidden"
	// NotFound: the API says the resource does not exist (HTTP 404).
	NotFound Kind = "not_found"
	// RateLimited: the API's rate limit held after retrying (HTTP 429).
	RateLimited Kind = "rate_limited"
	// Unavailable: the API kept failing (HTTP 5xx) after retrying.
	Unavailable Kind = "unavailable"
	// BadConfig: the connection's config is invalid.
	BadConfig Kind = "bad_config"
	// PagingGuard: the API's paging would not end, so it was stopped.
	PagingGuard Kind = "paging_guard"
	// Timeout: no answer in time.
	Timeout Kind = "timeout"
)

var kinds = []Kind{Unauthorized, Forbidden, NotFound, RateLimited, Unavailable, BadConfig, PagingGuard, Timeout}

// Redacted stands in for a secret wherever a text would have shown it.
const Redacted = "[REDACTED]"

// kinded is an error that knows its kind.
type kinded interface{ Kind() Kind }

// Of is the kind of the first error in err's chain that has one, or "".
func Of(err error) Kind {
	var k kinded
	if errors.As(err, &k) {
		return k.Kind()
	}
	return ""
}

// Error is an error of a kind.
type Error struct {
	kind Kind
	err  error
}

// New gives err a kind; nil stays nil.
func New(kind Kind, err error) error {
	if err == nil {
		return nil
	}
	return &Error{kind: kind, err: err}
}

func (e *Error) Error() string { return e.err.Error() }
func (e *Error) Unwrap() error { return e.err }
func (e *Error) Kind() Kind    { return e.kind }

// markLead and markEnd enclose a kind in a message: "[error:timeout] …".
const (
	markLead = "[error:"
	markEnd  = "] "
)

// marked is an error whose message starts with its kind.
type marked struct {
	kind Kind
	err  error
}

func (m marked) Error() string { return markLead + string(m.kind) + markEnd + m.err.Error() }
func (m marked) Unwrap() error { return m.err }
func (m marked) Kind() Kind    { return m.kind }

// Marked writes err's kind at the start of its message, for a boundary that
// keeps only the text; an error without a kind, or already marked, is
// returned as it is.
func Marked(err error) error {
	kind := Of(err)
	if kind == "" || errors.As(err, new(marked)) {
		return err
	}
	return marked{kind: kind, err: err}
}

// FromText reads back an error that crossed a boundary as text: when its
// message holds a mark, the result shows the message without the mark and
// has the mark's kind, unless the error's chain still holds a kind (the
// boundary kept it), which wins. The chain stays reachable. A mark counts
// only where Marked puts it, at the start, or after the one prefix the SDK
// adds (the connection's name and ": "); anywhere else it is text, such as
// an API's message, which must not give an error a kind.
func FromText(err error) error {
	if err == nil {
		return err
	}
	msg := err.Error()
	start := markStart(msg)
	if start < 0 {
		return err
	}
	rest := msg[start+len(markLead):]
	for _, kind := range kinds {
		if after, ok := strings.CutPrefix(rest, string(kind)+markEnd); ok {
			if typed := Of(err); typed != "" {
				kind = typed
			}
			return &unmarked{msg: msg[:start] + after, kind: kind, err: err}
		}
	}
	return err
}

// markStart is where msg's mark starts, at 0 or after a connection-name
// prefix ("name: "), or -1.
func markStart(msg string) int {
	if strings.HasPrefix(msg, markLead) {
		return 0
	}
	name, rest, found := strings.Cut(msg, ": ")
	if !found || name == "" || strings.ContainsAny(name, " \t\n:[") || !strings.HasPrefix(rest, markLead) {
		return -1
	}
	return len(name) + len(": ")
}

// unmarked is an error read back by FromText.
type unmarked struct {
	msg  string
	kind Kind
	err  error
}

func (u *unmarked) Error() string { return u.msg }
func (u *unmarked) Unwrap() error { return u.err }
func (u *unmarked) Kind() Kind    { return u.kind }
