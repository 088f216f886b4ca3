package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// answerTeamsAndUser dispatches the team and user endpoints.
func (s *Server) answerTeamsAndUser(c *call) *reply {
	switch c.endpoint {
	case EndpointTeams:
		return s.listTeams(c)
	case EndpointTeam:
		return s.getTeam(c)
	default:
		return s.user(c)
	}
}

type teamsBody struct {
	Teams      []json.RawMessage `json:"teams"`
	Pagination pagination        `json:"pagination"`
}

// listTeams answers GET /v2/teams: the user's teams, newest first, limit a
// page, until=<pagination.next> for the teams created before the cursor.
// Teams the user has left are not listed.
func (s *Server) listTeams(c *call) *reply {
	limit, problem := pageSize(c)
	if problem != nil {
		return problem
	}
	from := 0
	if c.query.Has("until") && !c.paging.looping {
		raw := c.query.Get("until")
		until, ok := decodeCursor(raw)
		if !ok {
			return badRequest(fmt.Sprintf("query parameter `until` must be the pagination.next of a previous page, got %q", raw))
		}
		from = s.store.teamsOlderThan(until)
	}
	from = min(from, len(s.store.teams))
	to := min(from+limit, len(s.store.teams))
	page := s.store.teams[from:to]
	body := teamsBody{Teams: make([]json.RawMessage, 0, len(page))}
	for _, t := range page {
		body.Teams = append(body.Teams, teamSeenBy(t, c.caller))
	}
	body.Pagination.Count = len(page)
	if n := len(page); n > 0 {
		if to < len(s.store.teams) || c.paging.looping {
			body.Pagination.Next = s.cursor.encode(page[n-1].createdAt)
		}
		if from > 0 {
			body.Pagination.Prev = s.cursor.encode(page[0].createdAt)
		}
	}
	return okReply(body)
}

// getTeam answers GET /v2/teams/{idOrSlug}: the Team object itself, 403
// for a team the user has left, 404 for one that does not exist.
func (s *Server) getTeam(c *call) *reply {
	team, left, ok := s.store.findTeam(c.teamRef)
	switch {
	case !ok:
		return errorReply(http.StatusNotFound, "not_found", "Team not found")
	case left:
		return errorReply(http.StatusForbidden, "forbidden", "Not authorized")
	}
	return okReply(teamSeenBy(team, c.caller))
}

// limitedTeamFields are the fields of Vercel's TeamLimited form.
var limitedTeamFields = []string{"id", "slug", "name", "avatar", "membership", "createdAt", "saml"}

// teamSeenBy is the team as a token sees it: whole when its scopes reach
// the team, else Vercel's TeamLimited form, limited by scope. A fixture
// team that is already limited (by MFA, say) is sent as it is.
func teamSeenBy(t Team, caller *storedToken) json.RawMessage {
	if caller.reach.includes(t.ID) {
		return t.object()
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(t.object(), &fields) != nil {
		return t.object()
	}
	if _, already := fields["limited"]; already {
		return t.object()
	}
	limited := map[string]any{"limited": true, "limitedBy": []string{"scope"}}
	for _, name := range limitedTeamFields {
		if v, ok := fields[name]; ok {
			limited[name] = v
		}
	}
	return mustMarshal(limited)
}
