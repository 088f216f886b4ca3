package emulator

import (
	"encoding/json"
	"slices"
)

// scopes builds the scopes field; nil means the field is absent.
func (g *generator) scopes(p tokenPlan, t *tokenJSON, expiresAt int64) json.RawMessage {
	switch p.scopes {
	case scopesAbsent:
		return nil
	case scopesNull:
		return json.RawMessage("null")
	case scopesEmpty:
		return json.RawMessage("[]")
	}
	origin := g.scopeOrigin(p.origin)
	var list []any
	switch p.scopes {
	case scopesUser:
		list = append(list, g.userScope(origin, t, expiresAt, false))
	case scopesUserSudo:
		list = append(list, g.userScope(origin, t, expiresAt, true))
	case scopesTeams:
		list = append(list, g.teamScopes(p.teams, origin, t.CreatedAt, expiresAt)...)
	case scopesUserAndTeams:
		list = append(list, g.userScope(origin, t, expiresAt, g.dice.chance(0.2)))
		list = append(list, g.teamScopes(p.teams, origin, t.CreatedAt, expiresAt)...)
	case scopesUnknownType:
		if g.dice.chance(0.5) {
			list = append(list, g.userScope(origin, t, expiresAt, false))
		}
		projectID := t.ProjectID
		if projectID == "" {
			projectID = g.projectID()
		}
		list = append(list, projectScope{Type: "project", ProjectID: projectID, CreatedAt: t.CreatedAt})
	}
	return mustMarshal(list)
}

// scopeOrigin mostly follows the token's origin; some scopes carry none and a
// few carry a value newer than the reference.
func (g *generator) scopeOrigin(tokenOrigin string) string {
	d := g.dice
	switch {
	case d.chance(0.1):
		return ""
	case d.chance(0.03):
		return pick(d, g.words.unknownOrigin)
	case slices.Contains(g.words.scopeOrigins, tokenOrigin) && d.chance(0.85):
		return tokenOrigin
	default:
		return pick(d, g.words.scopeOrigins)
	}
}

func (g *generator) userScope(origin string, t *tokenJSON, expiresAt int64, sudo bool) userScope {
	s := userScope{Type: "user", Origin: origin, CreatedAt: t.CreatedAt, ExpiresAt: expiresAt}
	if sudo {
		s.Sudo = &sudoGrant{
			Origin:    pick(g.dice, g.words.sudoOrigins),
			ExpiresAt: t.ActiveAt + g.dice.between(5*millisPerMinute, millisPerHour),
		}
	}
	return s
}

// teamScopes grants count distinct fixture teams (0: 1 to all of them).
func (g *generator) teamScopes(count int, origin string, createdAt, expiresAt int64) []any {
	order := g.dice.perm(len(g.teams))
	if count == 0 {
		count = 1 + g.dice.intN(len(g.teams))
	}
	scopes := make([]any, 0, count)
	for _, i := range order[:count] {
		scopes = append(scopes, teamScope{Type: "team", TeamID: g.teams[i].ID, Origin: origin, CreatedAt: createdAt, ExpiresAt: expiresAt})
	}
	return scopes
}
