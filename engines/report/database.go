package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/mattn/go-sqlite3"
)

// driverName is database/sql's name for SQLite with the controls' helper
// functions.
const driverName = "sqlite3_vercel_report"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: registerFunctions})
}

// registerFunctions adds the two functions the controls use besides
// standard SQL. PostgreSQL gets the same two as SQL functions (see
// docs/compliance.md), so the control files run there unchanged. Loading a
// control inlines the calls it can read (inlineFunctions); these serve the
// rest.
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
