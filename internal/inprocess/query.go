package inprocess

import (
	"context"
	"fmt"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// rowQueueLength bounds the rows a query holds that its reader has not
// taken yet, so that the plugin keeps paging while the reader works.
const rowQueueLength = 256

// Query starts q and returns its rows as the plugin produces them: only
// rows with q's key values, even when the cache serves it (see
// hasKeyValues), holding at least q's columns and its key columns. Without
// columns it fetches all of the table's own columns (sdkquery.ColumnNames).
// The query stops when ctx is done, when the Rows are closed or when the
// Engine is closed; the caller must Close the Rows.
func (e *Engine) Query(ctx context.Context, q sdkquery.Query) (*Rows, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("query %s: %w", q.Table, err)
	}
	schema, err := e.table(q.Table)
	if err != nil {
		return nil, err
	}
	if len(q.Columns) == 0 {
		q.Columns = sdkquery.ColumnNames(schema)
	}
	q.Columns = withKeyColumns(q.Columns, q.Equals)
	if err := q.Check(schema); err != nil {
		return nil, err
	}
	if err := e.startQuery(); err != nil {
		return nil, err
	}
	qctx, cancel := context.WithCancelCause(ctx)
	unlink := context.AfterFunc(e.life, func() { cancel(context.Cause(e.life)) })
	rows := make(chan *proto.Row, rowQueueLength)
	r := newRows(qctx, cancel, q.Table, rows, e.currentRedactor())
	req := q.ExecuteRequest(ConnectionName, "")
	req.ExecuteConnectionData[ConnectionName].CacheEnabled = e.cache.enabled
	req.ExecuteConnectionData[ConnectionName].CacheTtl = int64(e.cache.ttl.Seconds())
	go func() {
		defer e.running.Done()
		defer unlink()
		r.finish(e.server.Execute(req, &rowSender{ctx: qctx, rows: rows, equals: q.Equals}))
	}()
	return r, nil
}

func (e *Engine) currentRedactor() redactor {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.secrets
}
