package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
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

// filter starts a scan, ending any scan the cursor was in, and moves to its
// first row.
func (c *cursor) filter(p plan, args []filterArg) error {
	c.close()
	q, matchable, err := p.query(c.table.name, args)
	if err != nil || !matchable {
		return err
	}
	// SQLite 3.40 gives a virtual table no way to see sqlite3_interrupt
	// (sqlite3_is_interrupted came in 3.41), so no context can end the
	// fetch on Ctrl-C: a fetch blocked in a request, or in its wait before
	// a retry (HTTP 429), goes on until the plugin sends a row or fails.
	// Only then does SQLite stop the statement; xClose stops the plugin.
	rows, err := c.engine.Query(context.Background(), q)
	if err != nil {
		return fmt.Errorf("query %s: %w", c.table.name, err)
	}
	c.rows, c.rowid = rows, 0
	return c.next()
}

// next moves to the following row.
func (c *cursor) next() error {
	if c.rows == nil {
		c.row = nil
		return nil
	}
	row, err := c.rows.Next()
	switch {
	case errors.Is(err, io.EOF):
		c.close()
		return nil
	case err != nil:
		c.close()
		return err
	}
	c.row = row
	c.rowid++
	return nil
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

// close ends the scan, telling the plugin to stop fetching.
func (c *cursor) close() {
	if c.rows != nil {
		c.rows.Close() // stops the plugin fetching further pages
		c.rows = nil
	}
	c.row = nil
}
