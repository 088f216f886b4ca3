package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

type teamsAnswer struct {
	Teams      []map[string]json.RawMessage `json:"teams"`
	Pagination struct {
		Count int             `json:"count"`
		Next  json.RawMessage `json:"next"`
	} `json:"pagination"`
}

func stringOf(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%s is not a string", raw)
	}
	return s
}

func TestGeneratedTeamsAreTheScopedTeamsPlusOneLeft(t *testing.T) {
	f := GenerateFixture(300, 1)
	scoped := map[string]bool{}
	for _, raw := range f.Tokens {
		var tok struct {
			Scopes []struct{ Type, TeamID string }
		}
		_ = json.Unmarshal(raw, &tok)
		for _, s := range tok.Scopes {
			if s.Type == "team" {
				scoped[s.TeamID] = true
			}
		}
	}
	if len(f.LeftTeams) != 1 {
		t.Fatalf("left teams = %v, want one", f.LeftTeams)
	}
	for _, team := range f.Teams {
		if !scoped[team.ID] {
			t.Errorf("team %s: no token's scope names it", team.Slug)
		}
	}
	if scoped[f.LeftTeams[0].ID] {
		t.Error("a token's scope names the team the user left")
	}
	if len(scoped) != len(f.Teams) {
		t.Errorf("scopes name %d teams, the fixture has %d member teams", len(scoped), len(f.Teams))
	}
	if len(f.User) == 0 {
		t.Error("no user")
	}
}

func TestTeamListPagesNewestFirstInBothCursorForms(t *testing.T) {
	f := GenerateFixture(20, 1)
	for _, form := range []CursorForm{CursorNumber, CursorString} {
		h := newHarness(t, f, WithCursor(form))
		var slugs []string
		target := "/v2/teams?limit=1"
		for range 10 {
			rec := h.get(target)
			expectStatus(t, rec, http.StatusOK)
			page := decodeAs[teamsAnswer](t, rec)
			for _, team := range page.Teams {
				slugs = append(slugs, stringOf(t, team["slug"]))
			}
			if isNull(page.Pagination.Next) {
				break
			}
			target = "/v2/teams?limit=1&until=" + cursorParam(t, page.Pagination.Next)
		}
		if want := []string{"northwind-labs", "acme-staging", "acme"}; !slices.Equal(slugs, want) {
			t.Errorf("cursor form %d: teams %v, want %v (newest first, never the team the user left)", form, slugs, want)
		}
	}
}

func TestTeamGet(t *testing.T) {
	f := GenerateFixture(20, 1)
	h := newHarness(t, f)
	acme := f.Teams[0]
	for _, ref := range []string{acme.ID, acme.Slug} {
		rec := h.get("/v2/teams/" + ref)
		expectStatus(t, rec, http.StatusOK)
		if got := decodeAs[map[string]json.RawMessage](t, rec); stringOf(t, got["id"]) != acme.ID {
			t.Errorf("GET /v2/teams/%s answered team %s", ref, got["id"])
		}
	}
	expectError(t, h.get("/v2/teams/"+f.LeftTeams[0].ID), http.StatusForbidden, "forbidden")
	expectError(t, h.get("/v2/teams/globex"), http.StatusForbidden, "forbidden")
	expectError(t, h.get("/v2/teams/team_nope"), http.StatusNotFound, "not_found")
	expectError(t, h.get("/v5/user/tokens?teamId="+f.LeftTeams[0].ID), http.StatusForbidden, "forbidden")
}

func TestATeamScopedTokenSeesOtherTeamsAndTheUserLimited(t *testing.T) {
	f := GenerateFixture(20, 1)
	teamA := f.Teams[0].ID
	userScoped := f.Secret()
	f.Tokens = append(f.Tokens, json.RawMessage(`{"id":"scoped","name":"ci","type":"authentication-token","createdAt":1000,"activeAt":1000,"scopes":[{"type":"team","teamId":"`+teamA+`","createdAt":1000}]}`))
	f.BearerTokens["scoped-secret"] = "scoped"
	h := newHarness(t, f)

	rec := h.doAs("scoped-secret", http.MethodGet, "/v2/teams", "")
	expectStatus(t, rec, http.StatusOK)
	for _, team := range decodeAs[teamsAnswer](t, rec).Teams {
		id := stringOf(t, team["id"])
		limited := string(team["limited"]) == "true"
		switch {
		case id == teamA && limited:
			t.Errorf("team %s, which the token reaches, is limited", id)
		case id != teamA && !limited:
			t.Errorf("team %s, which the token does not reach, is whole", id)
		case id != teamA && string(team["limitedBy"]) == `["scope"]` && team["personalAccessTokensInvalidatedAt"] != nil:
			t.Errorf("team %s: the limited form carries fields TeamLimited has not", id)
		}
	}

	rec = h.doAs("scoped-secret", http.MethodGet, "/v2/user", "")
	expectStatus(t, rec, http.StatusOK)
	var user struct{ User map[string]json.RawMessage }
	if err := json.Unmarshal(rec.Body.Bytes(), &user); err != nil {
		t.Fatal(err)
	}
	if string(user.User["limited"]) != "true" || stringOf(t, user.User["username"]) != "alice" || user.User["createdAt"] != nil {
		t.Errorf("a team-scoped token's user = %v, want alice in the AuthUserLimited form", user.User)
	}

	rec = h.doAs(userScoped, http.MethodGet, "/v2/user", "")
	expectStatus(t, rec, http.StatusOK)
	user.User = nil
	if err := json.Unmarshal(rec.Body.Bytes(), &user); err != nil {
		t.Fatal(err)
	}
	if user.User["limited"] != nil || user.User["createdAt"] == nil {
		t.Errorf("a user-scoped token's user = %v, want the whole AuthUser", user.User)
	}
}

func TestUserWithoutOneInTheFixtureIsNotFound(t *testing.T) {
	h := newHarness(t, fixtureWith(t, `{"id":"a","name":"n","type":"t","createdAt":1,"activeAt":1,"scopes":[{"type":"user","createdAt":1}]}`))
	expectError(t, h.get("/v2/user"), http.StatusNotFound, "not_found")
}

func TestTeamListLoopsWhenToldTo(t *testing.T) {
	h := newHarness(t, GenerateFixture(20, 1))
	h.srv.SetFaults(Faults{LoopingCursor: true, OnlyOn: EndpointTeams})
	first := decodeAs[teamsAnswer](t, h.get("/v2/teams?limit=1"))
	again := decodeAs[teamsAnswer](t, h.get("/v2/teams?limit=1&until="+cursorParam(t, first.Pagination.Next)))
	if string(first.Pagination.Next) != string(again.Pagination.Next) || isNull(again.Pagination.Next) {
		t.Errorf("looping cursor: next %s then %s, want the same non-null cursor", first.Pagination.Next, again.Pagination.Next)
	}
}

func TestFixtureRejectsBadTeamsAndUser(t *testing.T) {
	for name, fixture := range map[string]string{
		"left team's slug taken": `{"teams":[{"id":"t1","slug":"a"}],"left_teams":[{"id":"t2","slug":"a"}]}`,
		"same createdAt":         `{"teams":[{"id":"t1","slug":"a","createdAt":5},{"id":"t2","slug":"b","createdAt":5}]}`,
		"user without id":        `{"user":{"username":"alice"}}`,
		"createdAt not integer":  `{"teams":[{"id":"t1","slug":"a","createdAt":"x"}]}`,
	} {
		if _, err := ParseFixture([]byte(fixture)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
