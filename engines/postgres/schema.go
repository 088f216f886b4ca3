package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// remoteSchema is the schema IMPORT FOREIGN SCHEMA imports from, as in
// Steampipe: IMPORT FOREIGN SCHEMA vercel FROM SERVER … INTO <connection>.
const remoteSchema = "vercel"

// tableOption is the foreign table option naming the plugin's table, so
// that a renamed foreign table still reads its table.
const tableOption = "table"

// stateSchemaNotFound is fdw_schema_not_found.
const stateSchemaNotFound = "HV00Q"

// importStatements are the CREATE FOREIGN TABLE statements of every plugin
// table; PostgreSQL itself applies LIMIT TO and EXCEPT to them.
func importStatements(s serverSettings, fromSchema string) ([]string, error) {
	if fromSchema != remoteSchema {
		return nil, &raised{failure{stateSchemaNotFound, fmt.Sprintf("the plugin has no schema %q", fromSchema), fmt.Sprintf(
			"The server has one schema, %s: IMPORT FOREIGN SCHEMA %s FROM SERVER %s INTO …;", remoteSchema, remoteSchema, sqlscan.QuoteIdentifier(s.name))}}
	}
	tables, err := s.tables()
	if err != nil {
		return nil, err
	}
	statements := make([]string, 0, len(tables))
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		statements = append(statements, createForeignTable(s.name, name, tables[name]))
	}
	return statements, nil
}

// createForeignTable defines a table with all its columns, Steampipe's
// sp_connection_name, sp_ctx and _ctx included, in Steampipe's types.
func createForeignTable(serverName, table string, schema *proto.TableSchema) string {
	defs := make([]string, 0, len(schema.GetColumns()))
	for _, c := range schema.GetColumns() {
		defs = append(defs, sqlscan.QuoteIdentifier(c.GetName())+" "+postgresType(c.GetType()))
	}
	return fmt.Sprintf("CREATE FOREIGN TABLE %s (%s) SERVER %s OPTIONS (%s %s)",
		sqlscan.QuoteIdentifier(table), strings.Join(defs, ", "), sqlscan.QuoteIdentifier(serverName), tableOption, sqlscan.QuoteLiteral(table))
}

// postgresType is the type Steampipe gives a column of the plugin's type.
func postgresType(t proto.ColumnType) string {
	switch t {
	case proto.ColumnType_BOOL:
		return "boolean"
	case proto.ColumnType_INT:
		return "bigint"
	case proto.ColumnType_DOUBLE:
		return "double precision"
	case proto.ColumnType_JSON:
		return "jsonb"
	case proto.ColumnType_TIMESTAMP, proto.ColumnType_DATETIME:
		return "timestamptz"
	case proto.ColumnType_INET, proto.ColumnType_IPADDR:
		return "inet"
	case proto.ColumnType_CIDR:
		return "cidr"
	default:
		return "text"
	}
}
