package vercel

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// streamPage streams one page of a list as rows, and reports whether the
// query still wants more (false once its LIMIT is met).
func streamPage[T any](ctx context.Context, d *plugin.QueryData, page []T, row func(T) any) bool {
	for _, item := range page {
		d.StreamListItem(ctx, row(item))
		if d.RowsRemaining(ctx) <= 0 {
			return false
		}
	}
	return true
}
