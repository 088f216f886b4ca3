package emulator

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestGenerateFixtureIsDeterministic(t *testing.T) {
	a, _ := GenerateFixture(500, 42).MarshalPretty()
	b, _ := GenerateFixture(500, 42).MarshalPretty()
	c, _ := GenerateFixture(500, 43).MarshalPretty()
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different fixtures")
	}
	if bytes.Equal(a, c) {
		t.Fatal("different seeds, same fixture")
	}
}

func TestGenerateFixtureSizes(t *testing.T) {
	for _, n := range []int{0, 1, 5, 14, 300} {
		f := GenerateFixture(n, 1)
		if err := f.Validate(); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(f.Tokens) != n || len(f.Teams) != 3 || len(f.LeftTeams) != 1 {
			t.Fatalf("n=%d: %d tokens, %d teams", n, len(f.Tokens), len(f.Teams))
		}
		if wantSecrets := min(n, 1); len(f.BearerTokens) != wantSecrets {
			t.Fatalf("n=%d: %d bearer secrets", n, len(f.BearerTokens))
		}
	}
}

// shapesOf names the shapes a generated token shows, relative to now (ms).
func shapesOf(tok map[string]any, now float64) []string {
	var shapes []string
	add := func(cond bool, shape string) {
		if cond {
			shapes = append(shapes, shape)
		}
	}
	expires, hasExpiry := tok["expiresAt"]
	add(!hasExpiry, "expiresAt absent")
	add(hasExpiry && expires == nil, "expiresAt null")
	if e, ok := expires.(float64); ok {
		add(e <= now, "expired")
		add(e > now, "expires in future")
	}
	add(tok["leakedAt"] != nil, "leaked")
	add(tok["leakedUrl"] != nil, "leakedUrl")
	add(tok["revokedAt"] != nil, "revoked")
	add(tok["projectId"] != nil, "projectId")
	add(tok["prefix"] != nil && tok["suffix"] != nil, "prefix+suffix")
	add(tok["prefix"] == nil, "no prefix")
	add(tok["type"] == typeAuthentication, "authentication-token")
	add(tok["type"] == typeOAuth2, "oauth2-token")
	add(tok["origin"] == nil, "origin absent")
	known := []string{"manual", "github", "saml", "email", "gitlab", "bitbucket", "passkey", "otp", "sms", "invite", "google", "apple", "app"}
	if o, ok := tok["origin"].(string); ok {
		add(!slices.Contains(known, o), "unknown origin")
		add(slices.Contains(known, o), "origin "+o)
	}
	active := tok["activeAt"].(float64)
	add(now-active <= 7*float64(millisPerDay), "active in last 7 days")
	add(now-active > 90*float64(millisPerDay), "unused > 90 days")

	scopes, hasScopes := tok["scopes"]
	add(!hasScopes, "scopes absent")
	add(hasScopes && scopes == nil, "scopes null")
	list, _ := scopes.([]any)
	add(list != nil && len(list) == 0, "scopes empty")
	kinds := map[string]int{}
	for _, s := range list {
		scope := s.(map[string]any)
		kind := scope["type"].(string)
		kinds[kind]++
		add(scope["sudo"] != nil, "sudo")
	}
	add(kinds["user"] > 0 && len(kinds) == 1, "user scope only")
	add(kinds["team"] > 0 && len(kinds) == 1, "team scopes only")
	add(kinds["user"] > 0 && kinds["team"] > 0, "user+team scopes")
	add(kinds["team"] == 3, "three team scopes")
	add(len(kinds) > documentedScopeTypes(kinds), "unknown scope type")
	return shapes
}

// documentedScopeTypes counts the scope types the reference documents.
func documentedScopeTypes(kinds map[string]int) int {
	n := 0
	for _, k := range []string{"user", "team"} {
		if kinds[k] > 0 {
			n++
		}
	}
	return n
}

func TestGeneratedFixturesHoldEveryShape(t *testing.T) {
	every := []string{
		"expiresAt absent", "expiresAt null", "expired", "expires in future",
		"leaked", "leakedUrl", "revoked", "projectId", "prefix+suffix", "no prefix",
		"authentication-token", "oauth2-token", "origin absent", "unknown origin",
		"origin manual", "origin github", "origin saml", "origin email", "origin gitlab",
		"origin bitbucket", "origin passkey",
		"active in last 7 days", "unused > 90 days",
		"scopes absent", "scopes null", "scopes empty", "sudo",
		"user scope only", "team scopes only", "user+team scopes", "three team scopes", "unknown scope type",
	}
	now := float64(FixtureEpoch().UnixMilli())
	for _, n := range []int{len(showcasePlans()), 300} {
		for seed := int64(1); seed <= 5; seed++ {
			seen := map[string]int{}
			for _, raw := range GenerateFixture(n, seed).Tokens {
				var tok map[string]any
				if err := json.Unmarshal(raw, &tok); err != nil {
					t.Fatal(err)
				}
				for _, shape := range shapesOf(tok, now) {
					seen[shape]++
				}
			}
			for _, shape := range every {
				if seen[shape] == 0 {
					t.Errorf("n=%d seed=%d: no token with shape %q", n, seed, shape)
				}
			}
		}
	}
}

func TestGeneratedTokensLookReal(t *testing.T) {
	f := GenerateFixture(2000, 9)
	now := FixtureEpoch().UnixMilli()
	teamIDs := map[string]bool{}
	for _, team := range f.Teams {
		teamIDs[team.ID] = true
	}
	hexID := regexp.MustCompile(`^[0-9a-f]{64}$`)
	secret := f.Secret()
	if !regexp.MustCompile(`^vercel_emulator_secret_[0-9a-f]{24}$`).MatchString(secret) {
		t.Fatalf("secret %q", secret)
	}
	var createdAts []int64
	for _, raw := range f.Tokens {
		var tok struct {
			ID, Name, Type, Prefix, Suffix, LeakedURL string
			CreatedAt, ActiveAt                       int64
			LeakedAt, RevokedAt                       int64
			ExpiresAt                                 *int64
			Scopes                                    []struct {
				Type, TeamID string
				CreatedAt    int64
			}
		}
		if err := json.Unmarshal(raw, &tok); err != nil {
			t.Fatal(err)
		}
		switch {
		case !hexID.MatchString(tok.ID):
			t.Fatalf("id %q", tok.ID)
		case tok.Name == "" || tok.Type == "":
			t.Fatalf("token %s lacks name or type", tok.ID)
		case tok.CreatedAt > tok.ActiveAt || tok.ActiveAt > now || tok.CreatedAt < now-4*365*millisPerDay:
			t.Fatalf("token %s: createdAt %d, activeAt %d", tok.ID, tok.CreatedAt, tok.ActiveAt)
		case len(tok.Prefix) > 6 || len(tok.Suffix) > 6 || strings.Contains(string(raw), secret):
			t.Fatalf("token %s shows too much of a secret", tok.ID)
		case tok.LeakedAt != 0 && (tok.LeakedAt < tok.CreatedAt || tok.LeakedAt > now):
			t.Fatalf("token %s: leakedAt %d", tok.ID, tok.LeakedAt)
		case tok.RevokedAt != 0 && (tok.RevokedAt < tok.ActiveAt || tok.RevokedAt < tok.LeakedAt):
			t.Fatalf("token %s: revokedAt %d", tok.ID, tok.RevokedAt)
		case tok.LeakedURL != "" && tok.LeakedAt == 0:
			t.Fatalf("token %s: leakedUrl without leakedAt", tok.ID)
		}
		for _, s := range tok.Scopes {
			if s.Type == "team" && !teamIDs[s.TeamID] {
				t.Fatalf("token %s: scope for unknown team %q", tok.ID, s.TeamID)
			}
		}
		createdAts = append(createdAts, tok.CreatedAt)
	}
	if !sort.SliceIsSorted(createdAts, func(i, j int) bool { return createdAts[i] > createdAts[j] }) {
		t.Fatal("fixture tokens are not newest first")
	}
}

func TestCurrentTokenIsUsable(t *testing.T) {
	f := GenerateFixture(300, 1)
	h := newHarness(t, f, WithClock(FixtureEpoch))
	ans := decodeAs[tokenAnswer](t, h.get("/v5/user/tokens/current"))
	secret := f.Secret()
	if ans.Token["prefix"] != secret[:4] || ans.Token["suffix"] != secret[len(secret)-4:] {
		t.Fatalf("current token ends %v…%v do not match its secret", ans.Token["prefix"], ans.Token["suffix"])
	}
	if ans.Token["expiresAt"] != nil || ans.Token["revokedAt"] != nil {
		t.Fatal("the current token expires or is revoked")
	}
}

func TestGenerateFixtureAtFollowsNow(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f := GenerateFixtureAt(50, 1, now)
	var newest struct{ ActiveAt int64 }
	for _, raw := range f.Tokens {
		var tok struct{ ActiveAt int64 }
		_ = json.Unmarshal(raw, &tok)
		newest.ActiveAt = max(newest.ActiveAt, tok.ActiveAt)
	}
	if newest.ActiveAt > now.UnixMilli() || newest.ActiveAt < now.Add(-7*24*time.Hour).UnixMilli() {
		t.Fatalf("newest activity %d is not in the week before %v", newest.ActiveAt, now)
	}
}
