package emulator

import (
	"encoding/json"
	"net/http"
)

// limitedUserFields are the fields of Vercel's AuthUserLimited form.
var limitedUserFields = []string{"id", "email", "name", "username", "avatar", "defaultTeamId"}

type userBody struct {
	User json.RawMessage `json:"user"`
}

// user answers GET /v2/user: the fixture's user, whole for a token with a
// user scope, else in Vercel's AuthUserLimited form.
func (s *Server) user(c *call) *reply {
	if len(s.store.user) == 0 {
		return errorReply(http.StatusNotFound, "not_found", "The fixture has no user")
	}
	if c.caller.reach.allTeams {
		return okReply(userBody{User: s.store.user})
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(s.store.user, &fields); err != nil {
		return errorReply(http.StatusInternalServerError, "internal_server_error", "emulator: the fixture's user is not an object")
	}
	limited := map[string]any{"limited": true}
	for _, name := range limitedUserFields {
		if v, ok := fields[name]; ok {
			limited[name] = v
		}
	}
	return okReply(userBody{User: mustMarshal(limited)})
}
