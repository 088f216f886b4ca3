package vercel

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

func tableVercelTeam(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "vercel_team",
		Description: "Teams the Vercel user the connection authenticates as belongs to: one row per team, with the user's role, SAML enforcement and the times Vercel invalidated older tokens for the team.",
		List: &plugin.ListConfig{
			Hydrate: listTeams,
		},
		Get: &plugin.GetConfig{
			KeyColumns: plugin.AnyColumn([]string{"id", "slug"}),
			Hydrate:    getTeam,
		},
		Columns: teamColumns(),
	}
}

func teamColumns() []*plugin.Column {
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The team's unique id (team_…), as in vercel_user_token.team_ids. Filter on it to fetch one team.", func(r teamRow) any { return r.ID }),
		column("slug", proto.ColumnType_STRING, "The team's URL slug, unique across Vercel. Filter on it to fetch one team.", func(r teamRow) any { return r.Slug }),
		column("name", proto.ColumnType_STRING, "The team's name; NULL when none was given.", func(r teamRow) any { return r.Name }),
		column("created_at", proto.ColumnType_TIMESTAMP, "When the team was created.", func(r teamRow) any { return r.CreatedAt }),
		column("updated_at", proto.ColumnType_TIMESTAMP, "When the team was last updated; NULL for a limited team.", func(r teamRow) any { return r.UpdatedAt }),
		column("creator_id", proto.ColumnType_STRING, "The id of the user who created the team; NULL for a limited team.", func(r teamRow) any { return r.CreatorID }),
		column("membership", proto.ColumnType_JSON, "The connection's user's membership of the team, exactly as Vercel returns it (role, confirmed, how and when they joined).", func(r teamRow) any { return r.Membership }),
		column("membership_role", proto.ColumnType_STRING, "The connection's user's role in the team, e.g. OWNER, MEMBER, DEVELOPER or VIEWER.", func(r teamRow) any { return r.MembershipRole }),
		column("saml_enforced", proto.ColumnType_BOOL, "True when the team accepts only tokens from a login through its SAML single sign-on; NULL when Vercel does not say.", func(r teamRow) any { return r.SAMLEnforced }),
		column("personal_access_tokens_invalidated_at", proto.ColumnType_TIMESTAMP, "Personal access tokens created at or before this time no longer work for the team; NULL if Vercel never invalidated them.", func(r teamRow) any { return r.PersonalAccessTokensInvalidatedAt }),
		column("app_tokens_invalidated_at", proto.ColumnType_TIMESTAMP, "Vercel App (OAuth) tokens created at or before this time no longer work for the team; NULL if never.", func(r teamRow) any { return r.AppTokensInvalidatedAt }),
		column("integration_tokens_invalidated_at", proto.ColumnType_TIMESTAMP, "Integration tokens created at or before this time no longer work for the team; NULL if never.", func(r teamRow) any { return r.IntegrationTokensInvalidatedAt }),
		column("limited", proto.ColumnType_BOOL, "True when Vercel shows the team only in part, because the connection's token lacks MFA, a SAML login or scope for it; most columns are then NULL.", func(r teamRow) any { return r.Limited }),
		column("limited_by", proto.ColumnType_JSON, `Why the team is limited, e.g. ["mfa"] or ["scope"]; NULL when it is not.`, func(r teamRow) any { return r.LimitedBy }),
		column("raw", proto.ColumnType_JSON, "The team object exactly as Vercel returns it.", func(r teamRow) any { return r.Raw }),
		column("title", proto.ColumnType_STRING, "Title of the resource: the team's name, else its slug.", func(r teamRow) any { return r.Title }),
	}
}

func listTeams(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	limit := rowlimit.Rows(d.QueryContext.GetLimit())
	if limit.IsZero() {
		return nil, nil
	}
	client, err := newClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, clientError(err)
	}
	opts := vercelapi.ListTeamsOptions{Limit: limit, BeforePage: waitForLaterPages(d)}
	err = client.ListTeams(ctx, opts, func(page []vercelapi.Team) bool {
		return streamPage(ctx, d, page, func(team vercelapi.Team) any { return newTeamRow(team) })
	})
	return nil, explain(err)
}

// getTeam fetches one team by id or slug. A team that does not exist
// (Vercel's not_found) or that the user cannot see (403: a team they left
// or never joined) is no row, as it would be absent from the list.
func getTeam(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	ref := d.EqualsQualString("id")
	if ref == "" {
		ref = d.EqualsQualString("slug")
	}
	if ref == "" {
		return nil, nil
	}
	client, err := newClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, clientError(err)
	}
	team, err := client.GetTeam(ctx, ref)
	switch {
	case vercelapi.IsNotFound(err), vercelapi.StatusOf(err) == 403:
		plugin.Logger(ctx).Debug("vercel_team: no such team for this user", "status", vercelapi.StatusOf(err))
		return nil, nil
	case err != nil:
		return nil, explain(err)
	case team.ID != ref && team.Slug != ref:
		return nil, nil
	}
	return newTeamRow(*team), nil
}
