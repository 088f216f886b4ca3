package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// driverName is database/sql's name for SQLite with the controls' helper
// functions.
const driverName = "sqlite3_vercel_report"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: registerFunctions})
}

// registerFunctions adds the two functions the controls use besides
// standard SQL. PostgreSQL gets the same two as SQL functions (see
// docs/compliance.md), so the control files run there unchanged.
func registerFunctions(conn *sqlite3.SQLiteConn) error {
	if err := conn.RegisterFunc("whole_days", wholeDays, true); err != nil {
		return fmt.Errorf("registering whole_days: %w", err)
	}
	if err := conn.RegisterFunc("has_scope_type", hasScopeType, true); err != nil {
		return fmt.Errorf("registering has_scope_type: %w", err)
	}
	return nil
}

// wholeDays is the number of whole days from from to to (negative when to
// comes first), NULL when either is NULL. Timestamps are the table's
// RFC 3339 text.
func wholeDays(from, to any) (any, error) {
	if sqlNull(from) || sqlNull(to) {
		return nil, nil
	}
	a, err := parseSQLTime(from)
	if err != nil {
		return nil, fmt.Errorf("whole_days: %w", err)
	}
	b, err := parseSQLTime(to)
	if err != nil {
		return nil, fmt.Errorf("whole_days: %w", err)
	}
	return int64(math.Floor(float64(b.Sub(a)) / float64(24*time.Hour))), nil
}

func parseSQLTime(v any) (time.Time, error) {
	s, ok := sqlText(v)
	if !ok {
		return time.Time{}, fmt.Errorf("want a timestamp as text, got %T", v)
	}
	return time.Parse(time.RFC3339Nano, s)
}

// sqlNull tells whether a function argument is NULL, which the driver
// passes as a nil []byte.
func sqlNull(v any) bool {
	b, isBytes := v.([]byte)
	return v == nil || (isBytes && b == nil)
}

// sqlText is a text argument of a function, which the driver may pass as
// bytes.
func sqlText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// hasScopeType tells whether the JSON array scopeTypes holds scopeType;
// NULL when scopeTypes is NULL.
func hasScopeType(scopeTypes any, scopeType string) (any, error) {
	if sqlNull(scopeTypes) {
		return nil, nil
	}
	text, ok := sqlText(scopeTypes)
	if !ok {
		return nil, fmt.Errorf("has_scope_type: want scope_types as JSON text, got %T", scopeTypes)
	}
	var types []string
	if err := json.Unmarshal([]byte(text), &types); err != nil {
		return nil, fmt.Errorf("has_scope_type: scope_types is not a JSON array of strings: %w", err)
	}
	return slices.Contains(types, scopeType), nil
}

// tokenTable is the vercel_user_token table the controls query: the
// plugin's columns plus connection.
type tokenTable struct {
	db      *sql.DB
	columns []string
}

// openTokenTable creates an empty in-memory table with these plugin columns.
func openTokenTable(ctx context.Context, columns []string) (*tokenTable, error) {
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, fmt.Errorf("opening SQLite: %w", err)
	}
	// Every connection to ":memory:" is a new, empty database: keep one.
	db.SetMaxOpenConns(1)
	all := append([]string{"connection"}, columns...)
	ddl := fmt.Sprintf("create table vercel_user_token (%s)", strings.Join(all, ", "))
	if _, err := db.ExecContext(ctx, ddl); err != nil {
		db.Close()
		return nil, fmt.Errorf("creating the token table: %w", err)
	}
	return &tokenTable{db: db, columns: all}, nil
}

func (t *tokenTable) Close() error { return t.db.Close() }

// insert stores the tokens of every connection in one transaction.
func (t *tokenTable) insert(ctx context.Context, read []connectionTokens) error {
	tx, err := t.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("loading tokens: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.columns)), ", ")
	stmt, err := tx.PrepareContext(ctx, fmt.Sprintf("insert into vercel_user_token values (%s)", marks))
	if err != nil {
		return fmt.Errorf("loading tokens: %w", err)
	}
	defer stmt.Close()
	for _, c := range read {
		for _, token := range c.Tokens {
			values := make([]any, len(t.columns))
			values[0] = c.Name
			for i, column := range t.columns[1:] {
				values[i+1] = sqlValue(token[column])
			}
			if _, err := stmt.ExecContext(ctx, values...); err != nil {
				return fmt.Errorf("loading tokens of connection %q: %w", c.Name, err)
			}
		}
	}
	return tx.Commit()
}

// sqlValue is how a plugin value is stored: timestamps as the RFC 3339 text
// the SQLite engine uses too, JSON as text.
func sqlValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return display.Timestamp(v)
	case json.RawMessage:
		return string(v)
	default:
		return v
	}
}
