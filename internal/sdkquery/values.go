package sdkquery

import (
	"encoding/json"
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// ColumnValue decodes one column value to Go: nil for NULL, then string,
// bool, int64, float64, json.RawMessage (JSON) or time.Time in UTC
// (timestamp). Inet, CIDR and ltree values are strings.
func ColumnValue(c *proto.Column) any {
	switch v := c.GetValue().(type) {
	case *proto.Column_StringValue:
		return v.StringValue
	case *proto.Column_BoolValue:
		return v.BoolValue
	case *proto.Column_IntValue:
		return v.IntValue
	case *proto.Column_DoubleValue:
		return v.DoubleValue
	case *proto.Column_JsonValue:
		return json.RawMessage(slices.Clone(v.JsonValue))
	case *proto.Column_TimestampValue:
		if v.TimestampValue == nil {
			return nil
		}
		return v.TimestampValue.AsTime().UTC()
	case *proto.Column_IpAddrValue:
		return v.IpAddrValue
	case *proto.Column_CidrRangeValue:
		return v.CidrRangeValue
	case *proto.Column_LtreeValue:
		return v.LtreeValue
	default: // NULL, or no value at all
		return nil
	}
}

// RowValues decodes the named columns of row, in that order; a column the
// row lacks is nil.
func RowValues(row *proto.Row, columns []string) []any {
	values := make([]any, len(columns))
	for i, name := range columns {
		values[i] = ColumnValue(row.GetColumns()[name])
	}
	return values
}
