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

// batchSize is how many tokens are handed on at a time: a page's worth.
const batchSize = 100

// tokenBatch is some tokens of one connection, each as the plugin's values
// in tokenColumns order.
type tokenBatch struct {
	Connection string
	Tokens     [][]any
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

// readConnections reads the tokens of every connection, concurrently, each
// through its own in-process plugin, and hands them to load a batch at a
// time as they arrive, so that the controls run while later pages are on
// the network. load runs on this goroutine only. The first failure, of a
// connection or of load, cancels everything and is returned; there is no
// partial result.
func readConnections(ctx context.Context, conns []connection, progress *progress, load func(context.Context, tokenBatch) error) ([]connectionSummary, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// Loading must not hold the readers up: a page that waits for the
	// controls holds up the next request. The queue holds 25,600 tokens.
	batches := make(chan tokenBatch, 256)
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
// as they come, and returns how many there were.
func readConnection(ctx context.Context, conn connection, count *atomic.Int64, batches chan<- tokenBatch) (int, error) {
	engine, err := inprocess.New(inprocess.CacheOffByDefault()) // each token is read once: a cache would only cost memory
	if err != nil {
		return 0, err
	}
	defer engine.Close()
	if err := engine.Configure(conn.HCL); err != nil {
		return 0, err
	}
	rows, err := engine.Query(ctx, sdkquery.Query{Table: "vercel_user_token", Columns: tokenColumns, Limit: -1})
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	total := 0
	batch := tokenBatch{Connection: conn.Name}
	send := func() error {
		if len(batch.Tokens) == 0 {
			return nil
		}
		select {
		case batches <- batch:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		batch = tokenBatch{Connection: conn.Name}
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
		batch.Tokens = append(batch.Tokens, sdkquery.RowValues(row, tokenColumns))
		total++
		count.Add(1)
		if len(batch.Tokens) == batchSize {
			if err := send(); err != nil {
				return 0, err
			}
		}
	}
}
