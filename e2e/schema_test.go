package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// userTokenColumns is the table's contract: users' queries depend on these
// names and types.
var userTokenColumns = map[string]proto.ColumnType{
	"token_id":        proto.ColumnType_STRING,
	"name":            proto.ColumnType_STRING,
	"type":            proto.ColumnType_STRING,
	"origin":          proto.ColumnType_STRING,
	"title":           proto.ColumnType_STRING,
	"active_at":       proto.ColumnType_TIMESTAMP,
	"created_at":      proto.ColumnType_TIMESTAMP,
	"expires_at":      proto.ColumnType_TIMESTAMP,
	"leaked_at":       proto.ColumnType_TIMESTAMP,
	"revoked_at":      proto.ColumnType_TIMESTAMP,
	"leaked_url":      proto.ColumnType_STRING,
	"prefix":          proto.ColumnType_STRING,
	"suffix":          proto.ColumnType_STRING,
	"project_id":      proto.ColumnType_STRING,
	"scopes":          proto.ColumnType_JSON,
	"scope_types":     proto.ColumnType_JSON,
	"team_ids":        proto.ColumnType_JSON,
	"sudo_origin":     proto.ColumnType_STRING,
	"sudo_expires_at": proto.ColumnType_TIMESTAMP,
	"is_current":      proto.ColumnType_BOOL,
	"bearer_token":    proto.ColumnType_STRING,
}

func allColumns() []string {
	names := make([]string, 0, len(userTokenColumns))
	for name := range userTokenColumns {
		names = append(names, name)
	}
	return names
}

func TestSchema(t *testing.T) {
	p := startPlugin(t, processOptions{})
	p.configure(t, `api_token = "unused"`)
	schema := p.schema(t)
	require.Contains(t, schema.Schema, "vercel_user_token")
	table := schema.Schema["vercel_user_token"]
	require.NotNil(t, table)
	assert.NotEmpty(t, table.Description)

	got := map[string]proto.ColumnType{}
	for _, c := range table.Columns {
		if sdkReservedColumns[c.Name] {
			continue
		}
		got[c.Name] = c.Type
		assert.NotEmpty(t, c.Description, "column %s has no description", c.Name)
	}
	assert.Equal(t, userTokenColumns, got)

	assert.Equal(t, []string{"token_id=required"}, keyColumns(table.GetCallKeyColumnList))
	assert.Empty(t, keyColumns(table.ListCallKeyColumnList), "the list endpoint takes no filters")
}

// sdkReservedColumns are added to every table by the SDK.
var sdkReservedColumns = map[string]bool{"_ctx": true, "sp_ctx": true, "sp_connection_name": true}

func keyColumns(list []*proto.KeyColumn) []string {
	var out []string
	for _, k := range list {
		if !sdkReservedColumns[k.Name] {
			out = append(out, k.Name+strings.Join(k.Operators, "")+k.Require)
		}
	}
	return out
}
