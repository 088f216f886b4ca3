package inprocess

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	grpclib "google.golang.org/grpc"
)

// rowSender is the stream the plugin's Execute handler writes rows to: it
// queues each row with the query's key values for the reader, waiting
// while the queue is full, until the query is cancelled.
//
// The SDK only calls Send and Context; the embedded ServerStream (nil) is
// there to satisfy proto.WrapperPlugin_ExecuteServer, which also tells the
// SDK that completion is signalled by Execute returning, not by a nil row.
type rowSender struct {
	grpclib.ServerStream
	ctx    context.Context
	rows   chan<- *proto.Row
	equals map[string]string // the query's key values
}

var _ proto.WrapperPlugin_ExecuteServer = (*rowSender)(nil)

func (s *rowSender) Send(r *proto.ExecuteResponse) error {
	if r.GetRow() == nil || !hasKeyValues(r.GetRow(), s.equals) {
		return nil
	}
	if err := s.ctx.Err(); err != nil {
		return err
	}
	select {
	case s.rows <- r.GetRow():
		return nil
	case <-s.ctx.Done():
		// ctx.Err (context.Canceled), not its cause: the SDK recognises it as
		// a cancellation instead of reporting it as a query failure.
		return s.ctx.Err()
	}
}

func (s *rowSender) Context() context.Context { return s.ctx }
