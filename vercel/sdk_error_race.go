package vercel

import (
	"context"
	"time"
)

// rowDrainTime is how long a failing list call holds its error back once it
// has streamed rows. SDK v5.14.1 selects at random between a pending error
// and the end of the row stream when both are ready (QueryData.streamRows,
// Plugin.execute): an error that lands while rows are still being sent can
// be dropped, turning a failed query into a silent partial result. Once the
// rows already streamed have been sent, the error is the only thing ready
// and always wins. A few hundred rows take a few tens of milliseconds.
const rowDrainTime = 250 * time.Millisecond

func waitForStreamedRowsToDrain(ctx context.Context) {
	t := time.NewTimer(rowDrainTime)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
