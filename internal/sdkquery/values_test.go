package sdkquery

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func TestColumnValue(t *testing.T) {
	when := time.Date(2024, 5, 6, 7, 8, 9, 123e6, time.UTC)
	cases := map[string]struct {
		column *proto.Column
		want   any
	}{
		"nil column": {nil, nil},
		"no value":   {&proto.Column{}, nil},
		"null":       {&proto.Column{Value: &proto.Column_NullValue{}}, nil},
		"string":     {&proto.Column{Value: &proto.Column_StringValue{StringValue: "x"}}, "x"},
		"empty":      {&proto.Column{Value: &proto.Column_StringValue{}}, ""},
		"bool":       {&proto.Column{Value: &proto.Column_BoolValue{BoolValue: true}}, true},
		"int":        {&proto.Column{Value: &proto.Column_IntValue{IntValue: -3}}, int64(-3)},
		"double":     {&proto.Column{Value: &proto.Column_DoubleValue{DoubleValue: 1.5}}, 1.5},
		"json":       {&proto.Column{Value: &proto.Column_JsonValue{JsonValue: []byte(`["a"]`)}}, json.RawMessage(`["a"]`)},
		"timestamp":  {&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(when)}}, when},
		"nil stamp":  {&proto.Column{Value: &proto.Column_TimestampValue{}}, nil},
		"inet":       {&proto.Column{Value: &proto.Column_IpAddrValue{IpAddrValue: "10.0.0.1"}}, "10.0.0.1"},
		"cidr":       {&proto.Column{Value: &proto.Column_CidrRangeValue{CidrRangeValue: "10.0.0.0/8"}}, "10.0.0.0/8"},
		"ltree":      {&proto.Column{Value: &proto.Column_LtreeValue{LtreeValue: "a.b"}}, "a.b"},
	}
	for name, tc := range cases {
		assert.Equal(t, tc.want, ColumnValue(tc.column), name)
	}
}

func TestColumnValueTimestampIsUTC(t *testing.T) {
	local := time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	got := ColumnValue(&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(local)}})
	assert.Equal(t, time.UTC, got.(time.Time).Location())
	assert.True(t, local.Equal(got.(time.Time)))
}

func TestColumnValueJSONIsACopy(t *testing.T) {
	raw := []byte(`{"a":1}`)
	got := ColumnValue(&proto.Column{Value: &proto.Column_JsonValue{JsonValue: raw}})
	raw[2] = 'b'
	assert.Equal(t, json.RawMessage(`{"a":1}`), got)
}

func TestRowValues(t *testing.T) {
	row := &proto.Row{Columns: map[string]*proto.Column{
		"a": {Value: &proto.Column_StringValue{StringValue: "x"}},
		"b": {Value: &proto.Column_IntValue{IntValue: 2}},
	}}
	assert.Equal(t, []any{int64(2), nil, "x"}, RowValues(row, []string{"b", "missing", "a"}))
	assert.Equal(t, []any{nil}, RowValues(nil, []string{"a"}))
}
