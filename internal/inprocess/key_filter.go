package inprocess

import (
	"maps"
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// The SDK's query cache serves a query from the rows of an earlier one
// that asked for fewer key values: a get of one token_id gets the whole
// cached list, as Steampipe's PostgreSQL filters every row again. A host
// that trusts a get to return at most one row (SQLite told the get is
// unique, so a DELETE looks at its first row only) then acts on the wrong
// rows; every query therefore returns only rows with its key values.

// withKeyColumns is columns plus the key columns of equals they lack: the
// rows must carry them to be checked.
func withKeyColumns(columns []string, equals map[string]string) []string {
	for _, column := range slices.Sorted(maps.Keys(equals)) {
		if !slices.Contains(columns, column) {
			columns = append(slices.Clip(columns), column)
		}
	}
	return columns
}

// hasKeyValues tells whether row holds every value of equals. Key columns
// are text, compared byte for byte, as the API compares them.
func hasKeyValues(row *proto.Row, equals map[string]string) bool {
	for column, want := range equals {
		if got, ok := sdkquery.ColumnValue(row.GetColumns()[column]).(string); !ok || got != want {
			return false
		}
	}
	return true
}
