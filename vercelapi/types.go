package vercelapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
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

// AuthToken's timestamps decode through millisField, so that a bad one is
// named by its field and its token.
func (t *AuthToken) UnmarshalJSON(b []byte) error {
	type fields AuthToken // its own UnmarshalJSON left behind
	var raw struct {
		fields
		ActiveAt  json.RawMessage `json:"activeAt"`
		CreatedAt json.RawMessage `json:"createdAt"`
		ExpiresAt json.RawMessage `json:"expiresAt"`
		LeakedAt  json.RawMessage `json:"leakedAt"`
		RevokedAt json.RawMessage `json:"revokedAt"`
	}
	err := json.Unmarshal(b, &raw)
	*t = AuthToken(raw.fields)
	if err == nil {
		err = decodeMillisFields([]millisTarget{
			{"activeAt", raw.ActiveAt, &t.ActiveAt},
			{"createdAt", raw.CreatedAt, &t.CreatedAt},
			{"expiresAt", raw.ExpiresAt, &t.ExpiresAt},
			{"leakedAt", raw.LeakedAt, &t.LeakedAt},
			{"revokedAt", raw.RevokedAt, &t.RevokedAt},
		})
	}
	return nameItem("token", b, err)
}

// nameItem names the item whose field did not decode by its id, when it
// has one.
func nameItem(noun string, b []byte, err error) error {
	if err == nil {
		return nil
	}
	var named struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(b, &named) == nil && named.ID != "" {
		return &itemDecodeError{noun: noun, id: named.ID, err: err}
	}
	return err
}

// itemDecodeError names the item (a token, a team) whose field did not
// decode.
type itemDecodeError struct {
	noun, id string
	err      error
}

func (e *itemDecodeError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.noun, shorten(e.id), e.err)
}

func (e *itemDecodeError) Unwrap() error { return e.err }

// EpochMillis is a Vercel timestamp: milliseconds since the Unix epoch,
// within years 1 to 9999 (what SQL timestamps hold).
type EpochMillis int64

var (
	minEpochMillis = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	maxEpochMillis = time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC).UnixMilli()
)

// UnmarshalJSON accepts any JSON number, integral or not, in range.
func (m *EpochMillis) UnmarshalJSON(b []byte) error {
	text := string(bytes.TrimSpace(b))
	f, err := strconv.ParseFloat(text, 64)
	if (err != nil && !errors.Is(err, strconv.ErrRange)) || strings.HasPrefix(text, `"`) {
		return fmt.Errorf("%s is not a number of milliseconds", shorten(text))
	}
	switch rounded := math.Round(f); {
	case rounded > float64(maxEpochMillis):
		return fmt.Errorf("%s is after year 9999", shorten(text))
	case rounded < float64(minEpochMillis):
		return fmt.Errorf("%s is before year 1", shorten(text))
	default:
		*m = EpochMillis(rounded)
		return nil
	}
}

// millisField decodes the timestamp field name: nil when absent or null.
func millisField(name string, raw json.RawMessage) (*EpochMillis, error) {
	if len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var m EpochMillis
	if err := m.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &m, nil
}

// millisTarget is one timestamp field to decode: its JSON name, its raw
// value and where the result goes.
type millisTarget struct {
	name string
	raw  json.RawMessage
	into **EpochMillis
}

// decodeMillisFields decodes each target in turn and stops at the first
// error, which names its field.
func decodeMillisFields(targets []millisTarget) error {
	for _, ts := range targets {
		var err error
		if *ts.into, err = millisField(ts.name, ts.raw); err != nil {
			return err
		}
	}
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

// UnmarshalJSON does not fail on an entry's shape: an entry that is not an
// object, or whose known fields have unexpected types, is kept raw. The one
// exception is a sudo object whose expiresAt is not a timestamp: that is an
// error, as for every timestamp the client reads.
func (s *Scope) UnmarshalJSON(b []byte) error {
	*s = Scope{Raw: append(json.RawMessage(nil), b...)}
	var fields map[string]json.RawMessage
	if json.Unmarshal(b, &fields) != nil {
		return nil
	}
	s.Type = stringField(fields, "type")
	s.TeamID = stringField(fields, "teamId")
	s.Origin = stringField(fields, "origin")
	var sudo map[string]json.RawMessage
	if raw, ok := fields["sudo"]; ok && json.Unmarshal(raw, &sudo) == nil && sudo != nil {
		expiresAt, err := millisField("expiresAt", sudo["expiresAt"])
		if err != nil {
			return fmt.Errorf("scope %s: sudo.%w", shorten(s.Type), err)
		}
		s.Sudo = &Sudo{Origin: stringField(sudo, "origin"), ExpiresAt: expiresAt}
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
