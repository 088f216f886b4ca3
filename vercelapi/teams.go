package vercelapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

const (
	listTeamsPath  = "/v2/teams"
	teamPathPrefix = listTeamsPath + "/"
)

// Team is a team the user belongs to, as GET /v2/teams lists it: either
// Vercel's full Team or its TeamLimited form (Limited set), which holds
// only id, slug, name, membership, createdAt and saml. Optional fields are
// pointers; timestamps keep Vercel's milliseconds. Raw is the object
// exactly as Vercel sent it.
type Team struct {
	ID        string       `json:"id"`
	Slug      string       `json:"slug"`
	Name      *string      `json:"name"`
	CreatorID string       `json:"creatorId"`
	CreatedAt *EpochMillis `json:"-"`
	UpdatedAt *EpochMillis `json:"-"`
	// Membership is the connection's user's membership of the team.
	Membership *Membership `json:"membership"`
	SAML       *TeamSAML   `json:"saml"`
	// Tokens of each kind created at or before these times no longer work
	// for the team.
	PersonalAccessTokensInvalidatedAt *EpochMillis `json:"-"`
	AppTokensInvalidatedAt            *EpochMillis `json:"-"`
	IntegrationTokensInvalidatedAt    *EpochMillis `json:"-"`
	// Limited means Vercel showed the team only in part; LimitedBy says why
	// (seen: "mfa", "scope").
	Limited   bool            `json:"limited"`
	LimitedBy []string        `json:"limitedBy"`
	Raw       json.RawMessage `json:"-"`
}

// Membership is a user's membership of a team.
type Membership struct {
	// Role is e.g. OWNER, MEMBER, DEVELOPER, VIEWER.
	Role      string `json:"role"`
	Confirmed *bool  `json:"confirmed"`
}

// TeamSAML is a team's SAML single sign-on configuration.
type TeamSAML struct {
	// Enforced means the team accepts only tokens from a SAML login.
	Enforced *bool `json:"enforced"`
}

// UnmarshalJSON reads the timestamps through millisField, so that a bad
// one is named by its field and its team, and keeps the raw object.
func (t *Team) UnmarshalJSON(b []byte) error {
	type fields Team // its own UnmarshalJSON left behind
	var raw struct {
		fields
		CreatedAt                         json.RawMessage `json:"createdAt"`
		UpdatedAt                         json.RawMessage `json:"updatedAt"`
		PersonalAccessTokensInvalidatedAt json.RawMessage `json:"personalAccessTokensInvalidatedAt"`
		AppTokensInvalidatedAt            json.RawMessage `json:"appTokensInvalidatedAt"`
		IntegrationTokensInvalidatedAt    json.RawMessage `json:"integrationTokensInvalidatedAt"`
	}
	err := json.Unmarshal(b, &raw)
	*t = Team(raw.fields)
	t.Raw = append(json.RawMessage(nil), b...)
	if err == nil {
		err = decodeMillisFields([]millisTarget{
			{"createdAt", raw.CreatedAt, &t.CreatedAt},
			{"updatedAt", raw.UpdatedAt, &t.UpdatedAt},
			{"personalAccessTokensInvalidatedAt", raw.PersonalAccessTokensInvalidatedAt, &t.PersonalAccessTokensInvalidatedAt},
			{"appTokensInvalidatedAt", raw.AppTokensInvalidatedAt, &t.AppTokensInvalidatedAt},
			{"integrationTokensInvalidatedAt", raw.IntegrationTokensInvalidatedAt, &t.IntegrationTokensInvalidatedAt},
		})
	}
	return nameItem("team", b, err)
}

// ListTeamsOptions tunes ListTeams. The zero value lists every team in
// pages of MaxPageSize.
type ListTeamsOptions struct {
	// PageSize is the limit asked for per page, 1–100; 0 means 100.
	PageSize int
	// Limit stops paging once this many teams have been fetched, and
	// shrinks the page size to match.
	Limit rowlimit.Limit
	// BeforePage, if set, runs before each page request.
	BeforePage func(context.Context)
}

var teamList = pagedList[Team]{
	path: listTeamsPath,
	key:  "teams",
	noun: "team",
	decode: func(raw json.RawMessage) (Team, string, error) {
		// Straight to its own UnmarshalJSON: json.Unmarshal would check
		// the item, already checked with its page, before handing it on.
		var t Team
		err := t.UnmarshalJSON(raw)
		return t, t.ID, err
	},
}

// ListTeams pages through the teams the user belongs to (GET /v2/teams,
// next pages with until=<pagination.next>) exactly as ListTokens pages
// through tokens: the same prefetch, bounds, loop guard and skipping of a
// team listed again.
func (c *Client) ListTeams(ctx context.Context, opts ListTeamsOptions, handle func([]Team) bool) error {
	return c.secret.redactError(pageAll(ctx, c, teamList, pageOptions{pageSize: opts.PageSize, limit: opts.Limit, beforePage: opts.BeforePage}, handle))
}

type teamAnswer struct{ Team }

func (a *teamAnswer) validate() error {
	if a.ID == "" {
		return errors.New(`the team in the answer has no "id"`)
	}
	return nil
}

// GetTeam fetches one team by id or slug (GET /v2/teams/{idOrSlug}). A team
// that does not exist is Vercel's 404 not_found *Error (see IsNotFound); a
// team the user cannot see is a 403 *Error.
func (c *Client) GetTeam(ctx context.Context, idOrSlug string) (*Team, error) {
	if idOrSlug == "" {
		return nil, errors.New("GetTeam: empty team id or slug")
	}
	var a teamAnswer
	if err := c.do(ctx, http.MethodGet, teamPathPrefix+pathSegment(idOrSlug), nil, nil, &a); err != nil {
		return nil, err
	}
	return &a.Team, nil
}
