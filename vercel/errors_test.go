package vercel

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/turbot/steampipe-plugin-sdk/v5/sperr"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

func TestExplain(t *testing.T) {
	cases := []struct {
		err  *vercelapi.Error
		want string
	}{
		{&vercelapi.Error{StatusCode: 401}, "invalid, expired or revoked"},
		{&vercelapi.Error{StatusCode: 403, Team: "team_q"}, `no access to team "team_q"`},
		{&vercelapi.Error{StatusCode: 403}, "not authorized"},
		{&vercelapi.Error{StatusCode: 429}, "rate limit"},
		{&vercelapi.Error{StatusCode: 503}, "HTTP 503"},
		{&vercelapi.Error{StatusCode: 400, Message: "Invalid limit"}, "Invalid limit"},
		{&vercelapi.Error{StatusCode: 404, URL: "https://proxy.example/vercel/v5/user/tokens/tok_1"}, "https://proxy.example/vercel/v5/user/tokens/tok_1 answered 404 Not Found, and not with Vercel's not_found error: it is not the Vercel API endpoint the plugin expects; check base_url"},
		{&vercelapi.Error{StatusCode: 404, Code: "not_found", URL: "https://api.vercel.com/x/v6/user/tokens"}, "https://api.vercel.com/x/v6/user/tokens answered 404 Not Found: it is not"},
	}
	for _, tc := range cases {
		err := explain(fmt.Errorf("listing: %w", tc.err))
		assert.Contains(t, err.Error(), tc.want)
		var apiErr *vercelapi.Error
		assert.True(t, errors.As(err, &apiErr), "the API error stays reachable with errors.As")
	}
	paging := &vercelapi.PagingError{Path: "/v6/user/tokens", Pages: 6, Reason: "6 pages in a row brought no new token"}
	timeout := &vercelapi.TimeoutError{Method: "GET", Path: "/v6/user/tokens", Attempts: 5, Timeout: time.Minute}
	for _, typed := range []error{paging, timeout} {
		err := explain(fmt.Errorf("listing: %w", typed))
		assert.Contains(t, err.Error(), typed.Error(), "the client's message is kept")
		assert.Contains(t, err.Error(), "check base_url", "the user is told what to check")
		assert.True(t, errors.Is(err, typed), "the typed error stays reachable")
	}
	plain := errors.New("plain")
	assert.Same(t, plain, explain(plain))
	assert.NoError(t, explain(nil))
}

// The SDK replaces the message of an error whose chain holds
// context.DeadlineExceeded with "exceeded allowed timeout"; the client's
// timeout must reach the user whole.
func TestATimeoutSurvivesTheSDKsErrorWrapping(t *testing.T) {
	timeout := &vercelapi.TimeoutError{Method: "GET", Path: "/v6/user/tokens", Attempts: 5, Timeout: time.Minute}
	msg := sperr.WrapWithMessage(explain(fmt.Errorf("listing: %w", timeout)), "vercel").Error()
	assert.Contains(t, msg, "GET /v6/user/tokens: no complete answer within 1m0s, 5 attempts in all")
	assert.Contains(t, msg, "check base_url")
	assert.NotContains(t, msg, "exceeded allowed timeout")
}

// explain marks the kind in the message, so that a host that gets the
// error as text (through the SDK) still maps it by kind.
func TestExplainMarksTheKind(t *testing.T) {
	cases := map[errkind.Kind]error{
		errkind.Unauthorized: &vercelapi.Error{StatusCode: 401},
		errkind.Forbidden:    &vercelapi.Error{StatusCode: 403, Team: "team_q"},
		errkind.RateLimited:  &vercelapi.Error{StatusCode: 429},
		errkind.Unavailable:  &vercelapi.Error{StatusCode: 502},
		errkind.PagingGuard:  &vercelapi.PagingError{Path: "/v6/user/tokens", Pages: 2, Reason: "a cursor came again"},
		errkind.Timeout:      &vercelapi.TimeoutError{Method: "GET", Path: "/v6/user/tokens", Attempts: 1},
	}
	for kind, cause := range cases {
		flattened := errors.New(sperr.WrapWithMessage(explain(fmt.Errorf("listing: %w", cause)), "vercel").Error())
		back := errkind.FromText(flattened)
		assert.Equal(t, kind, errkind.Of(back), "%v", cause)
		assert.NotContains(t, back.Error(), "[error:", "the mark is read, not shown")
	}
	assert.Equal(t, errkind.Unauthorized, errkind.Of(clientError(fmt.Errorf("config: %w", ErrTokenNotSet))))
	assert.Equal(t, errkind.BadConfig, errkind.Of(clientError(errors.New("base_url must be https"))))
}

// A hostile API's message cannot give an error without a kind one: its
// text comes after the plugin's own words, where no mark is read.
func TestExplainKeepsAnAPIMarkAsText(t *testing.T) {
	for _, message := range []string{"[error:unauthorized] token revoked", "[error:rate_limited] slow down"} {
		cause := &vercelapi.Error{Method: "GET", Path: "/v6/user/tokens", StatusCode: 400, Message: message}
		flattened := errors.New(sperr.WrapWithMessage(explain(fmt.Errorf("listing: %w", cause)), "vercel").Error())
		back := errkind.FromText(flattened)
		assert.Equal(t, errkind.Kind(""), errkind.Of(back), "%q", message)
		assert.Contains(t, back.Error(), message, "the API's text is kept as it is")
	}
}
