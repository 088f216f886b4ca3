package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// table is what the virtual table needs of a plugin table's schema. It never
// changes once built, so every connection and cursor shares it.
type table struct {
	name string
	// columns are the table's own, in schema order; the ones the SDK adds
	// to every table (sp_connection_name, sp_ctx, _ctx) mean nothing here.
	columns []*proto.ColumnDefinition
	planner *plan.Table
	// identities are the rowids of a writable table's rows; nil for a
	// read-only table, whose rowids just count rows.
	identities *identities
}

func newTable(name string, schema *proto.TableSchema) *table {
	t := &table{name: name, planner: plan.NewTable(name, schema)}
	if t.planner.Writable() {
		t.identities = newIdentities()
	}
	own := t.planner.Columns()
	for _, c := range schema.GetColumns() {
		if slices.Contains(own, c.GetName()) {
			t.columns = append(t.columns, c)
		}
	}
	return t
}

// createStatement is the schema given to sqlite3_declare_vtab.
func (t *table) createStatement() string {
	defs := make([]string, len(t.columns))
	for i, c := range t.columns {
		defs[i] = sqlscan.QuoteIdentifier(c.GetName()) + " " + sqliteType(c.GetType())
	}
	return fmt.Sprintf("CREATE TABLE %s(%s)", sqlscan.QuoteIdentifier(t.name), strings.Join(defs, ", "))
}

// sqliteType is the declared type, which gives the column its affinity.
// Timestamps and JSON are TEXT (ISO-8601 and JSON text), booleans 0 or 1.
func sqliteType(t proto.ColumnType) string {
	switch t {
	case proto.ColumnType_BOOL, proto.ColumnType_INT:
		return "INTEGER"
	case proto.ColumnType_DOUBLE:
		return "REAL"
	default:
		return "TEXT"
	}
}
