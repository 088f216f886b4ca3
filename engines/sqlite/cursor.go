package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
)

// cursor is one SQLite cursor over a table. It holds a single row: rows
// stream from the plugin as SQLite steps through them.
type cursor struct {
	table  *table
	engine *inprocess.Engine
	rows   *inprocess.Rows
	row    *proto.Row // nil at EOF
	rowid  int64
}

// waitSlice is how long one callback waits for a row before the shim checks
// whether the statement was interrupted (Ctrl-C in the sqlite3 shell).
const waitSlice = 50 * time.Millisecond

// filter starts a scan, ending any scan the cursor was in, and moves towards
// its first row; pending means the row has not come yet (see await).
func (c *cursor) filter(p plan.Plan, params []plan.Param) (pending bool, err error) {
	c.close()
	bound, err := p.Bind(params)
	if err != nil {
		return false, err
	}
	queries, err := bound.Queries()
	switch {
	case err != nil:
		return false, err
	case len(queries) == 0: // a key compared with NULL
		return false, nil
	case len(queries) > 1:
		return false, fmt.Errorf("query %s: a plan with one value per key made %d queries", c.table.name, len(queries))
	}
	// The query ends when the cursor closes: on Ctrl-C the shim sees the
	// interrupt between waits and calls stop. SQLite 3.40 has no
	// sqlite3_is_interrupted, which is why the wait is in slices.
	rows, err := c.engine.Query(context.Background(), queries[0])
	if err != nil {
		return false, fmt.Errorf("query %s: %w", c.table.name, err)
	}
	c.rows, c.rowid = rows, 0
	return c.await()
}

// next moves towards the following row; pending as for filter.
func (c *cursor) next() (pending bool, err error) {
	if c.rows == nil {
		c.row = nil
		return false, nil
	}
	return c.await()
}

// await waits up to waitSlice for the row the cursor moves to; pending
// means it has not come yet, and the shim calls await again.
func (c *cursor) await() (pending bool, err error) {
	row, err := c.rows.NextWithin(waitSlice)
	switch {
	case errors.Is(err, inprocess.ErrNoRowYet):
		return true, nil
	case errors.Is(err, io.EOF):
		c.close()
		return false, nil
	case err != nil:
		c.close()
		return false, err
	}
	c.row = row
	c.rowid++
	if c.table.identities != nil {
		c.rowid = c.table.identities.rowid(rowToken(row))
	}
	return false, nil
}

func (c *cursor) eof() bool {
	return c.row == nil
}

// value is column i of the current row in Go; nil is NULL.
func (c *cursor) value(i int) any {
	if c.row == nil || i < 0 || i >= len(c.table.columns) {
		return nil
	}
	return sdkquery.ColumnValue(c.row.GetColumns()[c.table.columns[i].GetName()])
}

// close ends the scan, telling the plugin to stop fetching. It is also how
// an interrupted statement stops its query.
func (c *cursor) close() {
	if c.rows != nil {
		c.rows.Close() // stops the plugin fetching further pages
		c.rows = nil
	}
	c.row = nil
}

// rowToken names the token of a row of a writable table, whose scans always
// fetch plan.RowIdentity, and says whether it is the connection's own when
// the query fetched is_current.
func rowToken(row *proto.Row) identity {
	text := func(column string) string {
		s, _ := sdkquery.ColumnValue(row.GetColumns()[column]).(string)
		return s
	}
	isCurrent, known := sdkquery.ColumnValue(row.GetColumns()["is_current"]).(bool)
	return identity{token: tokenwrite.Token{ID: text("token_id"), Name: text("name"), IsCurrent: isCurrent}, currentKnown: known}
}
