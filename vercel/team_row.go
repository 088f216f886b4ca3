package vercel

import (
	"encoding/json"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// teamRow is one row of vercel_team: a team's fields already in their
// column types. A nil pointer is a SQL NULL.
type teamRow struct {
	ID                                string
	Slug                              string
	Name                              *string
	Title                             string
	CreatedAt                         *time.Time
	UpdatedAt                         *time.Time
	CreatorID                         *string
	Membership                        json.RawMessage
	MembershipRole                    *string
	SAMLEnforced                      *bool
	PersonalAccessTokensInvalidatedAt *time.Time
	AppTokensInvalidatedAt            *time.Time
	IntegrationTokensInvalidatedAt    *time.Time
	Limited                           bool
	LimitedBy                         *[]string
	Raw                               json.RawMessage
}

func newTeamRow(t vercelapi.Team) teamRow {
	row := teamRow{
		ID:                                t.ID,
		Slug:                              t.Slug,
		Name:                              t.Name,
		Title:                             t.Slug,
		CreatedAt:                         optionalTime(t.CreatedAt),
		UpdatedAt:                         optionalTime(t.UpdatedAt),
		CreatorID:                         optionalString(t.CreatorID),
		PersonalAccessTokensInvalidatedAt: optionalTime(t.PersonalAccessTokensInvalidatedAt),
		AppTokensInvalidatedAt:            optionalTime(t.AppTokensInvalidatedAt),
		IntegrationTokensInvalidatedAt:    optionalTime(t.IntegrationTokensInvalidatedAt),
		Limited:                           t.Limited,
		Raw:                               t.Raw,
	}
	if t.Name != nil && *t.Name != "" {
		row.Title = *t.Name
	}
	if row.Title == "" {
		row.Title = t.ID
	}
	if t.Membership != nil {
		row.MembershipRole = optionalString(t.Membership.Role)
		var fields struct {
			Membership json.RawMessage `json:"membership"`
		}
		if json.Unmarshal(t.Raw, &fields) == nil {
			row.Membership = fields.Membership
		}
	}
	if t.SAML != nil {
		row.SAMLEnforced = t.SAML.Enforced
	}
	if t.LimitedBy != nil {
		limitedBy := t.LimitedBy
		row.LimitedBy = &limitedBy
	}
	return row
}
