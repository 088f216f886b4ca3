package vercel

import (
	"encoding/json"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// userRow is the one row of vercel_user. A nil pointer is a SQL NULL.
type userRow struct {
	ID                  string
	Username            *string
	Email               *string
	Name                *string
	DefaultTeamID       *string
	CreatedAt           *time.Time
	IsEnterpriseManaged *bool
	Limited             bool
	Raw                 json.RawMessage
	Title               string
}

func newUserRow(u vercelapi.User) userRow {
	row := userRow{
		ID:                  u.ID,
		Username:            optionalString(u.Username),
		Email:               optionalString(u.Email),
		Name:                u.Name,
		DefaultTeamID:       u.DefaultTeamID,
		CreatedAt:           optionalTime(u.CreatedAt),
		IsEnterpriseManaged: u.IsEnterpriseManaged,
		Limited:             u.Limited,
		Raw:                 u.Raw,
		Title:               u.Username,
	}
	if row.Title == "" {
		row.Title = u.ID
	}
	return row
}
