package emulator

import (
	"cmp"
	"encoding/json"
	"slices"
	"time"
)

const (
	millisPerMinute = int64(time.Minute / time.Millisecond)
	millisPerHour   = int64(time.Hour / time.Millisecond)
	millisPerDay    = int64(24 * time.Hour / time.Millisecond)

	bearerSecretPrefix = "vercel_emulator_secret_"
)

// FixtureEpoch is the "now" of GenerateFixture. It is fixed so that a
// generated fixture, and the committed sample generated from it, never drift;
// timestamps such as "active in the last 7 days" are relative to it.
func FixtureEpoch() time.Time {
	return time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)
}

// GenerateFixture returns n realistic tokens of every shape the API is known
// to send, the 3 teams their scopes name plus one the user has left, the
// user (alice) and one bearer secret that authenticates as the first token. The same n and seed always give the same fixture.
func GenerateFixture(n int, seed int64) *Fixture {
	return GenerateFixtureAt(n, seed, FixtureEpoch())
}

// GenerateFixtureAt is GenerateFixture with timestamps relative to now
// instead of FixtureEpoch.
func GenerateFixtureAt(n int, seed int64, now time.Time) *Fixture {
	g := newGenerator(seed, now)
	f := &Fixture{
		BearerTokens: map[string]string{},
		Teams:        g.teams,
		Tokens:       make([]json.RawMessage, 0, max(n, 0)),
	}
	type generated struct {
		createdAt int64
		raw       json.RawMessage
	}
	tokens := make([]generated, 0, max(n, 0))
	showcase := showcasePlans()
	for i := range max(n, 0) {
		var plan tokenPlan
		if i < len(showcase) {
			plan = showcase[i]
		} else {
			plan = g.randomPlan()
		}
		t := g.token(plan)
		if i == 0 {
			secret := bearerSecretPrefix + g.dice.hex(24)
			t.Prefix, t.Suffix = secretEnds(secret)
			f.BearerTokens[secret] = t.ID
		}
		tokens = append(tokens, generated{t.CreatedAt, mustMarshal(t)})
	}
	slices.SortFunc(tokens, func(a, b generated) int { return cmp.Compare(b.createdAt, a.createdAt) })
	for _, t := range tokens {
		f.Tokens = append(f.Tokens, t.raw)
	}
	g.teamsAndUser(f, seed)
	return f
}

// secretEnds is what Vercel shows of a secret to recognise it by: never
// enough to use it.
func secretEnds(secret string) (prefix, suffix string) {
	return secret[:4], secret[len(secret)-4:]
}

type generator struct {
	dice  dice
	words vocabulary
	now   int64 // milliseconds
	teams []Team
	// usedCreatedAt keeps createdAt unique, since cursors are built from it.
	usedCreatedAt map[int64]bool
}

func newGenerator(seed int64, now time.Time) *generator {
	g := &generator{
		dice:          newDice(seed),
		words:         newVocabulary(),
		now:           now.UnixMilli(),
		usedCreatedAt: map[int64]bool{},
	}
	for _, slug := range g.words.teamSlugs {
		g.teams = append(g.teams, Team{ID: "team_" + g.dice.alnum(24), Slug: slug})
	}
	return g
}

func (g *generator) token(p tokenPlan) tokenJSON {
	d := g.dice
	activeAt := g.activeAt(p.activity)
	createdAt := g.uniqueCreatedAt(activeAt - g.creationGap())
	t := tokenJSON{
		ID:        d.hex(64),
		Name:      p.name,
		Type:      p.tokenType,
		Origin:    p.origin,
		ActiveAt:  activeAt,
		CreatedAt: createdAt,
	}
	expiresAt := g.expiresAt(p.expiry, activeAt)
	switch p.expiry {
	case expiryNull:
		t.ExpiresAt = json.RawMessage("null")
	case expiryPast, expiryFuture:
		t.ExpiresAt = mustMarshal(expiresAt)
	}
	if p.leaked {
		t.LeakedAt = d.between(createdAt, g.now)
		if d.chance(0.8) {
			t.LeakedURL = g.leakedURL()
		}
	}
	if p.revoked {
		t.RevokedAt = d.between(max(activeAt, t.LeakedAt), g.now)
	}
	if !p.hideEnds {
		t.Prefix, t.Suffix = d.alnum(4), d.alnum(4)
	}
	if p.project {
		t.ProjectID = g.projectID()
	}
	t.Scopes = g.scopes(p, &t, expiresAt)
	return t
}

func (g *generator) activeAt(a activityShape) int64 {
	switch a {
	case activeThisWeek:
		return g.dice.between(g.now-7*millisPerDay+millisPerHour, g.now-millisPerMinute)
	case activeThisQuarter:
		return g.dice.between(g.now-90*millisPerDay, g.now-8*millisPerDay)
	default:
		return g.dice.between(g.now-730*millisPerDay, g.now-91*millisPerDay)
	}
}

// creationGap is how long before its last use a token was made; some tokens
// were never used after creation.
func (g *generator) creationGap() int64 {
	if g.dice.chance(0.1) {
		return 0
	}
	return g.dice.between(millisPerMinute, 365*millisPerDay)
}

// uniqueCreatedAt moves t back until it is free, so createdAt never passes
// activeAt.
func (g *generator) uniqueCreatedAt(t int64) int64 {
	for g.usedCreatedAt[t] {
		t--
	}
	g.usedCreatedAt[t] = true
	return t
}

// expiresAt returns 0 for tokens that never expire.
func (g *generator) expiresAt(e expiryShape, activeAt int64) int64 {
	switch e {
	case expiryPast:
		return g.dice.between(activeAt+1, g.now-1)
	case expiryFuture:
		return g.dice.between(g.now+30*millisPerDay, g.now+3*365*millisPerDay)
	default:
		return 0
	}
}

func (g *generator) projectID() string {
	return "prj_" + g.dice.alnum(28)
}

func (g *generator) leakedURL() string {
	d := g.dice
	owner, repo := pick(d, g.words.teamSlugs), pick(d, g.words.repos)
	switch d.intN(3) {
	case 0:
		return "https://github.com/" + owner + "/" + repo + "/blob/" + d.hex(7) + "/.env"
	case 1:
		return "https://gist.github.com/" + owner + "-dev/" + d.hex(32)
	default:
		return "https://gitlab.com/" + owner + "/" + repo + "/-/blob/main/vercel.json"
	}
}
