package emulator

import (
	"net/http"
	"strings"
	"time"
)

// authenticate finds the token a request's "Authorization: Bearer <secret>"
// header stands for. The caller holds s.mu.
func (s *Server) authenticate(authorization string, now time.Time) (*storedToken, *reply) {
	scheme, secret, _ := strings.Cut(strings.TrimSpace(authorization), " ")
	secret = strings.TrimSpace(secret)
	if !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return nil, notAuthenticated("The request is missing an authentication token (Authorization: Bearer <token>)")
	}
	token, ok := s.store.holder(secret)
	switch {
	case !ok:
		return nil, notAuthenticated("The bearer token is not valid")
	case token.revokedAt != 0:
		return nil, notAuthenticated("The bearer token has been revoked")
	case token.expiresAt != 0 && token.expiresAt <= now.UnixMilli():
		return nil, notAuthenticated("The bearer token has expired")
	}
	return token, nil
}

// notAuthenticated builds a 401. The reference documents no error code for
// 401; "not_authenticated" is the emulator's choice.
func notAuthenticated(message string) *reply {
	return errorReply(http.StatusUnauthorized, "not_authenticated", message)
}
