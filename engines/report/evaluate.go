package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/render"
)

// evaluation runs the controls over one audit's tokens in an in-memory
// SQLite database, as the tokens arrive: each batch goes into a temporary
// vercel_user_token table, which hides the main one of the same name, the
// per-token controls run over it, and it moves into the main table. Teams
// go into vercel_team. The other controls, which compare tokens or read
// teams, run over the main tables once every row is in. Everything happens
// in one transaction on one connection.
type evaluation struct {
	db         *sql.DB
	tx         *sql.Tx
	params     []any
	insert     *sql.Stmt
	insertTeam *sql.Stmt
	perToken   []sqliteControl
	whole      []sqliteControl
	results    []result
	// prepare, when set, is given each control's results as they are
	// collected.
	prepare func([]result) error
}

// tableColumns are the columns of vercel_user_token in SQLite: the
// plugin's, after connection.
var tableColumns = append([]string{"connection"}, tokenColumns...)

// teamTableColumns are the columns of vercel_team in SQLite: the plugin's,
// after sp_connection_name, the name Steampipe gives that column in every
// table, so a control's join on it also runs over the plugin's foreign
// tables in PostgreSQL.
var teamTableColumns = append([]string{"sp_connection_name"}, teamColumns...)

// startEvaluation creates the empty tables and prepares the statements, with
// :now and the variables bound as parameters.
func startEvaluation(ctx context.Context, benchmark []control, now time.Time, vars map[string]int) (e *evaluation, err error) {
	// The driver keeps each control's statement prepared from one batch to
	// the next (a database/sql statement would insist on being given
	// exactly the parameters the query uses).
	db, err := sql.Open(driverName, fmt.Sprintf(":memory:?_stmt_cache_size=%d", len(benchmark)+4))
	if err != nil {
		return nil, fmt.Errorf("opening SQLite: %w", err)
	}
	// Every connection to ":memory:" is a new, empty database: keep one.
	db.SetMaxOpenConns(1)
	e = &evaluation{db: db, params: []any{sql.Named("now", display.Timestamp(now))}}
	defer func() {
		if err != nil {
			e.Close()
		}
	}()
	for name, value := range vars {
		e.params = append(e.params, sql.Named(name, value))
	}
	if e.tx, err = db.BeginTx(ctx, nil); err != nil {
		return nil, fmt.Errorf("opening SQLite: %w", err)
	}
	columns := strings.Join(tableColumns, ", ")
	for _, ddl := range []string{
		"create table main.vercel_user_token (" + columns + ")",
		// duplicate_name groups the live tokens of each connection by
		// name after the last page: the index saves it a third of its time.
		"create index main.vercel_user_token_by_name on vercel_user_token (connection, name, revoked_at, expires_at)",
		"create temp table vercel_user_token (" + columns + ")",
	} {
		if _, err := e.tx.ExecContext(ctx, ddl); err != nil {
			return nil, fmt.Errorf("creating the token table: %w", err)
		}
	}
	if _, err := e.tx.ExecContext(ctx, "create table main.vercel_team ("+strings.Join(teamTableColumns, ", ")+")"); err != nil {
		return nil, fmt.Errorf("creating the team table: %w", err)
	}
	if e.insert, err = e.tx.PrepareContext(ctx, insertStatement("temp.vercel_user_token", len(tableColumns))); err != nil {
		return nil, fmt.Errorf("loading tokens: %w", err)
	}
	if e.insertTeam, err = e.tx.PrepareContext(ctx, insertStatement("main.vercel_team", len(teamTableColumns))); err != nil {
		return nil, fmt.Errorf("loading teams: %w", err)
	}
	for _, c := range benchmark {
		query, err := controls.Rewrite(c.Query, controls.SQLite, nil)
		if err != nil {
			return nil, fmt.Errorf("control %s: %w", c.ID, err)
		}
		if c.PerToken {
			e.perToken = append(e.perToken, sqliteControl{c, query})
		} else {
			e.whole = append(e.whole, sqliteControl{c, query})
		}
	}
	return e, nil
}

// sqliteControl is a control with its query in SQLite's dialect.
type sqliteControl struct {
	control
	sql string
}

// insertStatement inserts one row of n columns into table.
func insertStatement(table string, n int) string {
	return "insert into " + table + " values (" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// insertRows runs insert once per row, the connection's name first.
func insertRows(ctx context.Context, insert *sql.Stmt, connection string, rows [][]any) error {
	var values []any
	for _, row := range rows {
		values = append(values[:0], connection)
		for _, v := range row {
			values = append(values, sqlValue(v))
		}
		if _, err := insert.ExecContext(ctx, values...); err != nil {
			return err
		}
	}
	return nil
}

// load stores a batch's teams, or its tokens, over which it runs the
// per-token controls.
func (e *evaluation) load(ctx context.Context, batch rowBatch) error {
	if err := insertRows(ctx, e.insertTeam, batch.Connection, batch.Teams); err != nil {
		return fmt.Errorf("loading teams of connection %q: %w", batch.Connection, err)
	}
	if len(batch.Tokens) == 0 {
		return nil
	}
	if err := insertRows(ctx, e.insert, batch.Connection, batch.Tokens); err != nil {
		return fmt.Errorf("loading tokens of connection %q: %w", batch.Connection, err)
	}
	for _, c := range e.perToken {
		rows, err := e.tx.QueryContext(ctx, c.sql, e.params...)
		if err := e.collect(c.control, rows, err); err != nil {
			return err
		}
	}
	for _, move := range []string{
		"insert into main.vercel_user_token select * from temp.vercel_user_token",
		"delete from temp.vercel_user_token",
	} {
		if _, err := e.tx.ExecContext(ctx, move); err != nil {
			return fmt.Errorf("loading tokens of connection %q: %w", batch.Connection, err)
		}
	}
	return nil
}

// finish runs the controls that compare tokens, once every token is loaded,
// and returns every result in report order.
func (e *evaluation) finish(ctx context.Context) ([]result, error) {
	if _, err := e.tx.ExecContext(ctx, "drop table temp.vercel_user_token"); err != nil {
		return nil, fmt.Errorf("evaluating: %w", err)
	}
	// The per-token controls' results are put in order on another core
	// while SQLite runs the others.
	perToken := len(e.results)
	perTokenKeys := make(chan []sortKey, 1)
	collected := e.results[:perToken]
	go func() { perTokenKeys <- sortedKeys(collected, 0) }()
	for _, c := range e.whole {
		rows, err := e.tx.QueryContext(ctx, c.sql, e.params...)
		if err := e.collect(c.control, rows, err); err != nil {
			<-perTokenKeys
			return nil, err
		}
	}
	keys := mergeKeys(<-perTokenKeys, sortedKeys(e.results[perToken:], perToken), e.results)
	return placed(e.results, keys), nil
}

// Close drops the database.
func (e *evaluation) Close() error {
	if e.tx != nil {
		e.tx.Rollback() //nolint:errcheck // nothing is kept
	}
	return e.db.Close()
}

// collect adds the results of one control's query. Its columns are named,
// so their order in the file does not matter.
func (e *evaluation) collect(c control, rows *sql.Rows, err error) error {
	if err != nil {
		return fmt.Errorf("control %s: %w", c.ID, err)
	}
	defer rows.Close()
	collected := len(e.results)
	if cap(e.results)-collected < batchSize {
		// Double, rather than grow a quarter at a time as append does
		// past a few hundred results: every growth copies them all.
		e.results = slices.Grow(e.results, max(collected, batchSize))
	}
	if err := scanResults(c, rows, func(r result) { e.results = append(e.results, r) }); err != nil {
		return fmt.Errorf("control %s: %w", c.ID, err)
	}
	if e.prepare == nil {
		return nil
	}
	if err := e.prepare(e.results[collected:]); err != nil {
		return fmt.Errorf("control %s: %w", c.ID, err)
	}
	return nil
}

// scanResults reads the rows of a control's query, one result each.
func scanResults(c control, rows *sql.Rows, add func(result)) error {
	columns, err := rows.Columns()
	if err != nil {
		return err
	}
	var r result
	var reason sql.NullString
	var risk sql.NullInt64
	fields := map[string]any{
		"connection": &r.Connection, "token_id": &r.TokenID, "name": &r.Name,
		"prefix": &r.Prefix, "suffix": &r.Suffix, "status": &r.Status,
		"reason": &reason, "risk": &risk,
	}
	targets := make([]any, len(columns))
	for i, column := range columns {
		target, known := fields[column]
		if !known {
			return fmt.Errorf("unexpected column %q; a control returns %s", column, controlColumns)
		}
		targets[i] = target
	}
	if len(columns) != len(fields) {
		return fmt.Errorf("columns %v; a control returns %s", columns, controlColumns)
	}
	for rows.Next() {
		r = result{Control: c.ID, Severity: c.Severity, Remediation: c.Remediation}
		if err := rows.Scan(targets...); err != nil {
			return err
		}
		if !slices.Contains(statuses, r.Status) {
			return fmt.Errorf("token %s: status %q, want one of alarm, info, ok, skip", r.TokenID, r.Status)
		}
		if !reason.Valid || reason.String == "" {
			return fmt.Errorf("token %s: empty reason", r.TokenID)
		}
		r.Reason, r.risk = reason.String, risk.Int64
		add(r)
	}
	return rows.Err()
}

const controlColumns = "connection, token_id, name, prefix, suffix, status, reason and risk"

// sqlValue is how a plugin value is stored: as the SQLite engine stores it.
func sqlValue(v any) any { return render.SQL(v) }
