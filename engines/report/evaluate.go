package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/render"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// evaluation is one audit's database: every connection's tokens, teams and
// user, then the controls' results, in SQLite on a temporary file, so that
// an organisation's hundreds of thousands of results live on disk, not in
// memory (SQLite keeps a few megabytes of pages in its cache, and sorts
// through temporary files). Rows go in as they are read, in one
// transaction; the controls run once every row is in; the results come out
// through ORDER BY.
type evaluation struct {
	db *sql.DB
	// tx loads the rows and runs the controls; it commits before results
	// are read.
	tx       *sql.Tx
	insert   map[string]*sql.Stmt // by table
	params   []any
	controls map[string]control // by id
	// queries are the controls' queries in SQLite's dialect, in report
	// order.
	queries []controlQuery
}

type controlQuery struct {
	control
	sql string
}

// The tables of an evaluation, with the plugin's columns after the
// connection's name. vercel_user_token names it connection, as the
// controls read it; vercel_team and vercel_user sp_connection_name, the
// name Steampipe gives it in every table, so that a control's join on it
// also runs over the plugin's foreign tables in PostgreSQL.
var evaluationTables = []struct {
	name    string
	columns []string
}{
	{"vercel_user_token", append([]string{"connection"}, tokenColumns...)},
	{"vercel_team", append([]string{"sp_connection_name"}, teamColumns...)},
	{"vercel_user", append([]string{"sp_connection_name"}, userColumns...)},
}

// resultTable holds every control's results, with what orders them.
const resultTable = `create table result (
  control text not null, severity_rank integer not null, status_rank integer,
  connection text, token_id text, name text, prefix text, suffix text,
  status text, reason text, risk integer not null
)`

// openEvaluation creates the empty tables, with :now and the variables
// bound as parameters of every control.
func openEvaluation(ctx context.Context, benchmark []control, now time.Time, vars map[string]int) (_ *evaluation, err error) {
	// An empty file name is a private temporary file, deleted when it is
	// closed. Each database/sql connection would open another: keep one.
	db, err := sql.Open(driverName, "")
	if err != nil {
		return nil, fmt.Errorf("opening SQLite: %w", err)
	}
	db.SetMaxOpenConns(1)
	e := &evaluation{db: db, insert: map[string]*sql.Stmt{}, controls: map[string]control{},
		params: []any{sql.Named("now", display.Timestamp(now))}}
	defer func() {
		if err != nil {
			e.Close()
		}
	}()
	for name, value := range vars {
		e.params = append(e.params, sql.Named(name, value))
	}
	for _, c := range benchmark {
		query, err := controls.Rewrite(c.Query, controls.SQLite, nil)
		if err != nil {
			return nil, fmt.Errorf("control %s: %w", c.ID, err)
		}
		e.queries = append(e.queries, controlQuery{c, query})
		e.controls[c.ID] = c
	}
	if e.tx, err = db.BeginTx(ctx, nil); err != nil {
		return nil, fmt.Errorf("opening SQLite: %w", err)
	}
	for _, table := range evaluationTables {
		if _, err := e.tx.ExecContext(ctx, "create table "+table.name+" ("+strings.Join(table.columns, ", ")+")"); err != nil {
			return nil, fmt.Errorf("creating %s: %w", table.name, err)
		}
		insert := "insert into " + table.name + " values (" + strings.TrimSuffix(strings.Repeat("?, ", len(table.columns)), ", ") + ")"
		if e.insert[table.name], err = e.tx.PrepareContext(ctx, insert); err != nil {
			return nil, fmt.Errorf("creating %s: %w", table.name, err)
		}
	}
	if _, err := e.tx.ExecContext(ctx, resultTable); err != nil {
		return nil, fmt.Errorf("creating the result table: %w", err)
	}
	return e, nil
}

// load stores a batch's rows.
func (e *evaluation) load(ctx context.Context, batch rowBatch) error {
	for table, rows := range map[string][][]any{"vercel_user_token": batch.Tokens, "vercel_team": batch.Teams, "vercel_user": batch.Users} {
		values := make([]any, 0, 32)
		for _, row := range rows {
			values = append(values[:0], batch.Connection)
			for _, v := range row {
				values = append(values, render.SQL(v))
			}
			if _, err := e.insert[table].ExecContext(ctx, values...); err != nil {
				return fmt.Errorf("loading %s of connection %q: %w", table, batch.Connection, err)
			}
		}
	}
	return nil
}

// evaluate runs every control over every row into the result table.
func (e *evaluation) evaluate(ctx context.Context) error {
	statusRank := "case status"
	for i, s := range statuses {
		statusRank += fmt.Sprintf(" when '%s' then %d", s, i)
	}
	statusRank += " end"
	if _, err := e.tx.ExecContext(ctx, "create index vercel_user_token_by_id on vercel_user_token (token_id)"); err != nil {
		return fmt.Errorf("indexing the tokens: %w", err)
	}
	for _, c := range e.queries {
		if err := e.checkColumns(ctx, c); err != nil {
			return fmt.Errorf("control %s: %w", c.ID, err)
		}
		insert := fmt.Sprintf(`insert into result
select %s, %d, %s, connection, token_id, name, prefix, suffix, status, reason, cast(coalesce(risk, 0) as integer)
from (%s)`, sqlscan.QuoteLiteral(c.ID), c.Severity.Rank(), statusRank, c.sql)
		if _, err := e.tx.ExecContext(ctx, insert, e.params...); err != nil {
			return fmt.Errorf("control %s: %w", c.ID, err)
		}
	}
	var id, token, status string
	var reason sql.NullString
	err := e.tx.QueryRowContext(ctx, `select control, coalesce(token_id, ''), coalesce(status, ''), reason from result
where status_rank is null or reason is null or reason = '' limit 1`).Scan(&id, &token, &status, &reason)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("checking the results: %w", err)
	case !slices.Contains(statuses, status):
		return fmt.Errorf("control %s: token %s: status %q, want one of %s", id, token, status, strings.Join(statuses, ", "))
	default:
		return fmt.Errorf("control %s: token %s: empty reason", id, token)
	}
	if err := e.tx.Commit(); err != nil {
		return fmt.Errorf("evaluating: %w", err)
	}
	e.tx = nil
	return nil
}

// checkColumns requires a control's query to return controls.Columns, by
// name, in any order.
func (e *evaluation) checkColumns(ctx context.Context, c controlQuery) error {
	rows, err := e.tx.QueryContext(ctx, "select * from ("+c.sql+") limit 0", e.params...)
	if err != nil {
		return err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return err
	}
	if len(columns) != len(controls.Columns) || slices.ContainsFunc(columns, func(name string) bool { return !slices.Contains(controls.Columns, name) }) {
		return fmt.Errorf("columns %s; a control returns %s", strings.Join(columns, ", "), strings.Join(controls.Columns, ", "))
	}
	return nil
}

// Close drops the database and its file.
func (e *evaluation) Close() error {
	if e.tx != nil {
		e.tx.Rollback() //nolint:errcheck // nothing is kept
	}
	return e.db.Close()
}
