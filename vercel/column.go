package vercel

import (
	"context"
	"fmt"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// column reads its value straight from the row of type R: the SDK's
// FromField would find the field by reflection and compile a regexp per
// column per row, the largest CPU cost of a scan.
func column[R any](name string, columnType proto.ColumnType, description string, value func(R) any) *plugin.Column {
	return &plugin.Column{
		Name:        name,
		Type:        columnType,
		Description: description,
		Transform: transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
			row, ok := d.HydrateItem.(R)
			if !ok {
				return nil, fmt.Errorf("column %s: unexpected row type %T", name, d.HydrateItem)
			}
			return value(row), nil
		}),
	}
}
