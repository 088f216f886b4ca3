package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// tokenColumns are the plugin's columns the report reads: all of them but
// is_current, which costs an extra request and no control uses.
var tokenColumns = []string{
	"token_id", "name", "type", "origin", "active_at", "created_at", "expires_at",
	"leaked_at", "leaked_url", "revoked_at", "prefix", "suffix", "project_id",
	"scopes", "scope_types", "team_ids", "sudo_origin", "sudo_expires_at", "title",
}

// teamColumns are the vercel_team columns the report reads: all but the
// raw object and the membership object (membership_role is its role).
var teamColumns = []string{
	"id", "slug", "name", "created_at", "updated_at", "creator_id", "membership_role",
	"saml_enforced", "personal_access_tokens_invalidated_at", "app_tokens_invalidated_at",
	"integration_tokens_invalidated_at", "limited", "limited_by", "title",
}

// batchSize is how many tokens are handed on at a time: a page's worth.
const batchSize = 100

// rowBatch is some rows of one connection: tokens, each as the plugin's
// values in tokenColumns order, or teams in teamColumns order.
type rowBatch struct {
	Connection string
	Tokens     [][]any
	Teams      [][]any
}

// connectionError is a connection that could not be read completely: the
// audit is incomplete.
type connectionError struct {
	connection string
	err        error
}

func (e *connectionError) Error() string {
	return fmt.Sprintf("connection %q: %v", e.connection, e.err)
}

func (e *connectionError) Unwrap() error { return e.err }

// readConnections reads the tokens and teams of every connection,
// concurrently, each connection through its own in-process plugin, and hands them to load a batch at a
// time as they arrive, so that the controls run while later pages are on
// the network. load runs on this goroutine only. The first failure, of a
// connection or of load, cancels everything and is returned; there is no
// partial result.
func readConnections(ctx context.Context, conns []connection, progress *progress, load func(context.Context, rowBatch) error) ([]connectionSummary, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// Loading must not hold the readers up: a page that waits for the
	// controls holds up the next request. The queue holds 25,600 tokens.
	batches := make(chan rowBatch, 256)
	read := make([]connectionSummary, len(conns))
	var readers sync.WaitGroup
	for i, conn := range conns {
		readers.Go(func() {
			n, err := readConnection(ctx, conn, progress.counter(conn.Name), batches)
			if err != nil {
				cancel(&connectionError{connection: conn.Name, err: err})
				return
			}
			read[i] = connectionSummary{Name: conn.Name, Tokens: n}
		})
	}
	go func() {
		readers.Wait()
		close(batches)
	}()
	for batch := range batches {
		if ctx.Err() != nil {
			continue // drain: the readers are stopping
		}
		if err := load(ctx, batch); err != nil {
			cancel(err)
		}
	}
	// Report the failure that cancelled the others, not their cancellation.
	if cause := context.Cause(ctx); cause != nil {
		return nil, cause
	}
	return read, nil
}

// readConnection reads one connection's tokens into batches, counting them
// as they come, and its teams, at the same time through the same plugin,
// into one batch, handed on before any of the tokens so that the controls
// that read teams can run on each batch; it returns how many tokens there
// were. Either failing stops the other.
func readConnection(ctx context.Context, conn connection, count *atomic.Int64, batches chan<- rowBatch) (int, error) {
	engine, err := inprocess.New(inprocess.CacheOffByDefault()) // each row is read once: a cache would only cost memory
	if err != nil {
		return 0, err
	}
	defer engine.Close()
	if err := engine.Configure(conn.HCL); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	teamsRead := make(chan struct{})
	go func() {
		defer close(teamsRead)
		if err := readTeams(ctx, engine, conn.Name, batches); err != nil {
			cancel(fmt.Errorf("reading its teams: %w", err))
		}
	}()
	tokens, err := readTokens(ctx, engine, conn.Name, count, teamsRead, batches)
	if err != nil {
		cancel(err)
	}
	<-teamsRead
	// The first failure, not the other read's cancellation.
	if cause := context.Cause(ctx); cause != nil {
		return 0, cause
	}
	return tokens, nil
}

// readTokens reads the connection's tokens into batches of batchSize, the
// first once teamsRead is closed.
func readTokens(ctx context.Context, engine *inprocess.Engine, connName string, count *atomic.Int64, teamsRead <-chan struct{}, batches chan<- rowBatch) (int, error) {
	rows, err := engine.Query(ctx, sdkquery.Query{Table: "vercel_user_token", Columns: tokenColumns})
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	total := 0
	next := rowBatch{Connection: connName}
	send := func() error {
		if len(next.Tokens) == 0 {
			return nil
		}
		select {
		case <-teamsRead:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		if err := sendBatch(ctx, batches, next); err != nil {
			return err
		}
		next = rowBatch{Connection: connName}
		return nil
	}
	for {
		row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return total, send()
		}
		if err != nil {
			return 0, err
		}
		next.Tokens = append(next.Tokens, sdkquery.RowValues(row, tokenColumns))
		total++
		count.Add(1)
		if len(next.Tokens) == batchSize {
			if err := send(); err != nil {
				return 0, err
			}
		}
	}
}

// readTeams reads the connection's teams, a few per user, into one batch.
func readTeams(ctx context.Context, engine *inprocess.Engine, connName string, batches chan<- rowBatch) error {
	rows, err := engine.Query(ctx, sdkquery.Query{Table: "vercel_team", Columns: teamColumns})
	if err != nil {
		return err
	}
	defer rows.Close()
	teams := rowBatch{Connection: connName}
	for {
		row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		teams.Teams = append(teams.Teams, sdkquery.RowValues(row, teamColumns))
	}
	if len(teams.Teams) == 0 {
		return nil
	}
	return sendBatch(ctx, batches, teams)
}

// sendBatch hands b on, unless the read is cancelled first.
func sendBatch(ctx context.Context, batches chan<- rowBatch, b rowBatch) error {
	select {
	case batches <- b:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
