package sdkquery

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

func tokenTableSchema() *proto.TableSchema {
	return &proto.TableSchema{
		Columns: []*proto.ColumnDefinition{
			{Name: "token_id", Type: proto.ColumnType_STRING},
			{Name: "name", Type: proto.ColumnType_STRING},
			{Name: "scopes", Type: proto.ColumnType_JSON},
			{Name: "sp_connection_name", Type: proto.ColumnType_STRING},
			{Name: "sp_ctx", Type: proto.ColumnType_JSON},
			{Name: "_ctx", Type: proto.ColumnType_JSON},
		},
		GetCallKeyColumnList: []*proto.KeyColumn{
			{Name: "token_id", Operators: []string{"="}, Require: "required"},
			connectionNameKeyColumn(),
		},
		ListCallKeyColumnList: []*proto.KeyColumn{
			{Name: "name", Operators: []string{"<>"}},
			{Name: "token_id", Operators: []string{"="}},
			connectionNameKeyColumn(),
		},
	}
}

// connectionNameKeyColumn is the key column the SDK adds to every table.
func connectionNameKeyColumn() *proto.KeyColumn {
	return &proto.KeyColumn{Name: "sp_connection_name", Operators: []string{"=", "<>", "~~"}, Require: "optional"}
}

func TestColumnNamesSkipsSDKColumns(t *testing.T) {
	assert.Equal(t, []string{"token_id", "name", "scopes"}, ColumnNames(tokenTableSchema()))
}

func TestEqualityKeyColumns(t *testing.T) {
	assert.Equal(t, []string{"token_id"}, EqualityKeyColumns(tokenTableSchema()))
	assert.Empty(t, EqualityKeyColumns(&proto.TableSchema{}))
}

func TestCheck(t *testing.T) {
	schema := tokenTableSchema()
	assert.NoError(t, Query{Table: "t", Columns: []string{"name", "sp_ctx"}, Equals: map[string]string{"token_id": "x"}}.Check(schema))

	err := Query{Table: "t", Columns: []string{"nope"}}.Check(schema)
	require.Error(t, err)
	var invalid *InvalidQueryError
	assert.ErrorAs(t, err, &invalid)
	assert.Contains(t, err.Error(), `no column "nope"`)
	assert.Contains(t, err.Error(), "token_id, name, scopes")

	err = Query{Table: "t", Equals: map[string]string{"name": "x"}}.Check(schema)
	require.Error(t, err)
	assert.ErrorAs(t, err, &invalid)
	assert.Contains(t, err.Error(), `cannot filter on "name"`)
	assert.Contains(t, err.Error(), "(token_id)")

	err = Query{Table: "t", Equals: map[string]string{"sp_connection_name": "prod"}}.Check(schema)
	require.Error(t, err, "the plugin would ignore the filter and return every row")
	assert.Contains(t, err.Error(), `cannot filter on "sp_connection_name"`)
	assert.Contains(t, err.Error(), "(token_id)")

	err = Query{Table: "t", Equals: map[string]string{"a": "x"}}.Check(&proto.TableSchema{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "this table has none")
}
