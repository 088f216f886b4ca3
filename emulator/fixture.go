package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
)

// Fixture is the emulator's starting state, and also the format of fixture
// files.
type Fixture struct {
	// BearerTokens maps a bearer secret to the id of the token it
	// authenticates as.
	BearerTokens map[string]string `json:"bearer_tokens"`
	Teams        []Team            `json:"teams"`
	// Tokens are AuthToken objects exactly as Vercel sends them; fields the
	// emulator does not know pass through untouched.
	Tokens []json.RawMessage `json:"tokens"`
	// User is the AuthUser object GET /v2/user answers with; without it
	// that endpoint answers 404.
	User json.RawMessage `json:"user,omitempty"`
	// LeftTeams are teams the user has left: not listed, not usable as
	// team context, 403 when asked for by id or slug.
	LeftTeams []Team `json:"left_teams,omitempty"`
}

// Team is a team of the user, usable as team context. In a fixture file it
// is a Team object exactly as Vercel sends it (see team_json.go); id and
// slug are required.
type Team struct {
	ID   string
	Slug string
	// raw is the whole object; createdAt is its createdAt, 0 when absent.
	raw       json.RawMessage
	createdAt int64
}

// LoadFixture reads and validates a fixture file.
func LoadFixture(path string) (*Fixture, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read fixture: %w", err)
	}
	f, err := ParseFixture(data)
	if err != nil {
		return nil, fmt.Errorf("fixture %s: %w", path, err)
	}
	return f, nil
}

// ParseFixture decodes and validates a fixture from JSON.
func ParseFixture(data []byte) (*Fixture, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f Fixture
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode fixture: %w", err)
	}
	if dec.More() {
		return nil, errors.New("decode fixture: unexpected data after the fixture object")
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

// Validate reports the first reason the fixture cannot be served: tokens need
// a unique non-empty id and a unique integer createdAt (list cursors are built
// from it), teams a unique id and slug, and every bearer secret must point at
// an existing token.
func (f *Fixture) Validate() error {
	_, err := f.check()
	return err
}

// check validates the fixture and returns what it learnt of each token.
func (f *Fixture) check() ([]tokenMeta, error) {
	metas, err := readTokenMetas(f.Tokens)
	if err != nil {
		return nil, err
	}
	if err := validateTeams(slices.Concat(f.Teams, f.LeftTeams)); err != nil {
		return nil, err
	}
	if err := validateTeamsAndUser(f); err != nil {
		return nil, err
	}
	if err := validateBearerTokens(f.BearerTokens, metas); err != nil {
		return nil, err
	}
	return metas, nil
}

// Secret returns one bearer secret of the fixture (the smallest, so the choice
// is stable), or "" when there is none. Generated fixtures have exactly one.
func (f *Fixture) Secret() string {
	secrets := make([]string, 0, len(f.BearerTokens))
	for secret := range f.BearerTokens {
		secrets = append(secrets, secret)
	}
	if len(secrets) == 0 {
		return ""
	}
	return slices.Min(secrets)
}

// MarshalPretty encodes the fixture the way fixture files are stored:
// two-space indentation, a trailing newline and no HTML escaping.
func (f *Fixture) MarshalPretty() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encode fixture: %w", err)
	}
	return buf.Bytes(), nil
}

func validateTeams(teams []Team) error {
	ids := make(map[string]bool, len(teams))
	slugs := make(map[string]bool, len(teams))
	for i, team := range teams {
		switch {
		case team.ID == "":
			return fmt.Errorf("team #%d: missing or empty \"id\"", i)
		case team.Slug == "":
			return fmt.Errorf("team #%d (%s): missing or empty \"slug\"", i, team.ID)
		case ids[team.ID]:
			return fmt.Errorf("team #%d: duplicate team id %q", i, team.ID)
		case slugs[team.Slug]:
			return fmt.Errorf("team #%d: duplicate team slug %q", i, team.Slug)
		}
		ids[team.ID] = true
		slugs[team.Slug] = true
	}
	return nil
}

func validateBearerTokens(bearers map[string]string, metas []tokenMeta) error {
	known := make(map[string]bool, len(metas))
	for _, m := range metas {
		known[m.id] = true
	}
	secrets := make([]string, 0, len(bearers))
	for secret := range bearers {
		secrets = append(secrets, secret)
	}
	sort.Strings(secrets) // report problems in a stable order
	for _, secret := range secrets {
		id := bearers[secret]
		if secret == "" {
			return errors.New("bearer_tokens: empty secret")
		}
		if !known[id] {
			return fmt.Errorf("bearer_tokens: a secret points at token id %q, which is not in tokens", id)
		}
	}
	return nil
}
