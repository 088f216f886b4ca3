package tokenwrite

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// InputError is a value a new token cannot be created with; nothing was
// sent to Vercel.
type InputError struct {
	Column, Reason string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s %s: no token was created", e.Column, e.Reason)
}

// Input is a new token's values as the engine read them: text, nil for
// NULL or a column not given.
type Input struct {
	Name, ExpiresAt, ProjectID *string
	// Teams is team_ids, a JSON array; Team a single team (SQLite's
	// function argument). At most one of them is set.
	Teams, Team *string
}

// timestampLayouts are the forms expires_at is read in: RFC 3339 as
// PostgreSQL's JSON and the docs write it, SQLite's datetime() (UTC), and a
// date (midnight UTC).
var timestampLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"}

// NewToken checks in and turns it into what Vercel is asked for; now is the
// time expires_at must be after.
func (in Input) NewToken(now time.Time) (vercel.NewToken, error) {
	var nt vercel.NewToken
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		return nt, &InputError{"name", "is missing or empty: a token needs a name"}
	}
	nt.Name = *in.Name
	if in.ExpiresAt != nil {
		at, err := parseTimestamp(*in.ExpiresAt)
		if err != nil {
			return nt, err
		}
		if !at.After(now) {
			return nt, &InputError{"expires_at", fmt.Sprintf("%s is not in the future: a token cannot be created expired; give a later time, or NULL for a token that never expires", at.UTC().Format(time.RFC3339))}
		}
		nt.ExpiresAt = at
	}
	team, err := in.team()
	if err != nil {
		return nt, err
	}
	nt.Team = team
	if in.ProjectID != nil {
		nt.ProjectID = strings.TrimSpace(*in.ProjectID)
	}
	return nt, nil
}

func parseTimestamp(text string) (time.Time, error) {
	text = strings.TrimSpace(text)
	for _, layout := range timestampLayouts {
		if at, err := time.Parse(layout, text); err == nil {
			return at, nil
		}
	}
	return time.Time{}, &InputError{"expires_at", fmt.Sprintf("%q is not a timestamp: write it as 2027-03-01T00:00:00Z", text)}
}

func (in Input) team() (string, error) {
	if in.Team != nil {
		return strings.TrimSpace(*in.Team), nil
	}
	if in.Teams == nil {
		return "", nil
	}
	var teams []string
	if err := json.Unmarshal([]byte(*in.Teams), &teams); err != nil {
		return "", &InputError{"team_ids", `is not a JSON array of team ids: write it as '["team_…"]'`}
	}
	switch len(teams) {
	case 0:
		return "", nil
	case 1:
		return strings.TrimSpace(teams[0]), nil
	default:
		return "", &InputError{"team_ids", fmt.Sprintf("names %d teams: Vercel creates a token in one team at most; create one token per team", len(teams))}
	}
}
