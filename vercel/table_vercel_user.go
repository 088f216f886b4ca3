package vercel

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

func tableVercelUser(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "vercel_user",
		Description: "The Vercel user the connection authenticates as: one row, the owner of the connection's tokens.",
		List: &plugin.ListConfig{
			Hydrate: listUser,
		},
		Columns: userColumns(),
	}
}

func userColumns() []*plugin.Column {
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The user's unique id.", func(r userRow) any { return r.ID }),
		column("username", proto.ColumnType_STRING, "The user's unique username.", func(r userRow) any { return r.Username }),
		column("email", proto.ColumnType_STRING, "The e-mail address of the account.", func(r userRow) any { return r.Email }),
		column("name", proto.ColumnType_STRING, "The user's name; NULL when none was given.", func(r userRow) any { return r.Name }),
		column("default_team_id", proto.ColumnType_STRING, "The id of the user's default team; NULL when there is none.", func(r userRow) any { return r.DefaultTeamID }),
		column("created_at", proto.ColumnType_TIMESTAMP, "When the account was created; NULL when the answer is limited.", func(r userRow) any { return r.CreatedAt }),
		column("is_enterprise_managed", proto.ColumnType_BOOL, "True for an account an enterprise manages (EMU); NULL when Vercel does not say, as in a limited answer.", func(r userRow) any { return r.IsEnterpriseManaged }),
		column("limited", proto.ColumnType_BOOL, "True when Vercel answered with only part of the account because the connection's token lacks the privileges to read it all (e.g. a token scoped to teams only).", func(r userRow) any { return r.Limited }),
		column("raw", proto.ColumnType_JSON, "The user object exactly as Vercel returns it.", func(r userRow) any { return r.Raw }),
		column("title", proto.ColumnType_STRING, "Title of the resource: the username.", func(r userRow) any { return r.Title }),
	}
}

func listUser(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	if rowlimit.Rows(d.QueryContext.GetLimit()).IsZero() {
		return nil, nil
	}
	client, err := newClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, clientError(err)
	}
	user, err := client.GetUser(ctx)
	if err != nil {
		return nil, explain(err)
	}
	d.StreamListItem(ctx, newUserRow(*user))
	return nil, nil
}
