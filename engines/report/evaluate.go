package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// evaluate runs every control over the loaded tokens, with :now and the
// variables bound as parameters, and returns the results in report order.
func evaluate(ctx context.Context, table *tokenTable, controls []control, now time.Time, vars map[string]int) ([]result, error) {
	params := []any{sql.Named("now", display.Timestamp(now))}
	for name, value := range vars {
		params = append(params, sql.Named(name, value))
	}
	var results []result
	for _, c := range controls {
		rows, err := runControl(ctx, table.db, c, params)
		if err != nil {
			return nil, fmt.Errorf("control %s: %w", c.ID, err)
		}
		results = append(results, rows...)
	}
	sortResults(results)
	return results, nil
}

// runControl runs one control's query. Its columns are named, so their
// order in the file does not matter.
func runControl(ctx context.Context, db *sql.DB, c control, params []any) ([]result, error) {
	rows, err := db.QueryContext(ctx, c.SQL, params...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var results []result
	for rows.Next() {
		r := result{Control: c.ID, Severity: c.Severity, Remediation: c.Remediation}
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
				return nil, fmt.Errorf("unexpected column %q; a control returns %s", column, controlColumns)
			}
			targets[i] = target
		}
		if len(columns) != len(fields) {
			return nil, fmt.Errorf("columns %v; a control returns %s", columns, controlColumns)
		}
		if err := rows.Scan(targets...); err != nil {
			return nil, err
		}
		if !slices.Contains(statuses, r.Status) {
			return nil, fmt.Errorf("token %s: status %q, want one of alarm, info, ok, skip", r.TokenID, r.Status)
		}
		if !reason.Valid || reason.String == "" {
			return nil, fmt.Errorf("token %s: empty reason", r.TokenID)
		}
		r.Reason, r.risk = reason.String, risk.Int64
		results = append(results, r)
	}
	return results, rows.Err()
}

const controlColumns = "connection, token_id, name, prefix, suffix, status, reason and risk"
