package inprocess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// ErrNoRowYet is what NextWithin returns when no row came in time; the
// query goes on, and a later call returns its next row.
var ErrNoRowYet = errors.New("no row yet")

// errRowsClosed is why a query stops when its Rows are closed early.
var errRowsClosed = errors.New("rows closed")

// Rows are the rows of one running query. They are read by one goroutine at
// a time.
type Rows struct {
	ctx     context.Context
	cancel  context.CancelCauseFunc
	table   string
	rows    <-chan *proto.Row
	secrets redactor

	// done is closed once the plugin has returned; execErr is what it
	// returned, readable after done.
	done    chan struct{}
	execErr error

	// final is what Next keeps returning once the query is over.
	final error
}

func newRows(ctx context.Context, cancel context.CancelCauseFunc, table string, rows <-chan *proto.Row, secrets redactor) *Rows {
	return &Rows{ctx: ctx, cancel: cancel, table: table, rows: rows, secrets: secrets, done: make(chan struct{})}
}

// finish records the plugin's result; it is called once, by the goroutine
// running the query.
func (r *Rows) finish(err error) {
	r.execErr = err
	close(r.done)
}

// Next returns the next row, io.EOF after the last one, or the error that
// ended the query: the plugin's own message, or why the query was stopped.
func (r *Rows) Next() (*proto.Row, error) {
	return r.next(nil)
}

// NextWithin is Next waiting at most d, then returning ErrNoRowYet: a caller
// that must stay responsive (to Ctrl-C, say) waits in slices.
func (r *Rows) NextWithin(d time.Duration) (*proto.Row, error) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	return r.next(timer.C)
}

// next is Next, giving up with ErrNoRowYet when timeout fires (nil: never).
func (r *Rows) next(timeout <-chan time.Time) (*proto.Row, error) {
	if r.final != nil {
		return nil, r.final
	}
	select {
	case <-timeout:
		return nil, ErrNoRowYet
	case row := <-r.rows:
		return row, nil
	case <-r.done:
		// Rows sent before the plugin returned may still be buffered.
		select {
		case row := <-r.rows:
			return row, nil
		default:
		}
		r.final = r.outcome()
	case <-r.ctx.Done():
		r.final = r.stopped()
	}
	return nil, r.final
}

// outcome is how a query the plugin has finished ended. A query that was
// cancelled may look successful to the plugin, which ignores cancellation,
// but its rows are incomplete.
func (r *Rows) outcome() error {
	if r.ctx.Err() != nil {
		return r.stopped()
	}
	if r.execErr != nil {
		return fmt.Errorf("query %s: %w", r.table, r.secrets.redact(pluginError(r.execErr)))
	}
	return io.EOF
}

func (r *Rows) stopped() error {
	return fmt.Errorf("query %s stopped: %w", r.table, context.Cause(r.ctx))
}

// Close stops the query if it is still running (no more pages are fetched)
// and waits until the plugin has let go of it. Next then returns io.EOF.
func (r *Rows) Close() {
	r.cancel(errRowsClosed)
	<-r.done
	r.final = io.EOF
}
