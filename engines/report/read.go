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

// connectionTokens are every token of one connection, by column.
type connectionTokens struct {
	Name   string
	Tokens []map[string]any
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
// through its own in-process plugin. The first failure cancels the others
// and is returned; there is no partial result.
func readConnections(ctx context.Context, conns []connection, progress *progress) ([]connectionTokens, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	read := make([]connectionTokens, len(conns))
	errs := make([]error, len(conns))
	var wg sync.WaitGroup
	for i, conn := range conns {
		wg.Go(func() {
			tokens, err := readConnection(ctx, conn, progress.counter(conn.Name))
			if err != nil {
				errs[i] = &connectionError{connection: conn.Name, err: err}
				cancel(errs[i])
				return
			}
			read[i] = connectionTokens{Name: conn.Name, Tokens: tokens}
		})
	}
	wg.Wait()
	// Report the failure that cancelled the others, not their cancellation.
	if cause := context.Cause(ctx); cause != nil {
		var connErr *connectionError
		if errors.As(cause, &connErr) {
			return nil, connErr
		}
		return nil, cause
	}
	return read, nil
}

// readConnection reads one connection's tokens, counting them as they come.
func readConnection(ctx context.Context, conn connection, count *atomic.Int64) ([]map[string]any, error) {
	engine, err := inprocess.New()
	if err != nil {
		return nil, err
	}
	defer engine.Close()
	if err := engine.Configure(conn.HCL); err != nil {
		return nil, err
	}
	rows, err := engine.Query(ctx, sdkquery.Query{Table: "vercel_user_token", Columns: tokenColumns, Limit: -1})
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tokens []map[string]any
	for {
		row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return tokens, nil
		}
		if err != nil {
			return nil, err
		}
		values := sdkquery.RowValues(row, tokenColumns)
		token := make(map[string]any, len(tokenColumns))
		for i, column := range tokenColumns {
			token[column] = values[i]
		}
		tokens = append(tokens, token)
		count.Add(1)
	}
}
