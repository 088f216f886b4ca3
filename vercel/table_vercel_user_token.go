package vercel

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

func tableVercelUserToken(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "vercel_user_token",
		Description: "Authentication tokens of the Vercel user the connection authenticates as: one row per token, with its scopes, expiry, last use and leak status.",
		List: &plugin.ListConfig{
			Hydrate: listUserTokens,
		},
		Get: &plugin.GetConfig{
			KeyColumns: plugin.SingleColumn("token_id"),
			Hydrate:    getUserToken,
		},
		Columns: userTokenColumns(),
	}
}

// userTokenColumn is a column of vercel_user_token and how to read it from a
// row: the table's scans and the row of a token just created
// (createdTokenValues) read every column the same way.
type userTokenColumn struct {
	name        string
	columnType  proto.ColumnType
	description string
	value       func(userTokenRow) any
}

// BearerTokenColumn holds a token's secret only in the rows of the statement
// that created it (see TokenWriter.Create); every read of the table gives
// NULL: Vercel shows a secret once.
const BearerTokenColumn = "bearer_token"

var userTokenColumnList = []userTokenColumn{
	{"token_id", proto.ColumnType_STRING, "The token's unique id (not the secret). Filter on it to fetch one token.", func(r userTokenRow) any { return r.TokenID }},
	{"name", proto.ColumnType_STRING, "The name given to the token when it was created.", func(r userTokenRow) any { return r.Name }},
	{"type", proto.ColumnType_STRING, "The kind of token, e.g. authentication-token or oauth2-token.", func(r userTokenRow) any { return r.Type }},
	{"origin", proto.ColumnType_STRING, "How the token was created, e.g. manual, github, saml or email; NULL when Vercel does not say.", func(r userTokenRow) any { return r.Origin }},
	{"active_at", proto.ColumnType_TIMESTAMP, "When the token was last used.", func(r userTokenRow) any { return r.ActiveAt }},
	{"created_at", proto.ColumnType_TIMESTAMP, "When the token was created.", func(r userTokenRow) any { return r.CreatedAt }},
	{"expires_at", proto.ColumnType_TIMESTAMP, "When the token expires; NULL means it never expires.", func(r userTokenRow) any { return r.ExpiresAt }},
	{"leaked_at", proto.ColumnType_TIMESTAMP, "When Vercel found the token exposed in public (a leak); NULL if it never did.", func(r userTokenRow) any { return r.LeakedAt }},
	{"leaked_url", proto.ColumnType_STRING, "Where Vercel found the leaked token; NULL when unknown or not leaked.", func(r userTokenRow) any { return r.LeakedURL }},
	{"revoked_at", proto.ColumnType_TIMESTAMP, "When the token was revoked; NULL if it was not.", func(r userTokenRow) any { return r.RevokedAt }},
	{"prefix", proto.ColumnType_STRING, "The first characters of the token's secret, to recognise it; never the whole secret.", func(r userTokenRow) any { return r.Prefix }},
	{"suffix", proto.ColumnType_STRING, "The last characters of the token's secret, to recognise it; never the whole secret.", func(r userTokenRow) any { return r.Suffix }},
	{"project_id", proto.ColumnType_STRING, "The project the token is restricted to; NULL when it is not restricted to one project.", func(r userTokenRow) any { return r.ProjectID }},
	{"scopes", proto.ColumnType_JSON, "The token's scopes exactly as Vercel returns them: user scopes (the whole account), team scopes (one team) and any newer kind.", func(r userTokenRow) any { return r.Scopes }},
	{"scope_types", proto.ColumnType_JSON, `The distinct scope types the token has, e.g. ["user","team"]; "user" means access to the whole account.`, func(r userTokenRow) any { return r.ScopeTypes }},
	{"team_ids", proto.ColumnType_JSON, "The ids of the teams the token's team scopes give access to.", func(r userTokenRow) any { return r.TeamIDs }},
	{"sudo_origin", proto.ColumnType_STRING, "How the user scope was elevated by multi-factor authentication (totp, webauthn or recovery-code); NULL without elevation.", func(r userTokenRow) any { return r.SudoOrigin }},
	{"sudo_expires_at", proto.ColumnType_TIMESTAMP, "When the user scope's multi-factor elevation ends; NULL without elevation.", func(r userTokenRow) any { return r.SudoExpiresAt }},
	{"is_current", proto.ColumnType_BOOL, "True for the token this connection itself authenticates with.", func(r userTokenRow) any { return r.IsCurrent }},
	{BearerTokenColumn, proto.ColumnType_STRING, "The token's secret: NULL on every read; only the row of the INSERT (PostgreSQL) or vercel_create_user_token call (SQLite) that created the token holds it, once.", func(userTokenRow) any { return nil }},
	{"title", proto.ColumnType_STRING, "Title of the resource: the token's name.", func(r userTokenRow) any { return r.Title }},
}

func userTokenColumns() []*plugin.Column {
	columns := make([]*plugin.Column, len(userTokenColumnList))
	for i, c := range userTokenColumnList {
		columns[i] = column(c.name, c.columnType, c.description, c.value)
	}
	return columns
}

func listUserTokens(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	limit := rowlimit.Rows(d.QueryContext.GetLimit())
	if limit.IsZero() {
		return nil, nil
	}
	client, err := newClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, clientError(err)
	}
	awaitCurrent := startCurrentLookup(ctx, d)
	opts := vercelapi.ListTokensOptions{Limit: limit, BeforePage: waitForLaterPages(d)}
	var streamErr error
	err = client.ListTokens(ctx, opts, func(page []vercelapi.AuthToken) bool {
		current, err := awaitCurrent()
		if err != nil {
			streamErr = err
			return false
		}
		return streamPage(ctx, d, page, func(token vercelapi.AuthToken) any { return newUserTokenRow(token, current) })
	})
	if err == nil {
		err = streamErr
	}
	if err == nil {
		// The list may be empty: is_current's lookup must not fail unseen.
		_, err = awaitCurrent()
	}
	return nil, explain(err)
}

func getUserToken(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	id := d.EqualsQualString("token_id")
	if id == "" {
		return nil, nil
	}
	client, err := newClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, clientError(err)
	}
	awaitCurrent := startCurrentLookup(ctx, d)
	token, err := client.GetToken(ctx, id)
	switch {
	case vercelapi.IsNotFound(err):
		return nil, nil
	case err != nil:
		return nil, explain(err)
	case token.ID != id:
		// e.g. token_id = 'current' asks another endpoint; no token has that id.
		return nil, nil
	}
	current, err := awaitCurrent()
	if err != nil {
		return nil, explain(err)
	}
	return newUserTokenRow(*token, current), nil
}

// waitForLaterPages takes one rate-limiter token per page after the first:
// the SDK already took one for the first when it started the list call.
func waitForLaterPages(d *plugin.QueryData) func(context.Context) {
	first := true
	return func(ctx context.Context) {
		if first {
			first = false
			return
		}
		d.WaitForListRateLimit(ctx)
	}
}
