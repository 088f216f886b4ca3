package inprocess

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	protobuf "google.golang.org/protobuf/proto"
)

// Tables returns the schema of every table of the plugin, by name. The
// schemas are copies: changing them does not affect the plugin.
func (e *Engine) Tables() (map[string]*proto.TableSchema, error) {
	if err := e.ensureConfigured(); err != nil {
		return nil, err
	}
	res, err := e.server.GetSchema(&proto.GetSchemaRequest{Connection: ConnectionName})
	if err != nil {
		return nil, fmt.Errorf("reading the plugin schema: %w", pluginError(err))
	}
	tables := make(map[string]*proto.TableSchema, len(res.GetSchema().GetSchema()))
	for name, schema := range res.GetSchema().GetSchema() {
		tables[name] = protobuf.Clone(schema).(*proto.TableSchema)
	}
	return tables, nil
}

// table returns one table's schema, or an error naming the tables there are.
func (e *Engine) table(name string) (*proto.TableSchema, error) {
	tables, err := e.Tables()
	if err != nil {
		return nil, err
	}
	schema, ok := tables[name]
	if !ok {
		return nil, fmt.Errorf("table %q not found; the plugin provides: %s", name, strings.Join(slices.Sorted(maps.Keys(tables)), ", "))
	}
	return schema, nil
}
