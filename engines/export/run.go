package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// Exit statuses.
const (
	exitOK     = cli.ExitOK
	exitFailed = 1
	exitUsage  = cli.ExitUsage
	// exitFixAccess: the API refused the token or its scope, or the
	// connection config is invalid; running again will not help.
	exitFixAccess = 3
	// exitTryLater: the API was rate limited, failing or too slow.
	exitTryLater = 4
)

// exitStatusOf is the exit status of a failed export, by the error's kind.
func exitStatusOf(err error) int {
	switch errkind.Of(err) {
	case errkind.Unauthorized, errkind.Forbidden, errkind.BadConfig:
		return exitFixAccess
	case errkind.RateLimited, errkind.Unavailable, errkind.Timeout:
		return exitTryLater
	default:
		return exitFailed
	}
}

// run is the whole command: it parses args, exports to stdout and reports
// to stderr, and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, code, done := cli.ParseArgs(args, parseArgs, usage, stdout, stderr)
	if done {
		return code
	}
	if err := export(ctx, opts, stdout); err != nil {
		if errors.As(err, new(cli.UsageError)) {
			fmt.Fprintf(stderr, "Error: %v\n\n%s", err, usage())
			return exitUsage
		}
		fmt.Fprintf(stderr, "Error: %v\n", err)
		return exitStatusOf(err)
	}
	return exitOK
}

// export runs the query and writes its rows as they arrive.
func export(ctx context.Context, opts options, stdout io.Writer) error {
	engine, err := inprocess.New()
	if err != nil {
		return err
	}
	defer engine.Close()
	if err := engine.Configure(opts.config); err != nil {
		return err
	}
	tables, err := engine.Tables()
	if err != nil {
		return err
	}
	q := opts.query()
	if len(q.Columns) == 0 {
		// An unknown table has no schema; Query explains that below.
		q.Columns = sdkquery.ColumnNames(tables[q.Table])
	}
	rows, err := engine.Query(ctx, q)
	if err != nil {
		if _, known := tables[q.Table]; !known || errors.As(err, new(*sdkquery.InvalidQueryError)) {
			return cli.UsageError{Err: err}
		}
		return err
	}
	defer rows.Close()
	// Wait for the first row before writing anything, so that a query that
	// fails at once leaves stdout empty rather than holding a lone header.
	row, err := rows.Next()
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	out, werr := newRowWriter(opts.output, stdout, q.Columns)
	if werr != nil {
		return werr
	}
	for ; err == nil; row, err = rows.Next() {
		if err := out.WriteRow(sdkquery.RowValues(row, q.Columns)); err != nil {
			return fmt.Errorf("writing a row: %w", err)
		}
	}
	if !errors.Is(err, io.EOF) {
		return err
	}
	return out.Close()
}
