package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"syscall"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/render"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// scanQueueLength bounds the rows a scan holds that PostgreSQL has not
// taken yet: the backend's memory does not grow with the table.
const scanQueueLength = 64

// scanItem is a row (values set), the end of the scan, or its failure.
type scanItem struct {
	// values are the row's attributes in the foreign table's order as
	// input text; nil is NULL.
	values []*string
	err    error
}

func (i scanItem) isRow() bool { return i.values != nil }

// scan is one foreign scan. A goroutine runs the plugin's queries and
// queues the rows; the backend takes them with next without ever blocking,
// and waits on the read end of a pipe that the goroutine writes each time
// it queues something.
type scan struct {
	// serverName is the foreign server's, for the hints of failures.
	serverName string
	cancel     context.CancelFunc
	items      chan scanItem
	readFD     int
	writeFD    int
	// done is closed when the goroutine has returned.
	done chan struct{}
	// final is the end or failure, once next has returned it.
	final *scanItem
}

// scanTarget is what a scan produces rows for.
type scanTarget struct {
	// connection is the foreign table's schema: Steampipe's connection
	// name, in sp_connection_name, sp_ctx and _ctx.
	connection string
	// attributes are the foreign table's column names in order; "" for a
	// dropped column.
	attributes []string
}

func startScan(s serverSettings, p plan.Plan, target scanTarget) (*scan, error) {
	engine, err := s.engine()
	if err != nil {
		return nil, err
	}
	var fds [2]int
	if err := syscall.Pipe2(fds[:], syscall.O_NONBLOCK|syscall.O_CLOEXEC); err != nil {
		return nil, fmt.Errorf("create the scan's pipe: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sc := &scan{
		serverName: s.name,
		cancel:     cancel,
		items:      make(chan scanItem, scanQueueLength),
		readFD:     fds[0],
		writeFD:    fds[1],
		done:       make(chan struct{}),
	}
	go sc.produce(ctx, engine, p, target)
	return sc, nil
}

// produce runs the plan's queries one after the other and queues their
// rows, then the end or the first failure.
func (sc *scan) produce(ctx context.Context, engine *inprocess.Engine, p plan.Plan, target scanTarget) {
	defer close(sc.done)
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error in the plugin: %v", r)
			}
		}()
		queries, err := p.Queries()
		if err != nil {
			return err
		}
		for _, q := range queries {
			if err := sc.run(ctx, engine, q, target); err != nil {
				return err
			}
		}
		return nil
	}()
	if err == nil {
		err = io.EOF
	}
	sc.send(ctx, scanItem{err: err})
}

func (sc *scan) run(ctx context.Context, engine *inprocess.Engine, q sdkquery.Query, target scanTarget) error {
	rows, err := engine.Query(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for {
		row, err := rows.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if !sc.send(ctx, scanItem{values: target.values(row, q.Columns)}) {
			return ctx.Err()
		}
	}
}

// values are a row's attributes for the foreign table.
func (t scanTarget) values(row *proto.Row, fetched []string) []*string {
	return t.row(func(column string) (any, bool) {
		if !slices.Contains(fetched, column) {
			return nil, false
		}
		return sdkquery.ColumnValue(row.GetColumns()[column]), true
	})
}

// row is a row's attributes for the foreign table as input text, nil for
// NULL: the connection's in the SDK's columns, and value's for the table's
// own, which gives whether the row has the column at all.
func (t scanTarget) row(value func(column string) (any, bool)) []*string {
	values := make([]*string, len(t.attributes))
	for i, name := range t.attributes {
		var text string
		switch name {
		case "sp_connection_name":
			text = t.connection
		case "sp_ctx", "_ctx":
			text = contextJSON(t.connection)
		default:
			v, has := value(name)
			var ok bool
			if text, ok = render.Text(v); !has || !ok {
				continue
			}
		}
		values[i] = &text
	}
	return values
}

// send queues an item and wakes the backend; false when the scan was ended.
func (sc *scan) send(ctx context.Context, item scanItem) bool {
	select {
	case sc.items <- item:
		// EAGAIN means the pipe is full of wake-ups already.
		_, _ = syscall.Write(sc.writeFD, []byte{1})
		return true
	case <-ctx.Done():
		return false
	}
}

// next returns the next item, or ok false when there is none yet: the
// backend then waits for the read end of the pipe to become readable.
func (sc *scan) next() (item scanItem, ok bool) {
	if sc.final != nil {
		return *sc.final, true
	}
	select {
	case item := <-sc.items:
		if !item.isRow() {
			sc.final = &item
		}
		return item, true
	default:
		return scanItem{}, false
	}
}

// end stops the scan without waiting: the goroutine lets go of the plugin
// and closes the pipe once it has stopped. The backend must not use the
// pipe afterwards.
func (sc *scan) end() {
	sc.cancel()
	go func() {
		<-sc.done
		_ = syscall.Close(sc.writeFD)
		_ = syscall.Close(sc.readFD)
	}()
}
