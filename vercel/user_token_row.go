package vercel

import (
	"slices"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// userTokenRow is one row of vercel_user_token: a token's fields already in
// their column types. A nil pointer is a SQL NULL.
type userTokenRow struct {
	TokenID       string
	Name          string
	Type          string
	Origin        *string
	Title         string
	ActiveAt      *time.Time
	CreatedAt     *time.Time
	ExpiresAt     *time.Time
	LeakedAt      *time.Time
	RevokedAt     *time.Time
	LeakedURL     *string
	Prefix        *string
	Suffix        *string
	ProjectID     *string
	Scopes        *vercelapi.Scopes
	ScopeTypes    *[]string
	TeamIDs       *[]string
	SudoOrigin    *string
	SudoExpiresAt *time.Time
	IsCurrent     *bool
}

// currentToken says which token the connection authenticates with, when
// the query asked for is_current.
type currentToken struct {
	known bool
	id    string
}

func newUserTokenRow(t vercelapi.AuthToken, current currentToken) userTokenRow {
	row := userTokenRow{
		TokenID:   t.ID,
		Name:      t.Name,
		Type:      t.Type,
		Origin:    optionalString(t.Origin),
		Title:     t.Name,
		ActiveAt:  optionalTime(t.ActiveAt),
		CreatedAt: optionalTime(t.CreatedAt),
		ExpiresAt: optionalTime(t.ExpiresAt),
		LeakedAt:  optionalTime(t.LeakedAt),
		RevokedAt: optionalTime(t.RevokedAt),
		LeakedURL: optionalString(t.LeakedURL),
		Prefix:    optionalString(t.Prefix),
		Suffix:    optionalString(t.Suffix),
		ProjectID: optionalString(t.ProjectID),
	}
	if row.Title == "" {
		row.Title = t.ID
	}
	if t.Scopes != nil {
		scopes := t.Scopes
		types, teams := scopeTypes(scopes), teamIDs(scopes)
		row.Scopes, row.ScopeTypes, row.TeamIDs = &scopes, &types, &teams
	}
	if sudo := userSudo(t.Scopes); sudo != nil {
		row.SudoOrigin = optionalString(sudo.Origin)
		row.SudoExpiresAt = optionalTime(sudo.ExpiresAt)
	}
	if current.known {
		isCurrent := current.id == t.ID
		row.IsCurrent = &isCurrent
	}
	return row
}

// scopeTypes lists the distinct scope types in the order they first appear.
func scopeTypes(scopes vercelapi.Scopes) []string {
	types := []string{}
	for _, s := range scopes {
		if s.Type != "" && !slices.Contains(types, s.Type) {
			types = append(types, s.Type)
		}
	}
	return types
}

// teamIDs lists the teamId of every team scope, in order.
func teamIDs(scopes vercelapi.Scopes) []string {
	ids := []string{}
	for _, s := range scopes {
		if s.Type == "team" && s.TeamID != "" {
			ids = append(ids, s.TeamID)
		}
	}
	return ids
}

// userSudo returns the multi-factor elevation of the first user scope that
// has one.
func userSudo(scopes vercelapi.Scopes) *vercelapi.Sudo {
	for _, s := range scopes {
		if s.Type == "user" && s.Sudo != nil {
			return s.Sudo
		}
	}
	return nil
}

func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optionalTime(m *vercelapi.EpochMillis) *time.Time {
	if m == nil {
		return nil
	}
	t := m.Time()
	return &t
}
