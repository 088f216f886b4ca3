package emulator

import (
	"net/http"
	"testing"
	"time"
)

func TestRequestsNeedAValidBearerToken(t *testing.T) {
	f := fixtureWith(t, `{"id":"a","createdAt":3}`)
	f.Tokens = append(f.Tokens,
		[]byte(`{"id":"revoked","createdAt":2,"revokedAt":5}`),
		[]byte(`{"id":"expired","createdAt":1,"expiresAt":10}`))
	f.BearerTokens["revoked-secret"] = "revoked"
	f.BearerTokens["expired-secret"] = "expired"
	h := newHarness(t, f)
	for _, tc := range []struct {
		name, header string
	}{
		{"no header", ""},
		{"unknown secret", "Bearer nope"},
		{"wrong scheme", "Basic s3cret"},
		{"scheme only", "Bearer"},
		{"revoked token", "Bearer revoked-secret"},
		{"expired token", "Bearer expired-secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, target := range []string{"/v6/user/tokens", "/v5/user/tokens/a", "/v5/user/tokens/current"} {
				expectError(t, h.doWithHeader(tc.header, http.MethodGet, target, ""), http.StatusUnauthorized, "not_authenticated")
			}
		})
	}
	expectStatus(t, h.doWithHeader("bearer s3cret", http.MethodGet, "/v6/user/tokens", ""), http.StatusOK)
}

func TestTokenExpiryIsJudgedByTheServerClock(t *testing.T) {
	f := fixtureWith(t, `{"id":"a","createdAt":1,"expiresAt":5000}`)
	clock := time.UnixMilli(4000)
	h := newHarness(t, f, WithClock(func() time.Time { return clock }))
	expectStatus(t, h.get("/v5/user/tokens/current"), http.StatusOK)
	clock = time.UnixMilli(5000)
	expectError(t, h.get("/v5/user/tokens/current"), http.StatusUnauthorized, "not_authenticated")
}

func TestTeamContext(t *testing.T) {
	f := GenerateFixture(30, 1)
	h := newHarness(t, f)
	plain := h.get("/v6/user/tokens").Body.String()
	for _, tc := range []struct {
		query  string
		status int
	}{
		{"teamId=" + f.Teams[0].ID, http.StatusOK},
		{"slug=" + f.Teams[2].Slug, http.StatusOK},
		{"teamId=" + f.Teams[1].ID + "&slug=" + f.Teams[1].Slug, http.StatusOK},
		{"teamId=", http.StatusOK},
		{"teamId=team_unknown", http.StatusForbidden},
		{"slug=someone-else", http.StatusForbidden},
		{"teamId=" + f.Teams[0].ID + "&slug=" + f.Teams[1].Slug, http.StatusForbidden},
	} {
		t.Run(tc.query, func(t *testing.T) {
			for _, path := range []string{"/v6/user/tokens", "/v5/user/tokens/current"} {
				rec := h.get(path + "?" + tc.query)
				if tc.status == http.StatusForbidden {
					e := expectError(t, rec, http.StatusForbidden, "forbidden")
					if e.Error.Message != "Not authorized" {
						t.Fatalf("message %q", e.Error.Message)
					}
					continue
				}
				expectStatus(t, rec, http.StatusOK)
				if path == "/v6/user/tokens" && rec.Body.String() != plain {
					t.Fatal("team context changed the list")
				}
			}
		})
	}
}
