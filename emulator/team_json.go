package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
)

// UnmarshalJSON keeps the whole Team object and reads what the emulator
// needs of it: id, slug and createdAt.
func (t *Team) UnmarshalJSON(b []byte) error {
	var fields struct {
		ID        string          `json:"id"`
		Slug      string          `json:"slug"`
		CreatedAt json.RawMessage `json:"createdAt"`
	}
	if err := json.Unmarshal(b, &fields); err != nil {
		return fmt.Errorf("team: %w", err)
	}
	*t = Team{ID: fields.ID, Slug: fields.Slug, raw: append(json.RawMessage(nil), b...)}
	if len(fields.CreatedAt) > 0 && string(fields.CreatedAt) != "null" {
		if err := json.Unmarshal(fields.CreatedAt, &t.createdAt); err != nil {
			return fmt.Errorf("team %s: createdAt must be an integer of milliseconds: %w", fields.ID, err)
		}
	}
	return nil
}

// MarshalJSON writes the object as it was read; a Team built in code is
// written with its id and slug.
func (t Team) MarshalJSON() ([]byte, error) {
	if len(t.raw) > 0 {
		return t.raw, nil
	}
	return json.Marshal(map[string]string{"id": t.ID, "slug": t.Slug})
}

// object is the team as the API sends it.
func (t Team) object() json.RawMessage {
	b, _ := t.MarshalJSON() // a map of strings always marshals
	return b
}

// validateTeamsAndUser checks what the team and user endpoints rely on:
// teams page by createdAt, so member teams that have one need distinct
// ones (teams without one sort last, in fixture order, and page correctly
// only within one page); a user needs an id.
func validateTeamsAndUser(f *Fixture) error {
	seen := map[int64]string{}
	for _, team := range f.Teams {
		if other, dup := seen[team.createdAt]; dup && team.createdAt != 0 {
			return fmt.Errorf("teams %s and %s have the same createdAt: the team list's cursors are built from it", other, team.ID)
		}
		seen[team.createdAt] = team.ID
	}
	if len(f.User) > 0 {
		var user struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(f.User, &user); err != nil || user.ID == "" {
			return errors.New(`user: must be an object with a non-empty "id"`)
		}
	}
	return nil
}
