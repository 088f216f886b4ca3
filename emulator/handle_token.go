package emulator

import (
	"fmt"
	"net/http"
)

// get answers GET /v5/user/tokens/{id}.
func (s *Server) get(c *call) *reply {
	t, ok := s.store.get(c.tokenID)
	if !ok {
		return tokenNotFound(c.tokenID)
	}
	return okReply(tokenBody{Token: t.raw})
}

type deletedBody struct {
	TokenID string `json:"tokenId"`
}

// delete answers DELETE /v3/user/tokens/{id}; "current" stands for the
// caller's own token, as `vercel logout` uses it. The token is gone
// afterwards, as Vercel's OpenAPI description has it ("Authentication token
// successfully deleted"): no longer listed, 404 not_found to a get or a
// second delete, its secret refused with 401.
func (s *Server) delete(c *call) *reply {
	id := c.tokenID
	if id == "current" {
		id = c.caller.id
	}
	if !s.store.remove(id) {
		return tokenNotFound(id)
	}
	return okReply(deletedBody{TokenID: id})
}

func tokenNotFound(id string) *reply {
	return errorReply(http.StatusNotFound, "not_found", fmt.Sprintf("Token %q was not found", id))
}
