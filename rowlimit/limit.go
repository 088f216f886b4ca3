// Package rowlimit is the one way every layer says how many rows a scan may
// stop after: an engine's LIMIT, the plan that crosses C, the plugin query
// and the API client's paging all hold a Limit. It imports nothing of the
// project, so the API client and the engines can share it.
package rowlimit

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Limit is how many rows a scan may stop after. The zero value is no limit.
type Limit struct {
	rows int64
	set  bool
}

// None is no limit: every row.
func None() Limit { return Limit{} }

// Rows is a limit of n rows. A negative n is no limit, as SQL's LIMIT -1 in
// SQLite and the Steampipe SDK's -1 mean.
func Rows(n int64) Limit {
	if n < 0 {
		return Limit{}
	}
	return Limit{rows: n, set: true}
}

// Get returns the number of rows and true, or false for no limit.
func (l Limit) Get() (rows int64, ok bool) { return l.rows, l.set }

// IsNone tells whether there is no limit.
func (l Limit) IsNone() bool { return !l.set }

// IsZero tells whether the limit asks for no row at all (LIMIT 0).
func (l Limit) IsZero() bool { return l.set && l.rows == 0 }

// Reached tells whether fetched rows satisfy the limit.
func (l Limit) Reached(fetched int64) bool { return l.set && fetched >= l.rows }

// Plus is the rows LIMIT l OFFSET offset reads: the engine skips the first
// offset rows itself. A negative offset counts as 0; a sum past int64 is no
// limit.
func (l Limit) Plus(offset int64) Limit {
	if !l.set {
		return l
	}
	offset = max(offset, 0)
	if offset > math.MaxInt64-l.rows {
		return Limit{}
	}
	return Limit{rows: l.rows + offset, set: true}
}

// Cap is the smaller of n and what remains of the limit after fetched rows:
// the size of the next page when n is the largest page.
func (l Limit) Cap(n, fetched int64) int64 {
	if !l.set {
		return n
	}
	return max(min(n, l.rows-fetched), 0)
}

// String is the number of rows, or "none".
func (l Limit) String() string {
	if !l.set {
		return "none"
	}
	return strconv.FormatInt(l.rows, 10)
}

// MarshalJSON is the number of rows, or null for no limit.
func (l Limit) MarshalJSON() ([]byte, error) {
	if !l.set {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, l.rows, 10), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (l *Limit) UnmarshalJSON(data []byte) error {
	var n *int64
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("a row limit is a number or null: %w", err)
	}
	if n == nil {
		*l = Limit{}
		return nil
	}
	if *n < 0 {
		return fmt.Errorf("a row limit is not negative, got %d", *n)
	}
	*l = Rows(*n)
	return nil
}
