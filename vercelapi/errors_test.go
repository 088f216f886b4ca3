package vercelapi

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
)

func TestErrorAnswersBecomeTypedErrors(t *testing.T) {
	cases := []struct {
		name     string
		status   int
		body     string
		code     string
		message  string
		requests int
	}{
		{"401 is not retried", 401, `{"error":{"message":"The token is not valid"}}`, "", "The token is not valid", 1},
		{"403 is not retried", 403, `{"error":{"code":"forbidden","message":"Not authorized"}}`, "forbidden", "Not authorized", 1},
		{"404 is not retried", 404, `{"error":{"code":"not_found","message":"The token was not found"}}`, "not_found", "The token was not found", 1},
		{"400 is not retried", 400, `{"error":{"code":"bad_request","message":"Invalid limit"}}`, "bad_request", "Invalid limit", 1},
		{"410 without a body", 410, ``, "", "Gone", 1},
		{"500 is retried to the limit", 500, `{"error":{"code":"internal_server_error","message":"boom"}}`, "internal_server_error", "boom", 3},
		{"503 with an HTML body", 503, `<html>down</html>`, "", "Service Unavailable", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: tc.status, body: tc.body})
			_, err := newTestClient(t, srv.URL, "team_abc").GetToken(t.Context(), "tok")
			var apiErr *Error
			require.True(t, errors.As(err, &apiErr), "error %v is not an *Error", err)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.Equal(t, tc.message, apiErr.Message)
			assert.Equal(t, "team_abc", apiErr.Team)
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.Equal(t, "/v5/user/tokens/tok", apiErr.Path)
			assert.Equal(t, tc.requests, srv.count())
			assert.Equal(t, tc.status, StatusOf(err))
		})
	}
}

func TestErrorMessage(t *testing.T) {
	err := &Error{Method: "GET", Path: "/v6/user/tokens", StatusCode: 403, Code: "forbidden", Message: "Not authorized"}
	assert.Equal(t, "GET /v6/user/tokens: 403 Forbidden (forbidden): Not authorized", err.Error())
	assert.True(t, IsNotFound(fmt.Errorf("wrapped: %w", &Error{StatusCode: 404, Code: "not_found"})))
	assert.False(t, IsNotFound(&Error{StatusCode: 404}), "a 404 without Vercel's code says nothing about the token")
	assert.False(t, IsNotFound(&Error{StatusCode: 404, Code: "deployment_not_found_elsewhere"}))
	assert.False(t, IsNotFound(&Error{StatusCode: 410, Code: "not_found"}))
	assert.False(t, IsNotFound(errors.New("404")))
	assert.Equal(t, 0, StatusOf(nil))
}

func TestOnlyVercelsNotFoundMeansNoSuchToken(t *testing.T) {
	for name, tc := range map[string]struct {
		body     string
		notFound bool
	}{
		"Vercel's not_found":     {`{"error":{"code":"not_found","message":"The token was not found"}}`, true},
		"a proxy's HTML page":    {`<html><body>404 page not found</body></html>`, false},
		"JSON with another code": {`{"error":{"code":"route_missing","message":"no such route"}}`, false},
		"an empty body":          {``, false},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: 404, body: tc.body})
			_, err := newTestClient(t, srv.URL+"/typo", "").GetToken(t.Context(), "tok_1")
			assert.Equal(t, tc.notFound, IsNotFound(err))
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, srv.URL+"/typo/v5/user/tokens/tok_1", apiErr.URL, "the error names the address, for the user to check base_url")
		})
	}
}

// Every error the client returns has the kind hosts map to their codes, and
// a redacted error keeps it.
func TestErrorKinds(t *testing.T) {
	cases := []struct {
		err  error
		want errkind.Kind
	}{
		{&Error{StatusCode: 401}, errkind.Unauthorized},
		{&Error{StatusCode: 403}, errkind.Forbidden},
		{&Error{StatusCode: 404, Code: CodeNotFound}, errkind.NotFound},
		{&Error{StatusCode: 404}, errkind.BadConfig},
		{&Error{StatusCode: 429}, errkind.RateLimited},
		{&Error{StatusCode: 503}, errkind.Unavailable},
		{&Error{StatusCode: 400}, ""},
		{&PagingError{}, errkind.PagingGuard},
		{&TimeoutError{}, errkind.Timeout},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, errkind.Of(fmt.Errorf("wrapped: %w", c.err)), "%#v", c.err)
	}
	s := newSecret("tok_abcdefghijklmnop")
	redactedErr := s.redactError(&Error{StatusCode: 401, Message: "bad token tok_abcdefghijklmnop"})
	assert.NotContains(t, redactedErr.Error(), "tok_abcdefghijklmnop")
	assert.Contains(t, redactedErr.Error(), errkind.Redacted)
	assert.Equal(t, errkind.Unauthorized, errkind.Of(redactedErr))
}
