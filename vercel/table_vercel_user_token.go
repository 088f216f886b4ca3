package vercel

import (
	"context"
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

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

func userTokenColumns() []*plugin.Column {
	return []*plugin.Column{
		column("token_id", proto.ColumnType_STRING, "TokenID", "The token's unique id (not the secret). Filter on it to fetch one token."),
		column("name", proto.ColumnType_STRING, "Name", "The name given to the token when it was created."),
		column("type", proto.ColumnType_STRING, "Type", "The kind of token, e.g. authentication-token or oauth2-token."),
		column("origin", proto.ColumnType_STRING, "Origin", "How the token was created, e.g. manual, github, saml or email; NULL when Vercel does not say."),
		column("active_at", proto.ColumnType_TIMESTAMP, "ActiveAt", "When the token was last used."),
		column("created_at", proto.ColumnType_TIMESTAMP, "CreatedAt", "When the token was created."),
		column("expires_at", proto.ColumnType_TIMESTAMP, "ExpiresAt", "When the token expires; NULL means it never expires."),
		column("leaked_at", proto.ColumnType_TIMESTAMP, "LeakedAt", "When Vercel found the token exposed in public (a leak); NULL if it never did."),
		column("leaked_url", proto.ColumnType_STRING, "LeakedURL", "Where Vercel found the leaked token; NULL when unknown or not leaked."),
		column("revoked_at", proto.ColumnType_TIMESTAMP, "RevokedAt", "When the token was revoked; NULL if it was not."),
		column("prefix", proto.ColumnType_STRING, "Prefix", "The first characters of the token's secret, to recognise it; never the whole secret."),
		column("suffix", proto.ColumnType_STRING, "Suffix", "The last characters of the token's secret, to recognise it; never the whole secret."),
		column("project_id", proto.ColumnType_STRING, "ProjectID", "The project the token is restricted to; NULL when it is not restricted to one project."),
		column("scopes", proto.ColumnType_JSON, "Scopes", "The token's scopes exactly as Vercel returns them: user scopes (the whole account), team scopes (one team) and any newer kind."),
		column("scope_types", proto.ColumnType_JSON, "ScopeTypes", `The distinct scope types the token has, e.g. ["user","team"]; "user" means access to the whole account.`),
		column("team_ids", proto.ColumnType_JSON, "TeamIDs", "The ids of the teams the token's team scopes give access to."),
		column("sudo_origin", proto.ColumnType_STRING, "SudoOrigin", "How the user scope was elevated by multi-factor authentication (totp, webauthn or recovery-code); NULL without elevation."),
		column("sudo_expires_at", proto.ColumnType_TIMESTAMP, "SudoExpiresAt", "When the user scope's multi-factor elevation ends; NULL without elevation."),
		column("is_current", proto.ColumnType_BOOL, "IsCurrent", "True for the token this connection itself authenticates with."),
		column("title", proto.ColumnType_STRING, "Title", "Title of the resource: the token's name."),
	}
}

func column(name string, columnType proto.ColumnType, field, description string) *plugin.Column {
	return &plugin.Column{Name: name, Type: columnType, Description: description, Transform: transform.FromField(field)}
}

func listUserTokens(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	limit := d.QueryContext.GetLimit()
	if limit == 0 {
		return nil, nil
	}
	client, err := newClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, err
	}
	awaitCurrent := startCurrentLookup(ctx, d, client)
	opts := vercelapi.ListTokensOptions{BeforePage: d.WaitForListRateLimit}
	if limit > 0 {
		opts.MaxTokens = limit
	}
	var streamErr error
	err = client.ListTokens(ctx, opts, func(page []vercelapi.AuthToken) bool {
		current, err := awaitCurrent()
		if err != nil {
			streamErr = err
			return false
		}
		for _, token := range page {
			d.StreamListItem(ctx, newUserTokenRow(token, current))
			if d.RowsRemaining(ctx) <= 0 {
				return false
			}
		}
		return true
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
		return nil, err
	}
	awaitCurrent := startCurrentLookup(ctx, d, client)
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

// startCurrentLookup starts fetching the connection's own token when the
// query asks for is_current, so it runs alongside the first list page. The
// returned func waits for the answer; it is one request per query at most.
func startCurrentLookup(ctx context.Context, d *plugin.QueryData, client *vercelapi.Client) func() (currentToken, error) {
	if !slices.Contains(d.QueryContext.Columns, "is_current") {
		return func() (currentToken, error) { return currentToken{}, nil }
	}
	type result struct {
		current currentToken
		err     error
	}
	done := make(chan result, 1)
	go func() {
		d.WaitForListRateLimit(ctx)
		token, err := client.CurrentToken(ctx)
		if err != nil {
			done <- result{err: err}
			return
		}
		done <- result{current: currentToken{known: true, id: token.ID}}
	}()
	var once result
	var received bool
	return func() (currentToken, error) {
		if !received {
			once, received = <-done, true
		}
		return once.current, once.err
	}
}
