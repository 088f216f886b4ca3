package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCreateWantsAnExpiryInTheFuture(t *testing.T) {
	now := FixtureEpoch()
	h := newHarness(t, GenerateFixture(3, 1), WithClock(func() time.Time { return now }))
	for name, expiresAt := range map[string]int64{
		"in the past": now.Add(-time.Hour).UnixMilli(),
		"now":         now.UnixMilli(),
		"zero":        0,
		"negative":    -1,
	} {
		t.Run(name, func(t *testing.T) {
			rec := h.do(http.MethodPost, "/v3/user/tokens", `{"name":"x","expiresAt":`+strconv.FormatInt(expiresAt, 10)+`}`)
			if e := expectError(t, rec, http.StatusBadRequest, "bad_request"); !strings.Contains(e.Error.Message, "`expiresAt` must be in the future") {
				t.Fatalf("message %q", e.Error.Message)
			}
		})
	}
	expectStatus(t, h.do(http.MethodPost, "/v3/user/tokens", `{"name":"x","expiresAt":`+strconv.FormatInt(now.Add(time.Millisecond).UnixMilli(), 10)+`}`), http.StatusOK)
	if n := decodeAs[listAnswer](t, h.get("/v6/user/tokens")).Pagination.Count; n != 4 {
		t.Fatalf("%d tokens, want the 3 of the fixture and the one created", n)
	}
}

func TestCreateAndRevokeInATeamTheCallerCannotReachAreForbidden(t *testing.T) {
	h := newHarness(t, scopedFixture(t, map[string]string{
		"team-a": `[{"type":"team","teamId":"team_a","createdAt":1}]`,
		"victim": `[{"type":"team","teamId":"team_b","createdAt":1}]`,
	}))
	for _, query := range []string{"teamId=team_b", "slug=beta", "teamId=team_unknown"} {
		expectError(t, h.doAs("team-a", http.MethodPost, "/v3/user/tokens?"+query, `{"name":"x"}`), http.StatusForbidden, "forbidden")
		expectError(t, h.doAs("team-a", http.MethodDelete, "/v3/user/tokens/victim?"+query, ""), http.StatusForbidden, "forbidden")
	}
	if n := decodeAs[listAnswer](t, h.doAs("team-a", http.MethodGet, "/v6/user/tokens", "")).Pagination.Count; n != 2 {
		t.Fatalf("%d tokens after forbidden calls, want the 2 there were", n)
	}
	expectStatus(t, h.doAs("victim", http.MethodGet, "/v5/user/tokens/current", ""), http.StatusOK)
}

func TestARevokedTokenIsGoneEverywhere(t *testing.T) {
	f := fixtureWith(t, `{"id":"me","createdAt":3}`, `{"id":"other","createdAt":2}`)
	f.BearerTokens["other-secret"] = "other"
	h := newHarness(t, f)
	h.secret = "s3cret" // the token "me"
	expectStatus(t, h.do(http.MethodDelete, "/v3/user/tokens/other", ""), http.StatusOK)
	for _, tok := range decodeAs[listAnswer](t, h.get("/v6/user/tokens")).Tokens {
		if tok["id"] == "other" {
			t.Fatal("a revoked token is still listed")
		}
	}
	expectError(t, h.get("/v5/user/tokens/other"), http.StatusNotFound, "not_found")
	expectError(t, h.do(http.MethodDelete, "/v3/user/tokens/other", ""), http.StatusNotFound, "not_found")
	expectError(t, h.doAs("other-secret", http.MethodGet, "/v5/user/tokens/current", ""), http.StatusUnauthorized, "not_authenticated")
	if got := len(h.srv.RequestsTo(EndpointDelete)); got != 2 {
		t.Fatalf("%d DELETEs recorded, want 2", got)
	}
}
