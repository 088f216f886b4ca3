package plan

import (
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// Table is what the planner needs of a plugin table's schema. It never
// changes once built.
type Table struct {
	name string
	// columns are the table's own, in schema order; the SDK's
	// sp_connection_name, sp_ctx and _ctx are filled in by the engine.
	columns []string
	// get holds the get call's key columns that take "=", and
	// getPossible is false when a required get key does not: then no
	// query can take the get path.
	get         []getKey
	getPossible bool
	// list holds the list call's key columns that take "=".
	list []string
}

// getKey is a key column of the get call.
type getKey struct {
	name string
	// anyOf: the get needs one of the anyOf keys, and every other key
	// that is required.
	anyOf    bool
	required bool
}

// NewTable reads what the planner needs from a table's schema. The SDK makes
// its own sp_connection_name a key column of every table, but uses it only to
// pick among an aggregator's connections, so it is no key here.
func NewTable(name string, schema *proto.TableSchema) *Table {
	t := &Table{name: name, getPossible: len(schema.GetGetCallKeyColumnList()) > 0}
	for _, c := range schema.GetColumns() {
		if !plugin.IsReservedColumnName(c.GetName()) {
			t.columns = append(t.columns, c.GetName())
		}
	}
	for _, k := range schema.GetGetCallKeyColumnList() {
		if plugin.IsReservedColumnName(k.GetName()) {
			continue
		}
		if !slices.Contains(k.GetOperators(), "=") {
			if k.GetRequire() == plugin.Required {
				t.getPossible = false
			}
			continue
		}
		t.get = append(t.get, getKey{name: k.GetName(), anyOf: k.GetRequire() == plugin.AnyOf, required: k.GetRequire() == plugin.Required})
	}
	if len(t.get) == 0 {
		t.getPossible = false
	}
	for _, k := range schema.GetListCallKeyColumnList() {
		if !plugin.IsReservedColumnName(k.GetName()) && slices.Contains(k.GetOperators(), "=") && !slices.Contains(t.list, k.GetName()) {
			t.list = append(t.list, k.GetName())
		}
	}
	return t
}

// Columns are the table's own columns in schema order.
func (t *Table) Columns() []string { return slices.Clone(t.columns) }

// fetched are the columns a scan fetches: the table's own that the query
// uses, in schema order. A query that uses none (count(*)) still fetches the
// first, so that rows come back.
func (t *Table) fetched(used []string) []string {
	var columns []string
	for _, c := range t.columns {
		if slices.Contains(used, c) {
			columns = append(columns, c)
		}
	}
	if len(columns) == 0 && len(t.columns) > 0 {
		columns = t.columns[:1]
	}
	return columns
}
