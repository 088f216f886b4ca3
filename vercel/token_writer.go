package vercel

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/turbot/steampipe-plugin-sdk/v5/logging"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// TokenWriter creates and revokes the tokens of a connection's user: the
// writes the SQLite and PostgreSQL engines offer on vercel_user_token
// (internal/tokenwrite holds their transactions). The plugin's tables never
// write: Steampipe and the exporter stay read-only.
type TokenWriter struct {
	client *vercelapi.Client

	mu        sync.Mutex
	currentID string
}

// WriterOption changes how a TokenWriter talks to the API.
type WriterOption func(*vercelapi.Config)

// WithRetryPolicy replaces the client's default retry policy.
func WithRetryPolicy(p vercelapi.RetryPolicy) WriterOption {
	return func(c *vercelapi.Config) { c.Retry = &p }
}

// NewTokenWriter builds the writer of a connection from its HCL config (the
// body of a connection block, as the engines are configured with), merged
// with the environment as for every query.
func NewTokenWriter(config string, options ...WriterOption) (*TokenWriter, error) {
	var cfg vercelConfig
	if config != "" {
		file, diags := hclsyntax.ParseConfig([]byte(config), "connection config", hcl.InitialPos)
		if !diags.HasErrors() {
			diags = gohcl.DecodeBody(file.Body, nil, &cfg)
		}
		if diags.HasErrors() {
			// The engine checked the config before: say where, never what.
			return nil, fmt.Errorf("invalid connection config: %s", diags[0].Summary)
		}
	}
	clientCfg, err := clientConfig(cfg, os.Getenv)
	if err != nil {
		return nil, err
	}
	// One line per request at TRACE, on stderr like the plugin's own
	// (never a body, so never a secret).
	clientCfg.Logger = logging.NewLogger(&hclog.LoggerOptions{DisableTime: true})
	for _, option := range options {
		option(&clientCfg)
	}
	client, err := vercelapi.NewClient(clientCfg)
	if err != nil {
		return nil, err
	}
	return &TokenWriter{client: client}, nil
}

// CurrentTokenID is the id of the token the connection authenticates with,
// asked once (GET /v5/user/tokens/current): a token's id never changes.
func (w *TokenWriter) CurrentTokenID(ctx context.Context) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.currentID == "" {
		token, err := w.client.CurrentToken(ctx)
		if err != nil {
			return "", fmt.Errorf("finding the connection's own token: %w", explain(err))
		}
		w.currentID = token.ID
	}
	return w.currentID, nil
}

// NewToken is what a token is created with.
type NewToken struct {
	Name string
	// ExpiresAt zero is a token that never expires.
	ExpiresAt time.Time
	// Team is the team context to create it in (a team id, or a slug);
	// "" is the connection's own.
	Team      string
	ProjectID string
}

// CreatedToken is a token just created: its row of vercel_user_token, and
// its secret, which nothing prints (vercelapi.BearerToken).
type CreatedToken struct {
	ID, Name string
	row      userTokenRow
	Bearer   vercelapi.BearerToken
}

// Create creates a token (POST /v3/user/tokens).
func (w *TokenWriter) Create(ctx context.Context, t NewToken) (*CreatedToken, error) {
	created, err := w.client.CreateToken(ctx, t.Name, t.ExpiresAt, t.Team, t.ProjectID)
	if err != nil {
		return nil, explain(err)
	}
	// A token just made is never the one the connection authenticates with.
	row := newUserTokenRow(*created.Token, currentToken{known: true})
	return &CreatedToken{ID: created.Token.ID, Name: created.Token.Name, row: row, Bearer: created.Bearer}, nil
}

// Value is the created token's value of a vercel_user_token column, as
// sdkquery.ColumnValue decodes a scan's (nil for NULL; JSON as its text),
// bearer_token included; ok is false for a column the table does not have.
func (c *CreatedToken) Value(column string) (value any, ok bool) {
	if column == BearerTokenColumn {
		return c.Bearer.Reveal(), true
	}
	for _, col := range userTokenColumnList {
		if col.name == column {
			return plainValue(col.value(c.row)), true
		}
	}
	return nil, false
}

// plainValue turns a row field (see userTokenRow) into a column value.
func plainValue(v any) any {
	switch v := v.(type) {
	case *string:
		if v == nil {
			return nil
		}
		return *v
	case *time.Time:
		if v == nil {
			return nil
		}
		return *v
	case *bool:
		if v == nil {
			return nil
		}
		return *v
	case *[]string:
		if v == nil {
			return nil
		}
		return jsonValue(*v)
	case *vercelapi.Scopes:
		if v == nil {
			return nil
		}
		return jsonValue(*v)
	default:
		return v
	}
}

func jsonValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return json.RawMessage(b)
}

// Revoke revokes a token (DELETE /v3/user/tokens/{id}); alreadyGone is
// Vercel's answer that it knows no such token, which no longer works either.
func (w *TokenWriter) Revoke(ctx context.Context, id string) (alreadyGone bool, err error) {
	r, err := w.client.RevokeToken(ctx, id)
	if err != nil {
		return false, explain(err)
	}
	return r.AlreadyGone, nil
}
