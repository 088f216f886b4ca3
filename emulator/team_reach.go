package emulator

import "encoding/json"

// teamReach is which teams a token may act for, as its scopes grant: a
// "user" scope reaches every team of the user, a "team" scope one team.
// Tokens without scopes reach none.
type teamReach struct {
	allTeams bool
	teamIDs  map[string]bool
}

func (r teamReach) includes(teamID string) bool {
	return r.allTeams || r.teamIDs[teamID]
}

// readTeamReach reads a token's raw "scopes" field. Scope types it does not
// know, and anything that is not a list of scopes, grant nothing.
func readTeamReach(scopes json.RawMessage) teamReach {
	var list []json.RawMessage
	if err := json.Unmarshal(scopes, &list); err != nil {
		return teamReach{}
	}
	var reach teamReach
	for _, raw := range list {
		var scope struct {
			Type   string `json:"type"`
			TeamID string `json:"teamId"`
		}
		if json.Unmarshal(raw, &scope) != nil {
			continue
		}
		switch {
		case scope.Type == "user":
			reach.allTeams = true
		case scope.Type == "team" && scope.TeamID != "":
			if reach.teamIDs == nil {
				reach.teamIDs = map[string]bool{}
			}
			reach.teamIDs[scope.TeamID] = true
		}
	}
	return reach
}
