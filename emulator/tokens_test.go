package emulator

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGetToken(t *testing.T) {
	token := `{"id":"a","name":"laptop cli","type":"authentication-token","scopes":[{"type":"team","teamId":"team_a","createdAt":1},{"type":"project","projectId":"prj_x","createdAt":1}],"future":{"nested":[1,2]},"createdAt":1,"activeAt":2}`
	h := newHarness(t, fixtureWith(t, token))
	rec := h.get("/v5/user/tokens/a")
	expectStatus(t, rec, http.StatusOK)
	if want := `{"token":` + token + `}`; rec.Body.String() != want {
		t.Fatalf("token was not passed through:\n got %s\nwant %s", rec.Body, want)
	}
	expectError(t, h.get("/v5/user/tokens/missing"), http.StatusNotFound, "not_found")
}

func TestCurrentIsTheTokenTheSecretStandsFor(t *testing.T) {
	f := GenerateFixture(40, 3)
	h := newHarness(t, f)
	ans := decodeAs[tokenAnswer](t, h.get("/v5/user/tokens/current"))
	if ans.Token["id"] != f.BearerTokens[f.Secret()] {
		t.Fatalf("current = %v, want %s", ans.Token["id"], f.BearerTokens[f.Secret()])
	}
	if h.srv.Count(EndpointCurrent) != 1 || h.srv.Count(EndpointGet) != 0 {
		t.Fatal("current was not counted as current")
	}
}

func TestCreateThenAuthenticateWithTheNewSecret(t *testing.T) {
	f := GenerateFixture(10, 1)
	now := time.UnixMilli(FixtureEpoch().UnixMilli())
	h := newHarness(t, f, WithClock(func() time.Time { return now }))

	rec := h.do(http.MethodPost, "/v3/user/tokens", `{"name":"new deploy key","expiresAt":1900000000000,"projectId":"prj_abc"}`)
	expectStatus(t, rec, http.StatusOK)
	created := decodeAs[createdAnswer](t, rec)
	tok := created.Token
	if tok["name"] != "new deploy key" || tok["type"] != "authentication-token" || tok["projectId"] != "prj_abc" ||
		tok["expiresAt"] != float64(1900000000000) || len(tok["id"].(string)) != 64 || created.BearerToken == "" {
		t.Fatalf("created %s", rec.Body)
	}
	if tokenJSONText, _ := json.Marshal(tok); strings.Contains(string(tokenJSONText), created.BearerToken) {
		t.Fatal("the token metadata contains its secret")
	}

	mine := decodeAs[tokenAnswer](t, h.doAs(created.BearerToken, http.MethodGet, "/v5/user/tokens/current", ""))
	if mine.Token["id"] != tok["id"] {
		t.Fatalf("new secret authenticates as %v, want %v", mine.Token["id"], tok["id"])
	}
	list := decodeAs[listAnswer](t, h.get("/v6/user/tokens?limit=1"))
	if list.Tokens[0]["id"] != tok["id"] {
		t.Fatal("the new token is not the newest in the list")
	}

	second := decodeAs[tokenAnswer](t, h.do(http.MethodPost, "/v3/user/tokens", `{"name":"same millisecond"}`))
	if second.Token["createdAt"] == tok["createdAt"] {
		t.Fatal("two tokens created in the same millisecond share createdAt")
	}
}

func TestCreateWithTeamContextScopesTheTokenToTheTeam(t *testing.T) {
	f := GenerateFixture(10, 1)
	h := newHarness(t, f)
	ans := decodeAs[tokenAnswer](t, h.do(http.MethodPost, "/v3/user/tokens?slug="+f.Teams[1].Slug, `{"name":"team key"}`))
	scopes := ans.Token["scopes"].([]any)
	scope := scopes[0].(map[string]any)
	if len(scopes) != 1 || scope["type"] != "team" || scope["teamId"] != f.Teams[1].ID {
		t.Fatalf("scopes = %v", scopes)
	}
}

func TestCreateRejectsBadBodies(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	for _, body := range []string{"", "not json", "[]", "null", `{}`, `{"name":""}`, `{"name":42}`, `{"name":"x","expiresAt":"tomorrow"}`, `{"name":"x","expiresAt":1.5}`} {
		t.Run(body, func(t *testing.T) {
			expectError(t, h.do(http.MethodPost, "/v3/user/tokens", body), http.StatusBadRequest, "bad_request")
		})
	}
	if n := len(decodeAs[listAnswer](t, h.get("/v6/user/tokens")).Tokens); n != 5 {
		t.Fatalf("%d tokens after failed creates, want 5", n)
	}
}

func TestDeleteToken(t *testing.T) {
	f := fixtureWith(t, `{"id":"me","createdAt":3}`, `{"id":"other","createdAt":2}`)
	h := newHarness(t, f)

	rec := h.do(http.MethodDelete, "/v3/user/tokens/other", "")
	expectStatus(t, rec, http.StatusOK)
	if rec.Body.String() != `{"tokenId":"other"}` {
		t.Fatalf("answer %s", rec.Body)
	}
	expectError(t, h.get("/v5/user/tokens/other"), http.StatusNotFound, "not_found")
	expectError(t, h.do(http.MethodDelete, "/v3/user/tokens/other", ""), http.StatusNotFound, "not_found")
	if n := decodeAs[listAnswer](t, h.get("/v6/user/tokens")).Pagination.Count; n != 1 {
		t.Fatalf("%d tokens left, want 1", n)
	}

	expectStatus(t, h.do(http.MethodDelete, "/v3/user/tokens/current", ""), http.StatusOK)
	expectError(t, h.get("/v6/user/tokens"), http.StatusUnauthorized, "not_authenticated")
	if len(f.Tokens) != 2 {
		t.Fatal("deleting changed the fixture")
	}
}

func TestUnknownPathsAndMethods(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	for _, tc := range []struct {
		method, target string
		status         int
		code, allow    string
	}{
		{http.MethodGet, "/v2/user/tokens", http.StatusNotFound, "not_found", ""},
		{http.MethodGet, "/v6/user/tokens/abc", http.StatusNotFound, "not_found", ""},
		{http.MethodGet, "/v5/user/tokens/a/b", http.StatusNotFound, "not_found", ""},
		{http.MethodGet, "/v6/user/tokens/", http.StatusNotFound, "not_found", ""},
		{http.MethodPost, "/v6/user/tokens", http.StatusMethodNotAllowed, "method_not_allowed", "GET"},
		{http.MethodGet, "/v3/user/tokens", http.StatusMethodNotAllowed, "method_not_allowed", "POST"},
		{http.MethodDelete, "/v5/user/tokens/abc", http.StatusMethodNotAllowed, "method_not_allowed", "GET"},
		{http.MethodGet, "/v3/user/tokens/abc", http.StatusMethodNotAllowed, "method_not_allowed", "DELETE"},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			rec := h.do(tc.method, tc.target, "")
			expectError(t, rec, tc.status, tc.code)
			if rec.Header().Get("Allow") != tc.allow {
				t.Fatalf("Allow = %q, want %q", rec.Header().Get("Allow"), tc.allow)
			}
		})
	}
	if got := h.srv.Count(EndpointOther); got != 8 {
		t.Fatalf("other = %d, want 8", got)
	}
}

func TestEveryAnswerCarriesJSONAndRateLimitHeaders(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	h := newHarness(t, GenerateFixture(5, 1), WithClock(func() time.Time { return now }))
	for i, target := range []string{"/v6/user/tokens", "/v6/user/tokens", "/v5/user/tokens/nope", "/nowhere"} {
		rec := h.get(target)
		hdr := rec.Header()
		if hdr.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: Content-Type %q", target, hdr.Get("Content-Type"))
		}
		if !json.Valid(rec.Body.Bytes()) || hdr.Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Fatalf("%s: body %q, Content-Length %s", target, rec.Body, hdr.Get("Content-Length"))
		}
		if hdr.Get("X-RateLimit-Limit") != "1000" || hdr.Get("X-RateLimit-Reset") != "1800000060" {
			t.Fatalf("%s: rate-limit headers %v", target, hdr)
		}
		if i == 1 && hdr.Get("X-RateLimit-Remaining") != "998" {
			t.Fatalf("second list: remaining %q, want 998", hdr.Get("X-RateLimit-Remaining"))
		}
	}
}

func TestTokenIDsAreReadFromTheEscapedPath(t *testing.T) {
	f := fixtureWith(t, `{"id":"me","createdAt":5}`, `{"id":"a/b","createdAt":4}`, `{"id":"..","createdAt":3}`, `{"id":"a?b%","createdAt":2}`)
	h := newHarness(t, f)
	for id, path := range map[string]string{"a/b": "a%2Fb", "..": "%2E%2E", "a?b%": "a%3Fb%25"} {
		ans := decodeAs[tokenAnswer](t, h.get("/v5/user/tokens/"+path))
		if ans.Token["id"] != id {
			t.Fatalf("GET …/%s answered %v, want the token %q", path, ans.Token["id"], id)
		}
	}
	expectError(t, h.get("/v5/user/tokens/a/b"), http.StatusNotFound, "not_found")
	rec := h.do(http.MethodDelete, "/v3/user/tokens/%2E%2E", "")
	expectStatus(t, rec, http.StatusOK)
	if rec.Body.String() != `{"tokenId":".."}` {
		t.Fatalf("answer %s", rec.Body)
	}
}
