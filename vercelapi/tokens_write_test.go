package vercelapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// startEmulator serves a generated fixture and returns a client of its
// current token.
func startEmulator(t *testing.T, team string) (*Client, *emulator.Server, *emulator.Fixture, string) {
	t.Helper()
	f := emulator.GenerateFixture(5, 1)
	url, srv, stop, err := emulator.Start(f)
	require.NoError(t, err)
	t.Cleanup(stop)
	c, err := NewClient(Config{Token: f.Secret(), Team: team, BaseURL: url, Retry: fastRetry()})
	require.NoError(t, err)
	return c, srv, f, url
}

func TestCreateTokenSendsWhatVercelWants(t *testing.T) {
	c, srv, f, url := startEmulator(t, "")
	expiresAt := time.Now().Add(90 * 24 * time.Hour).Truncate(time.Millisecond)
	created, err := c.CreateToken(t.Context(), "ci deploy", expiresAt, f.Teams[0].Slug, "prj_123")
	require.NoError(t, err)

	assert.Equal(t, "ci deploy", created.Token.Name)
	assert.Equal(t, "prj_123", created.Token.ProjectID)
	require.NotNil(t, created.Token.ExpiresAt)
	assert.Equal(t, EpochMillis(expiresAt.UnixMilli()), *created.Token.ExpiresAt)
	require.Len(t, created.Token.Scopes, 1)
	assert.Equal(t, f.Teams[0].ID, created.Token.Scopes[0].TeamID, "created in the team context asked for")
	assert.False(t, created.Bearer.IsZero())

	sent := srv.RequestsTo(emulator.EndpointCreate)
	require.Len(t, sent, 1)
	assert.Equal(t, http.MethodPost, sent[0].Method)
	assert.Equal(t, f.Teams[0].Slug, sent[0].Query().Get("slug"))
	assert.JSONEq(t, fmt.Sprintf(`{"name":"ci deploy","expiresAt":%d,"projectId":"prj_123"}`, expiresAt.UnixMilli()), sent[0].Body)

	mine, err := NewClient(Config{Token: created.Bearer.Reveal(), BaseURL: url})
	require.NoError(t, err)
	current, err := mine.CurrentToken(t.Context())
	require.NoError(t, err, "the new secret authenticates")
	assert.Equal(t, created.Token.ID, current.ID)
}

func TestCreateTokenWithoutExpiryOrProject(t *testing.T) {
	c, srv, _, _ := startEmulator(t, "")
	created, err := c.CreateToken(t.Context(), "laptop", time.Time{}, "", "")
	require.NoError(t, err)
	assert.Nil(t, created.Token.ExpiresAt, "a zero expiresAt is a token that never expires")
	assert.JSONEq(t, `{"name":"laptop"}`, srv.RequestsTo(emulator.EndpointCreate)[0].Body)
}

func TestCreateTokenTeamContext(t *testing.T) {
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{"token":{"id":"t","name":"n","type":"authentication-token","activeAt":1,"createdAt":1},"bearerToken":"b"}`})
	c := newTestClient(t, srv.URL, "team_client")
	for team, want := range map[string]string{"": "teamId=team_client", "team_call": "teamId=team_call", "acme": "slug=acme"} {
		_, err := c.CreateToken(t.Context(), "n", time.Time{}, team, "")
		require.NoError(t, err)
		assert.Equal(t, want, srv.request(srv.count()-1).URL.RawQuery, "team %q: the call's own team replaces the client's", team)
	}
}

func TestCreateTokenRefusesBadInputBeforeAnyRequest(t *testing.T) {
	c, srv, _, _ := startEmulator(t, "")
	now := time.Now()
	for _, tc := range []struct {
		name      string
		tokenName string
		expiresAt time.Time
		field     string
	}{
		{"empty name", "", time.Time{}, "name"},
		{"blank name", " \t ", time.Time{}, "name"},
		{"expiry in the past", "n", now.Add(-time.Hour), "expiresAt"},
		{"expiry now", "n", now.Add(-time.Millisecond), "expiresAt"},
		{"expiry after year 9999", "n", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "expiresAt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateToken(t.Context(), tc.tokenName, tc.expiresAt, "", "")
			var invalid *InvalidArgumentError
			require.ErrorAs(t, err, &invalid)
			assert.Equal(t, tc.field, invalid.Field)
			assert.True(t, strings.HasPrefix(err.Error(), "CreateToken: "+tc.field+" "), err.Error())
		})
	}
	assert.Zero(t, srv.Count(emulator.EndpointCreate), "a refused call sends nothing")
}

func TestCreateTokenInATeamTheTokenCannotReach(t *testing.T) {
	c, srv, _, _ := startEmulator(t, "")
	_, err := c.CreateToken(t.Context(), "n", time.Time{}, "team_nobody", "")
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusForbidden, apiErr.StatusCode)
	assert.Equal(t, "team_nobody", apiErr.Team, "the error names the team the call asked for")
	assert.Equal(t, 1, srv.Count(emulator.EndpointCreate), "a 403 is not retried")
}

func TestCreateTokenTheAPIRefuses(t *testing.T) {
	c, srv, _, _ := startEmulator(t, "")
	srv.SetFaults(emulator.Faults{Statuses: []int{400}, OnlyOn: emulator.EndpointCreate})
	_, err := c.CreateToken(t.Context(), "n", time.Time{}, "", "")
	assert.Equal(t, http.StatusBadRequest, StatusOf(err))
	assert.Equal(t, 1, srv.Count(emulator.EndpointCreate), "a 400 is not retried")
}

func TestRevokeToken(t *testing.T) {
	c, srv, f, _ := startEmulator(t, "")
	var other string
	for _, raw := range f.Tokens {
		var tok struct{ ID string }
		require.NoError(t, json.Unmarshal(raw, &tok))
		if tok.ID != f.BearerTokens[f.Secret()] {
			other = tok.ID
			break
		}
	}

	r, err := c.RevokeToken(t.Context(), other)
	require.NoError(t, err)
	assert.Equal(t, Revocation{TokenID: other}, r)
	_, err = c.GetToken(t.Context(), other)
	assert.True(t, IsNotFound(err), "the revoked token is gone")

	r, err = c.RevokeToken(t.Context(), other)
	require.NoError(t, err, "revoking a token that is gone is not an error")
	assert.Equal(t, Revocation{TokenID: other, AlreadyGone: true}, r)

	r, err = c.RevokeToken(t.Context(), "..")
	require.NoError(t, err)
	assert.True(t, r.AlreadyGone)
	assert.Equal(t, "/v3/user/tokens/..", srv.RequestsTo(emulator.EndpointDelete)[2].Path, "the id reached the API whole")

	_, err = c.RevokeToken(t.Context(), "")
	var invalid *InvalidArgumentError
	require.ErrorAs(t, err, &invalid)
	assert.Len(t, srv.RequestsTo(emulator.EndpointDelete), 3, "exactly one DELETE per revoke")

	r, err = c.RevokeToken(t.Context(), CurrentTokenID)
	require.NoError(t, err)
	assert.Equal(t, Revocation{TokenID: f.BearerTokens[f.Secret()]}, r, "current is answered with the id it stood for")
	_, err = c.CurrentToken(t.Context())
	assert.Equal(t, http.StatusUnauthorized, StatusOf(err), "the client's own token no longer works")
}

func TestRevokeTokenFailures(t *testing.T) {
	for name, tc := range map[string]struct {
		answer cannedAnswer
		status int
	}{
		"a foreign 404 says nothing about the token": {cannedAnswer{status: 404, body: `<html>no such page</html>`}, 404},
		"a 404 with another code":                    {cannedAnswer{status: 404, body: `{"error":{"code":"deployment_not_found"}}`}, 404},
		"forbidden":                                  {cannedAnswer{status: 403, body: `{"error":{"code":"forbidden","message":"Not authorized"}}`}, 403},
		"unauthenticated":                            {cannedAnswer{status: 401, body: `{"error":{"message":"The bearer token is not valid"}}`}, 401},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, tc.answer)
			r, err := newTestClient(t, srv.URL, "").RevokeToken(t.Context(), "tok")
			assert.Equal(t, tc.status, StatusOf(err))
			assert.Equal(t, Revocation{}, r)
			assert.Equal(t, 1, srv.count())
		})
	}
	srv := newRecordingServer(t, cannedAnswer{status: 200, body: `{}`})
	_, err := newTestClient(t, srv.URL, "").RevokeToken(t.Context(), "tok")
	var malformed *MalformedAnswerError
	assert.ErrorAs(t, err, &malformed, "an answer without tokenId is not a revocation")
}

func TestCreateAndRevokeRetryRateLimitsAndServerErrors(t *testing.T) {
	for _, statuses := range [][]int{{429}, {500}, {502, 503}, {429, 500}} {
		t.Run(fmt.Sprint(statuses), func(t *testing.T) {
			c, srv, _, _ := startEmulator(t, "")
			srv.SetFaults(emulator.Faults{Statuses: statuses, RetryAfter: "0", OnlyOn: emulator.EndpointCreate})
			created, err := c.CreateToken(t.Context(), "retried", time.Time{}, "", "")
			require.NoError(t, err)
			creates := srv.RequestsTo(emulator.EndpointCreate)
			require.Len(t, creates, len(statuses)+1)
			for _, r := range creates {
				assert.JSONEq(t, `{"name":"retried"}`, r.Body, "every try sends the whole body")
			}

			srv.SetFaults(emulator.Faults{Statuses: statuses, RetryAfter: "0", OnlyOn: emulator.EndpointDelete})
			r, err := c.RevokeToken(t.Context(), created.Token.ID)
			require.NoError(t, err)
			assert.Equal(t, Revocation{TokenID: created.Token.ID}, r)
			assert.Len(t, srv.RequestsTo(emulator.EndpointDelete), len(statuses)+1)
		})
	}
}

func TestCreateAndRevokeGiveUpOnAStorm(t *testing.T) {
	for _, status := range []int{429, 500} {
		c, srv, _, _ := startEmulator(t, "")
		srv.SetFaults(emulator.Faults{AlwaysStatus: status, RetryAfter: "0"})
		_, err := c.CreateToken(t.Context(), "n", time.Time{}, "", "")
		assert.Equal(t, status, StatusOf(err))
		assert.Contains(t, err.Error(), "giving up after 3 attempts")
		_, err = c.RevokeToken(t.Context(), "tok")
		assert.Equal(t, status, StatusOf(err))
		assert.False(t, IsNotFound(err))
		assert.Equal(t, 3, srv.Count(emulator.EndpointCreate))
		assert.Equal(t, 3, srv.Count(emulator.EndpointDelete))
	}
}

func TestAFailedConnectionRetriesARevokeButNotACreate(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	accepted := make(chan struct{}, 100)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- struct{}{}
			conn.Close() // the request may have arrived: no answer
		}
	}()
	c := newTestClient(t, "http://"+ln.Addr().String(), "")
	_, err = c.CreateToken(t.Context(), "n", time.Time{}, "", "")
	require.Error(t, err)
	assert.Len(t, accepted, 1, "a create is never sent twice after a connection failed")
	for len(accepted) > 0 {
		<-accepted
	}
	_, err = c.RevokeToken(t.Context(), "tok")
	require.Error(t, err)
	assert.Len(t, accepted, 3, "a revoke is idempotent: retried")
}

func TestTheNewSecretNeverShowsWhenFormatted(t *testing.T) {
	const secret = "brand_new_secret_value_0123456789"
	created := &CreatedToken{Token: &AuthToken{ID: "t", Name: "n"}, Bearer: BearerToken{secret: secret}}
	var texts []string
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%50s"} {
		texts = append(texts, fmt.Sprintf(format, created), fmt.Sprintf(format, *created), fmt.Sprintf(format, created.Bearer))
	}
	encoded, err := json.Marshal(created)
	require.NoError(t, err)
	texts = append(texts, string(encoded), fmt.Sprint(created.Bearer))
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("created", "token", created, "bearer", created.Bearer)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("created", "token", created, "bearer", created.Bearer)
	texts = append(texts, logged.String())
	for _, text := range texts {
		assert.False(t, strings.Contains(text, secret), "the secret showed")
		assert.False(t, strings.Contains(text, fmt.Sprintf("%x", secret)), "the secret showed in hex")
	}
	assert.Contains(t, fmt.Sprintf("%+v", created), redacted)
	assert.Equal(t, secret, created.Bearer.Reveal())
}

func TestTheNewSecretNeverShowsInErrorsOrLogs(t *testing.T) {
	const secret = "brand_new_secret_value_0123456789"
	for name, body := range map[string]string{
		"a timestamp holding it":   `{"token":{"id":"t","name":"n","type":"x","activeAt":1,"createdAt":"` + secret + `"},"bearerToken":"` + secret + `"}`,
		"an id holding it, bad":    `{"token":{"id":"` + secret + `","expiresAt":"soon"},"bearerToken":"` + secret + `"}`,
		"no token id":              `{"token":{"name":"` + secret + `"},"bearerToken":"` + secret + `"}`,
		"no bearer token":          `{"token":{"id":"t"}}`,
		"no token":                 `{"bearerToken":"` + secret + `"}`,
		"token of the wrong shape": `{"token":"` + secret + `","bearerToken":"` + secret + `"}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRecordingServer(t, cannedAnswer{status: 200, body: body})
			c, logs := tracingClient(t, testToken, srv.URL)
			_, err := c.CreateToken(t.Context(), "n", time.Time{}, "", "")
			var malformed *MalformedAnswerError
			require.ErrorAs(t, err, &malformed)
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), logs.String()} {
				assert.False(t, strings.Contains(text, secret), "the new secret showed")
			}
		})
	}
}

func TestCreateAndRevokeNeverShowTheClientsToken(t *testing.T) {
	for _, status := range []int{400, 403, 404, 429, 500} {
		srv := echoingServer(t, status)
		c, logs := tracingClient(t, testToken, srv.URL)
		_, err := c.CreateToken(t.Context(), "n", time.Time{}, "", "")
		assertTokenAbsent(t, testToken, err, logs, fmt.Sprintf("create, %d", status))
		_, err = c.RevokeToken(t.Context(), testToken)
		assertTokenAbsent(t, testToken, err, logs, fmt.Sprintf("revoke of the token itself, %d", status))
	}
}
