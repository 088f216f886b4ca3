package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

type createRequest struct {
	Name      *string `json:"name"`
	ExpiresAt *int64  `json:"expiresAt"`
	ProjectID *string `json:"projectId"`
}

type createdBody struct {
	Token       json.RawMessage `json:"token"`
	BearerToken string          `json:"bearerToken"`
}

// create answers POST /v3/user/tokens. With team context the new token is
// scoped to that team, otherwise to the user.
func (s *Server) create(c *call) *reply {
	req, problem := parseCreateRequest(c.body, c.now)
	if problem != nil {
		return problem
	}
	secret := bearerSecretPrefix + randomHex(12)
	createdAt := s.store.freeCreatedAt(c.now.UnixMilli())
	t := tokenJSON{
		ID:        randomHex(32),
		Name:      *req.Name,
		Type:      typeAuthentication,
		Origin:    "manual",
		ActiveAt:  createdAt,
		CreatedAt: createdAt,
	}
	var expiresAt int64
	if req.ExpiresAt != nil {
		expiresAt = *req.ExpiresAt
		t.ExpiresAt = mustMarshal(expiresAt)
	}
	if c.teamGiven {
		t.Scopes = mustMarshal([]teamScope{{Type: "team", TeamID: c.team.ID, Origin: "manual", CreatedAt: createdAt, ExpiresAt: expiresAt}})
	} else {
		t.Scopes = mustMarshal([]userScope{{Type: "user", Origin: "manual", CreatedAt: createdAt, ExpiresAt: expiresAt}})
	}
	t.Prefix, t.Suffix = secretEnds(secret)
	if req.ProjectID != nil {
		t.ProjectID = *req.ProjectID
	}
	stored := &storedToken{
		tokenMeta: tokenMeta{id: t.ID, createdAt: createdAt, expiresAt: expiresAt, reach: readTeamReach(t.Scopes)},
		raw:       mustMarshal(t),
	}
	s.store.add(stored, secret)
	return okReply(createdBody{Token: stored.raw, BearerToken: secret})
}

func parseCreateRequest(body []byte, now time.Time) (createRequest, *reply) {
	var req createRequest
	if err := json.Unmarshal(body, &req); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return req, badRequest(fmt.Sprintf("`%s` should be %s", typeErr.Field, jsonKind(typeErr.Field)))
		}
		return req, badRequest("the body must be a JSON object")
	}
	if req.Name == nil {
		return req, badRequest("missing required property `name`")
	}
	if strings.TrimSpace(*req.Name) == "" {
		return req, badRequest("`name` must not be empty")
	}
	if req.ExpiresAt != nil && *req.ExpiresAt <= now.UnixMilli() {
		return req, badRequest("`expiresAt` must be in the future")
	}
	return req, nil
}

func jsonKind(field string) string {
	if field == "expiresAt" {
		return "an integer (milliseconds since the epoch)"
	}
	return "a string"
}

func randomHex(bytes int) string {
	b := make([]byte, bytes)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
