package vercelapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// AuthToken is a token's metadata as Vercel describes it. Optional fields
// are pointers or empty strings; timestamps keep Vercel's milliseconds.
type AuthToken struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Type      string       `json:"type"`
	Origin    string       `json:"origin,omitempty"`
	Scopes    Scopes       `json:"scopes,omitempty"`
	ActiveAt  *EpochMillis `json:"activeAt,omitempty"`
	CreatedAt *EpochMillis `json:"createdAt,omitempty"`
	ExpiresAt *EpochMillis `json:"expiresAt,omitempty"`
	LeakedAt  *EpochMillis `json:"leakedAt,omitempty"`
	LeakedURL string       `json:"leakedUrl,omitempty"`
	Prefix    string       `json:"prefix,omitempty"`
	Suffix    string       `json:"suffix,omitempty"`
	ProjectID string       `json:"projectId,omitempty"`
	RevokedAt *EpochMillis `json:"revokedAt,omitempty"`
}

// EpochMillis is a Vercel timestamp: milliseconds since the Unix epoch.
type EpochMillis int64

// UnmarshalJSON accepts any JSON number, integral or not.
func (m *EpochMillis) UnmarshalJSON(b []byte) error {
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("timestamp %s is not a number of milliseconds", b)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1<<62 {
		return fmt.Errorf("timestamp %s is out of range", b)
	}
	*m = EpochMillis(math.Round(f))
	return nil
}

// Time converts to UTC time.
func (m EpochMillis) Time() time.Time { return time.UnixMilli(int64(m)).UTC() }

// Scopes is a token's scope list. A nil Scopes means Vercel sent none (or
// null); an empty non-nil one means it sent [].
type Scopes []Scope

// Scope is one entry of a token's scope list. Raw keeps the entry exactly as
// Vercel sent it, so shapes this client does not know pass through; the other
// fields are read from it where present and of the expected type.
type Scope struct {
	Raw    json.RawMessage
	Type   string
	TeamID string
	Origin string
	Sudo   *Sudo
}

// Sudo is a user scope's multi-factor elevation.
type Sudo struct {
	Origin    string       `json:"origin"`
	ExpiresAt *EpochMillis `json:"expiresAt"`
}

// UnmarshalJSON never fails on an entry's shape: an entry that is not an
// object, or whose known fields have unexpected types, is kept raw.
func (s *Scope) UnmarshalJSON(b []byte) error {
	*s = Scope{Raw: append(json.RawMessage(nil), b...)}
	var fields map[string]json.RawMessage
	if json.Unmarshal(b, &fields) != nil {
		return nil
	}
	s.Type = stringField(fields, "type")
	s.TeamID = stringField(fields, "teamId")
	s.Origin = stringField(fields, "origin")
	if raw, ok := fields["sudo"]; ok && !bytes.Equal(raw, []byte("null")) {
		var sudo Sudo
		if json.Unmarshal(raw, &sudo) == nil {
			s.Sudo = &sudo
		}
	}
	return nil
}

// MarshalJSON writes the entry back exactly as it was received.
func (s Scope) MarshalJSON() ([]byte, error) {
	if len(s.Raw) == 0 {
		return []byte("null"), nil
	}
	return s.Raw, nil
}

func stringField(fields map[string]json.RawMessage, name string) string {
	var v string
	if raw, ok := fields[name]; ok {
		_ = json.Unmarshal(raw, &v)
	}
	return v
}

// Cursor is a pagination cursor: Vercel sends a number (a timestamp) or an
// opaque string. It keeps the value's text exactly, so a numeric cursor is
// sent back digit for digit. The zero Cursor means null: no more pages.
type Cursor struct {
	value string
	set   bool
}

// UnmarshalJSON accepts a number, a string or null.
func (c *Cursor) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*c = Cursor{}
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*c = Cursor{value: s, set: true}
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("pagination cursor %s is neither a number, a string nor null", b)
		}
		*c = Cursor{value: n.String(), set: true}
	}
	return nil
}

// IsNull reports whether there is no next page.
func (c Cursor) IsNull() bool { return !c.set }

// String is the value to send as until=.
func (c Cursor) String() string { return c.value }
