package emulator

import "encoding/json"

// tokenJSON is the AuthToken shape the emulator writes when it makes tokens
// itself (generated fixtures and POST /v3/user/tokens). Field order follows
// Vercel's answers.
type tokenJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Origin string `json:"origin,omitempty"`
	// Scopes and ExpiresAt are raw so that "absent", null and a value can
	// all be expressed.
	Scopes    json.RawMessage `json:"scopes,omitempty"`
	ExpiresAt json.RawMessage `json:"expiresAt,omitempty"`
	ActiveAt  int64           `json:"activeAt"`
	CreatedAt int64           `json:"createdAt"`
	LeakedAt  int64           `json:"leakedAt,omitempty"`
	LeakedURL string          `json:"leakedUrl,omitempty"`
	Prefix    string          `json:"prefix,omitempty"`
	Suffix    string          `json:"suffix,omitempty"`
	ProjectID string          `json:"projectId,omitempty"`
	RevokedAt int64           `json:"revokedAt,omitempty"`
}

type userScope struct {
	Type      string     `json:"type"`
	Sudo      *sudoGrant `json:"sudo,omitempty"`
	Origin    string     `json:"origin,omitempty"`
	CreatedAt int64      `json:"createdAt"`
	ExpiresAt int64      `json:"expiresAt,omitempty"`
}

type sudoGrant struct {
	Origin    string `json:"origin"`
	ExpiresAt int64  `json:"expiresAt"`
}

type teamScope struct {
	Type      string `json:"type"`
	TeamID    string `json:"teamId"`
	Origin    string `json:"origin,omitempty"`
	CreatedAt int64  `json:"createdAt"`
	ExpiresAt int64  `json:"expiresAt,omitempty"`
}

// projectScope is a scope type the reference does not list; clients must
// pass it through.
type projectScope struct {
	Type      string `json:"type"`
	ProjectID string `json:"projectId"`
	CreatedAt int64  `json:"createdAt"`
}

const (
	typeAuthentication = "authentication-token"
	typeOAuth2         = "oauth2-token"
)

// mustMarshal is for values built from the types above, which always encode.
func mustMarshal(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic("emulator: encoding a token: " + err.Error())
	}
	return data
}
