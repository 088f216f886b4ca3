package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// teamPlan is the shape of one generated team. Team details are drawn from
// no dice, so that adding them left every generated token as it was.
type teamPlan struct {
	name         string
	role         string
	ageDays      int64
	limitedBy    []string // a TeamLimited object when set
	samlEnforced bool
	// Days before the fixture's now at which Vercel invalidated older
	// tokens of each kind for the team; 0: never.
	personalInvalidatedDaysAgo, appInvalidatedDaysAgo int64
}

// memberTeamPlans match vocabulary.teamSlugs one for one.
func memberTeamPlans() []teamPlan {
	return []teamPlan{
		{name: "Acme", role: "OWNER", ageDays: 900, personalInvalidatedDaysAgo: 45},
		{name: "Acme Staging", role: "MEMBER", ageDays: 800, appInvalidatedDaysAgo: 20},
		{name: "Northwind Labs", role: "DEVELOPER", ageDays: 700, limitedBy: []string{"mfa"}, samlEnforced: true},
	}
}

// leftTeamPlan is the team the user has left.
var leftTeamPlan = teamPlan{name: "Globex", role: "MEMBER", ageDays: 1000}

const leftTeamSlug = "globex"

type teamObject struct {
	Limited                           bool            `json:"limited,omitempty"`
	LimitedBy                         []string        `json:"limitedBy,omitempty"`
	ID                                string          `json:"id"`
	Slug                              string          `json:"slug"`
	Name                              string          `json:"name"`
	Avatar                            *string         `json:"avatar"`
	CreatorID                         string          `json:"creatorId,omitempty"`
	CreatedAt                         int64           `json:"createdAt"`
	UpdatedAt                         int64           `json:"updatedAt,omitempty"`
	Description                       *string         `json:"description,omitempty"`
	StagingPrefix                     string          `json:"stagingPrefix,omitempty"`
	Membership                        teamMembership  `json:"membership"`
	SAML                              *samlObject     `json:"saml,omitempty"`
	PersonalAccessTokensInvalidatedAt json.RawMessage `json:"personalAccessTokensInvalidatedAt,omitempty"`
	AppTokensInvalidatedAt            json.RawMessage `json:"appTokensInvalidatedAt,omitempty"`
	IntegrationTokensInvalidatedAt    json.RawMessage `json:"integrationTokensInvalidatedAt,omitempty"`
}

type teamMembership struct {
	UID       string `json:"uid"`
	TeamID    string `json:"teamId"`
	Confirmed bool   `json:"confirmed"`
	Role      string `json:"role"`
	CreatedAt int64  `json:"createdAt"`
	Created   int64  `json:"created"`
}

type samlObject struct {
	Enforced bool `json:"enforced"`
}

type userObject struct {
	ID                  string   `json:"id"`
	Email               string   `json:"email"`
	Name                string   `json:"name"`
	Username            string   `json:"username"`
	Avatar              *string  `json:"avatar"`
	DefaultTeamID       string   `json:"defaultTeamId"`
	CreatedAt           int64    `json:"createdAt"`
	SoftBlock           *string  `json:"softBlock"`
	Billing             *string  `json:"billing"`
	ResourceConfig      struct{} `json:"resourceConfig"`
	StagingPrefix       string   `json:"stagingPrefix"`
	HasTrialAvailable   bool     `json:"hasTrialAvailable"`
	IsEnterpriseManaged bool     `json:"isEnterpriseManaged"`
	Version             string   `json:"version"`
}

// derivedID is a Vercel-looking id (24 characters) that depends on the
// seed but on no dice.
func derivedID(seed int64, what string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s %d", what, seed)))
	return hex.EncodeToString(sum[:])[:24]
}

// teamsAndUser completes the generated fixture: full team objects for
// the teams the tokens' scopes name, one team the user has left, and the
// user, alice, who owns every token.
func (g *generator) teamsAndUser(f *Fixture, seed int64) {
	userID := derivedID(seed, "user")
	teams := make([]Team, 0, len(g.teams))
	for i, plan := range memberTeamPlans()[:len(g.teams)] {
		teams = append(teams, g.team(g.teams[i].ID, g.teams[i].Slug, plan, userID))
	}
	f.Teams = teams
	f.LeftTeams = []Team{g.team("team_"+derivedID(seed, "left team"), leftTeamSlug, leftTeamPlan, userID)}
	f.User = mustMarshal(userObject{
		ID: userID, Email: "alice@acme.example", Name: "Alice Example", Username: "alice",
		DefaultTeamID: g.teams[0].ID, CreatedAt: g.now - 1200*millisPerDay,
		StagingPrefix: "alice", Version: "northstar",
	})
}

func (g *generator) team(id, slug string, p teamPlan, userID string) Team {
	createdAt := g.now - p.ageDays*millisPerDay
	obj := teamObject{
		ID: id, Slug: slug, Name: p.name, CreatedAt: createdAt,
		Membership: teamMembership{UID: userID, TeamID: id, Confirmed: true, Role: p.role, CreatedAt: createdAt, Created: createdAt},
		SAML:       &samlObject{Enforced: p.samlEnforced},
	}
	if len(p.limitedBy) > 0 {
		obj.Limited, obj.LimitedBy = true, p.limitedBy
		return Team{ID: id, Slug: slug, raw: mustMarshal(obj), createdAt: createdAt}
	}
	obj.CreatorID = userID
	if p.role != "OWNER" {
		obj.CreatorID = derivedID(int64(len(slug)), "creator "+slug)
	}
	obj.UpdatedAt = createdAt + 30*millisPerDay
	obj.StagingPrefix = slug
	obj.PersonalAccessTokensInvalidatedAt = g.daysAgo(p.personalInvalidatedDaysAgo)
	obj.AppTokensInvalidatedAt = g.daysAgo(p.appInvalidatedDaysAgo)
	obj.IntegrationTokensInvalidatedAt = json.RawMessage("null")
	return Team{ID: id, Slug: slug, raw: mustMarshal(obj), createdAt: createdAt}
}

// daysAgo is a timestamp days before now, or JSON null for 0.
func (g *generator) daysAgo(days int64) json.RawMessage {
	if days == 0 {
		return json.RawMessage("null")
	}
	return mustMarshal(g.now - days*millisPerDay)
}
