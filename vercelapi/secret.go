package vercelapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/go-hclog"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
)

// redacted stands in for the token wherever a text would have shown it.
const redacted = errkind.Redacted

// secret is what the client knows of its token: how to put it in a request
// and how to mask it in a text. It holds the token in closures rather than
// fields, so that nothing that formats a Client (%v, %#v, a panic) can print
// it. Its masker is built once, with the client.
type secret struct {
	authorize func(http.Header)
	// redactContext masks the token in a text of any size, giving up with
	// ctx's error when ctx ends first: for what a server sent.
	redactContext func(ctx context.Context, s string) (string, error)
	// shows reports whether a text holds the token.
	shows func(string) bool
}

func newSecret(token string) secret {
	// A server may echo the token in any of the forms it travels or is
	// quoted in: raw (also inside "Bearer …"), escaped in a URL, or in JSON.
	quoted, _ := json.Marshal(token)
	m := newMasker([]string{token, url.PathEscape(token), url.QueryEscape(token), strings.Trim(string(quoted), `"`)})
	return secret{
		authorize:     func(h http.Header) { h.Set("Authorization", "Bearer "+token) },
		redactContext: func(ctx context.Context, s string) (string, error) { return m.mask(ctx, s, redacted) },
		shows:         m.shows,
	}
}

// redact masks the token in a text the client made itself, or one already
// bounded: a path, a header's shortened value, an error's message.
func (s secret) redact(text string) string {
	masked, _ := s.redactContext(context.Background(), text)
	return masked
}

// redactError returns err unchanged when no way of printing it, or any error
// in its chain, shows the token. Otherwise it returns an error with the same
// text, the token masked, whose chain no longer holds the original: nothing
// a caller does with it (errors.As, %#v) can reach the token.
func (s secret) redactError(err error) error {
	if err == nil || !s.showsIn(err) {
		return err
	}
	return &redactedError{msg: s.redact(err.Error()), kind: errkind.Of(err)}
}

func (s secret) showsIn(err error) bool {
	shows := s.shows
	if shows(fmt.Sprintf("%+v", err)) {
		return true
	}
	queue := []error{err}
	for len(queue) > 0 {
		e := queue[0]
		queue = queue[1:]
		if e == nil {
			continue
		}
		if shows(e.Error()) || shows(fmt.Sprintf("%#v", e)) {
			return true
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			queue = append(queue, u.Unwrap())
		case interface{ Unwrap() []error }:
			queue = append(queue, u.Unwrap()...)
		}
	}
	return false
}

// redactedError replaces an error whose chain held the token; it keeps the
// original's kind, which holds no text.
type redactedError struct {
	msg  string
	kind errkind.Kind
}

func (e *redactedError) Error() string      { return e.msg }
func (e *redactedError) Kind() errkind.Kind { return e.kind }

// log writes one line through the client's logger with every string and
// error value masked: the one way the client logs.
func (c *Client) log(level hclog.Level, msg string, args ...any) {
	masked := make([]any, len(args))
	for i, arg := range args {
		switch v := arg.(type) {
		case string:
			masked[i] = c.secret.redact(v)
		case error:
			masked[i] = c.secret.redact(v.Error())
		default:
			masked[i] = v
		}
	}
	c.logger.Log(level, msg, masked...)
}

// ErrTokenHasControlCharacter is returned by NewClient for a token holding a
// newline or another control character: no HTTP header can carry it.
var ErrTokenHasControlCharacter = errors.New("vercelapi: the API token contains a line break or another control character, so it cannot be sent; copy the token again (a Vercel token is one line of letters and digits)")

// MaxTokenBytes is the longest API token a client takes. Vercel's tokens are
// a few dozen characters; a value far longer is something else pasted by
// mistake, and would cost every request and every masked text its length.
const MaxTokenBytes = 1024

// TokenTooLongError refuses a token longer than MaxTokenBytes. It tells the
// token's length, never the token.
type TokenTooLongError struct {
	Bytes int
}

func (e *TokenTooLongError) Error() string {
	return fmt.Sprintf("the API token is %d bytes long, more than the %d bytes this client accepts (Vercel's tokens are a few dozen characters): check that the value is the token itself, copied again from Vercel's dashboard", e.Bytes, MaxTokenBytes)
}

// CheckTokenLength returns a *TokenTooLongError for a token longer than
// MaxTokenBytes, else nil.
func CheckTokenLength(token string) error {
	if len(token) > MaxTokenBytes {
		return &TokenTooLongError{Bytes: len(token)}
	}
	return nil
}
