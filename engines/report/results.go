package main

import (
	"context"
	"fmt"
	"iter"
)

// reportOrder: severity, status, risk (higher first: a leaked token used
// after the leak first of all), then token, control and connection, so that
// the same input always gives the same order.
const reportOrder = "severity_rank, status_rank, risk desc, token_id, control, connection"

// Which results are read, in which order.
const (
	// everyResult in report order.
	everyResult = "order by " + reportOrder
	// tokenOrder is every result, each token's together in report order.
	tokenOrder = "order by connection, token_id, " + reportOrder
	// findingsByToken are the alarms and info in tokenOrder: what the
	// action list and the marks' counts need.
	findingsByToken = "where status in ('alarm', 'info') " + tokenOrder
)

// results reads the results of selection (everyResult, tokenOrder or
// findingsByToken), each with its control's severity and remediation.
// Ranging over it again reads them again.
func (e *evaluation) results(ctx context.Context, selection string) iter.Seq2[result, error] {
	query := "select control, status, connection, token_id, name, prefix, suffix, reason, risk from result " + selection
	return func(yield func(result, error) bool) {
		rows, err := e.db.QueryContext(ctx, query)
		if err != nil {
			yield(result{}, fmt.Errorf("reading the results: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var r result
			if err := rows.Scan(&r.Control, &r.Status, &r.Connection, &r.TokenID, &r.Name, &r.Prefix, &r.Suffix, &r.Reason, &r.risk); err != nil {
				yield(result{}, fmt.Errorf("reading the results: %w", err))
				return
			}
			c := e.controls[r.Control]
			r.Severity, r.Remediation = c.Severity, c.Remediation
			if !yield(r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(result{}, fmt.Errorf("reading the results: %w", err))
		}
	}
}

// statusCounts counts each control's results by status.
func (e *evaluation) statusCounts(ctx context.Context) (map[string]map[string]int, error) {
	rows, err := e.db.QueryContext(ctx, "select control, status, count(*) from result group by control, status")
	if err != nil {
		return nil, fmt.Errorf("counting the results: %w", err)
	}
	defer rows.Close()
	counts := map[string]map[string]int{}
	for rows.Next() {
		var control, status string
		var n int
		if err := rows.Scan(&control, &status, &n); err != nil {
			return nil, fmt.Errorf("counting the results: %w", err)
		}
		if counts[control] == nil {
			counts[control] = map[string]int{}
		}
		counts[control][status] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("counting the results: %w", err)
	}
	return counts, nil
}

// hasToken tells whether a token of this id was read, of this connection
// or, when connection is "", of any.
func (e *evaluation) hasToken(ctx context.Context, tokenID, connection string) (bool, error) {
	var found bool
	err := e.db.QueryRowContext(ctx, "select exists (select 1 from vercel_user_token where token_id = ? and (? = '' or connection = ?))",
		tokenID, connection, connection).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("looking a token up: %w", err)
	}
	return found, nil
}
