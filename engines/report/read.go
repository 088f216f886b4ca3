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

// userColumns are the vercel_user columns the report reads: all but the raw
// object. Its username or e-mail names a connection's owner.
var userColumns = []string{
	"id", "username", "email", "name", "default_team_id", "created_at",
	"is_enterprise_managed", "limited", "title",
}

// batchSize is how many tokens are handed on at a time: a page's worth.
const batchSize = 100

// rowBatch is some rows of one connection, each as the plugin's values in
// the order of tokenColumns, teamColumns or userColumns.
type rowBatch struct {
	Connection string
	Tokens     [][]any
	Teams      [][]any
	Users      [][]any
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

// concurrentConnections is how many connections are read at once, each
// through an in-process plugin of the pool's. A plugin keeps memory of its
// own (the SDK's connection cache, which it never frees, pages in flight):
// a bounded pool keeps an organisation's memory flat however many
// connections it has, at the cost of reading them in waves.
const concurrentConnections = 32

// readConnections reads the tokens, teams and user of every connection,
// concurrentConnections at a time, and hands them to load a batch at a
// time as they arrive. load runs on this goroutine only. The first
// failure, of a connection or of load, cancels everything and is
// returned; there is no partial result.
func readConnections(ctx context.Context, conns []connection, progress *progress, load func(context.Context, rowBatch) error) ([]connectionSummary, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// Loading must not hold the readers up: a page that waits for SQLite
	// holds up the next request. The queue holds 25,600 tokens.
	batches := make(chan rowBatch, 256)
	read := make([]connectionSummary, len(conns))
	// The pool: a plugin is made when a slot first needs one, then
	// reconfigured for each connection it reads, which clears its caches.
	pool := make(chan *inprocess.Engine, concurrentConnections)
	for range min(concurrentConnections, len(conns)) {
		pool <- nil
	}
	defer func() {
		for range min(concurrentConnections, len(conns)) {
			if engine := <-pool; engine != nil {
				engine.Close()
			}
		}
	}()
	var readers sync.WaitGroup
	for i, conn := range conns {
		readers.Go(func() {
			var engine *inprocess.Engine
			select {
			case engine = <-pool:
			case <-ctx.Done():
				return
			}
			defer func() { pool <- engine }()
			if engine == nil {
				var err error
				// Each row is read once: a query cache would only cost memory.
				if engine, err = inprocess.New(inprocess.CacheOffByDefault()); err != nil {
					cancel(&connectionError{connection: conn.Name, err: err})
					return
				}
			}
			n, err := readConnection(ctx, engine, conn, progress.counter(conn.Name), batches)
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

// readConnection configures engine for one connection and reads its
// tokens, teams and user, all three at once, into batches, counting the
// tokens as they come; it returns how many tokens there were. One failing
// stops the others.
func readConnection(ctx context.Context, engine *inprocess.Engine, conn connection, count *atomic.Int64, batches chan<- rowBatch) (int, error) {
	if err := engine.Configure(conn.HCL); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var others sync.WaitGroup
	for _, other := range []struct {
		what    string
		table   string
		columns []string
		batch   func(rows [][]any) rowBatch
	}{
		{"its teams", "vercel_team", teamColumns, func(rows [][]any) rowBatch { return rowBatch{Connection: conn.Name, Teams: rows} }},
		{"its user", "vercel_user", userColumns, func(rows [][]any) rowBatch { return rowBatch{Connection: conn.Name, Users: rows} }},
	} {
		others.Go(func() {
			var rows [][]any
			err := readRows(ctx, engine, other.table, other.columns, func(row []any) error {
				rows = append(rows, row)
				return nil
			})
			if err == nil && len(rows) > 0 {
				err = sendBatch(ctx, batches, other.batch(rows))
			}
			if err != nil {
				cancel(fmt.Errorf("reading %s: %w", other.what, err))
			}
		})
	}
	tokens := rowBatch{Connection: conn.Name}
	total := 0
	err := readRows(ctx, engine, "vercel_user_token", tokenColumns, func(row []any) error {
		tokens.Tokens = append(tokens.Tokens, row)
		total++
		count.Add(1)
		if len(tokens.Tokens) < batchSize {
			return nil
		}
		full := tokens
		tokens = rowBatch{Connection: conn.Name}
		return sendBatch(ctx, batches, full)
	})
	if err == nil && len(tokens.Tokens) > 0 {
		err = sendBatch(ctx, batches, tokens)
	}
	if err != nil {
		cancel(err)
	}
	others.Wait()
	// The first failure, not the others' cancellation.
	if cause := context.Cause(ctx); cause != nil {
		return 0, cause
	}
	return total, nil
}

// readRows reads every row of a table's columns, each as the plugin's
// values, into add.
func readRows(ctx context.Context, engine *inprocess.Engine, table string, columns []string, add func([]any) error) error {
	rows, err := engine.Query(ctx, sdkquery.Query{Table: table, Columns: columns})
	if err != nil {
		return err
	}
	defer rows.Close()
	for {
		row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := add(sdkquery.RowValues(row, columns)); err != nil {
			return err
		}
	}
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
