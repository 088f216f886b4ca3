package sdkquery

import (
	"crypto/rand"
	"encoding/hex"
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// Query is one scan of one table: what a SQL engine asks a plugin for.
type Query struct {
	Table   string
	Columns []string
	// Equals holds key-column equality quals (column = 'value').
	Equals map[string]string
	// Limit caps the rows fetched.
	Limit rowlimit.Limit
}

// ExecuteRequest builds the request Steampipe would send to execute q on
// connection, with the query cache disabled. An empty callID is replaced by a
// random one.
func (q Query) ExecuteRequest(connection, callID string) *proto.ExecuteRequest {
	if callID == "" {
		callID = newCallID()
	}
	var limit *proto.NullableInt
	if n, ok := q.Limit.Get(); ok {
		limit = &proto.NullableInt{Value: n}
	}
	return &proto.ExecuteRequest{
		Table: q.Table,
		QueryContext: &proto.QueryContext{
			Columns: slices.Clone(q.Columns),
			Quals:   q.quals(),
			// The SDK reads the limit from ExecuteConnectionData; this copy
			// keeps plugins built on older SDKs informed too.
			Limit: limit,
		},
		Connection: connection,
		CallId:     callID,
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{
			connection: {Limit: limit, CacheEnabled: false},
		},
	}
}

func (q Query) quals() map[string]*proto.Quals {
	if len(q.Equals) == 0 {
		return nil
	}
	quals := make(map[string]*proto.Quals, len(q.Equals))
	for column, value := range q.Equals {
		quals[column] = &proto.Quals{Quals: []*proto.Qual{equalsQual(column, value)}}
	}
	return quals
}

// equalsQual is the qual for column = 'value' on a string column.
func equalsQual(column, value string) *proto.Qual {
	return &proto.Qual{
		FieldName: column,
		Operator:  &proto.Qual_StringValue{StringValue: "="},
		Value:     &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: value}},
	}
}

// newCallID returns a random id: the SDK logs and de-duplicates calls by it.
func newCallID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return "sdkquery-" + hex.EncodeToString(b[:])
}
