package sdkquery

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// ColumnNames lists the table's own columns in schema order, leaving out the
// ones the SDK adds to every table (sp_connection_name, sp_ctx, _ctx).
func ColumnNames(t *proto.TableSchema) []string {
	var names []string
	for _, c := range t.GetColumns() {
		if !plugin.IsReservedColumnName(c.GetName()) {
			names = append(names, c.GetName())
		}
	}
	return names
}

// EqualityKeyColumns lists the columns the plugin can filter with "=":
// only those quals reach the API; the plugin ignores any other. The SDK
// makes its own sp_connection_name a key column of every table, but uses it
// only to pick among an aggregator's connections: with one connection every
// row comes back whatever it is compared with, so the SDK's columns are
// left out.
func EqualityKeyColumns(t *proto.TableSchema) []string {
	var names []string
	for _, k := range slices.Concat(t.GetGetCallKeyColumnList(), t.GetListCallKeyColumnList()) {
		name := k.GetName()
		if slices.Contains(k.GetOperators(), "=") && !plugin.IsReservedColumnName(name) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// InvalidQueryError is a query that asks the table for what it does not
// have: a mistake in the query, not a failure to run it.
type InvalidQueryError struct{ msg string }

func (e *InvalidQueryError) Error() string { return e.msg }

func invalidQuery(format string, args ...any) error {
	return &InvalidQueryError{msg: fmt.Sprintf(format, args...)}
}

// Check reports, as an *InvalidQueryError, the first reason q cannot run on
// table t as asked: an unknown column, or an equality on a column the
// plugin cannot filter (its rows would come back unfiltered).
func (q Query) Check(t *proto.TableSchema) error {
	known := make([]string, 0, len(t.GetColumns()))
	for _, c := range t.GetColumns() {
		known = append(known, c.GetName())
	}
	for _, name := range q.Columns {
		if !slices.Contains(known, name) {
			return invalidQuery("table %s has no column %q; its columns are: %s", q.Table, name, strings.Join(ColumnNames(t), ", "))
		}
	}
	keys := EqualityKeyColumns(t)
	for _, name := range slices.Sorted(maps.Keys(q.Equals)) {
		if !slices.Contains(keys, name) {
			return invalidQuery("table %s cannot filter on %q: only key columns can be compared with = (%s)", q.Table, name, listOrNone(keys))
		}
	}
	return nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "this table has none"
	}
	return strings.Join(names, ", ")
}
