package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"testing"
)

var (
	teamA = Team{ID: "team_a", Slug: "alpha"}
	teamB = Team{ID: "team_b", Slug: "beta"}
)

// scopedFixture holds one token per scopes value, each authenticated by the
// secret that is its name.
func scopedFixture(t *testing.T, scopesByName map[string]string) *Fixture {
	t.Helper()
	f := &Fixture{BearerTokens: map[string]string{}, Teams: []Team{teamA, teamB}}
	for i, name := range slices.Sorted(maps.Keys(scopesByName)) {
		scopes := scopesByName[name]
		token := fmt.Sprintf(`{"id":%q,"createdAt":%d`, name, i+1)
		if scopes != "" {
			token += `,"scopes":` + scopes
		}
		f.Tokens = append(f.Tokens, json.RawMessage(token+"}"))
		f.BearerTokens[name] = name
	}
	if err := f.Validate(); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return f
}

func TestTeamContextNeedsAScopeThatReachesTheTeam(t *testing.T) {
	h := newHarness(t, scopedFixture(t, map[string]string{
		"user":          `[{"type":"user","createdAt":1}]`,
		"user-and-team": `[{"type":"team","teamId":"team_a","createdAt":1},{"type":"user","createdAt":1}]`,
		"team-a":        `[{"type":"team","teamId":"team_a","createdAt":1}]`,
		"project":       `[{"type":"project","projectId":"prj_x","createdAt":1}]`,
		"absent":        "",
		"null":          `null`,
		"empty":         `[]`,
	}))
	for _, tc := range []struct {
		caller string
		query  string
		status int
	}{
		{"user", "teamId=team_a", http.StatusOK},
		{"user", "slug=beta", http.StatusOK},
		{"user", "teamId=team_nobodyhere", http.StatusForbidden},
		{"user-and-team", "teamId=team_b", http.StatusOK},
		{"team-a", "teamId=team_a", http.StatusOK},
		{"team-a", "slug=alpha", http.StatusOK},
		{"team-a", "teamId=team_b", http.StatusForbidden},
		{"team-a", "slug=beta", http.StatusForbidden},
		{"team-a", "teamId=team_nobodyhere", http.StatusForbidden},
		{"team-a", "", http.StatusOK},
		{"project", "teamId=team_a", http.StatusForbidden},
		{"absent", "teamId=team_a", http.StatusForbidden},
		{"null", "slug=alpha", http.StatusForbidden},
		{"empty", "teamId=team_b", http.StatusForbidden},
		{"empty", "", http.StatusOK},
	} {
		t.Run(tc.caller+"?"+tc.query, func(t *testing.T) {
			rec := h.doAs(tc.caller, http.MethodGet, "/v6/user/tokens?"+tc.query, "")
			if tc.status == http.StatusOK {
				expectStatus(t, rec, http.StatusOK)
				return
			}
			if e := expectError(t, rec, http.StatusForbidden, "forbidden"); e.Error.Message != "Not authorized" {
				t.Fatalf("message %q", e.Error.Message)
			}
		})
	}
}

func TestCreatedTokenReachesOnlyItsTeam(t *testing.T) {
	h := newHarness(t, scopedFixture(t, map[string]string{"user": `[{"type":"user","createdAt":1}]`}))
	created := decodeAs[createdAnswer](t, h.doAs("user", http.MethodPost, "/v3/user/tokens?teamId=team_a", `{"name":"team key"}`))
	expectStatus(t, h.doAs(created.BearerToken, http.MethodGet, "/v6/user/tokens?slug=alpha", ""), http.StatusOK)
	expectError(t, h.doAs(created.BearerToken, http.MethodGet, "/v6/user/tokens?slug=beta", ""), http.StatusForbidden, "forbidden")
}

func TestGeneratedCurrentTokenReachesEveryTeam(t *testing.T) {
	f := GenerateFixture(1, 7)
	h := newHarness(t, f)
	for _, team := range f.Teams {
		expectStatus(t, h.get("/v6/user/tokens?teamId="+team.ID), http.StatusOK)
	}
}
