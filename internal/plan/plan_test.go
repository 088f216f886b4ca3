package plan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

var connectionName = &proto.KeyColumn{Name: "sp_connection_name", Operators: []string{"=", "<>"}, Require: "optional"}

func schema(get, list []*proto.KeyColumn, columns ...string) *proto.TableSchema {
	s := &proto.TableSchema{GetCallKeyColumnList: append(get, connectionName), ListCallKeyColumnList: append(list, connectionName)}
	for _, c := range append(columns, "sp_connection_name", "sp_ctx", "_ctx") {
		s.Columns = append(s.Columns, &proto.ColumnDefinition{Name: c, Type: proto.ColumnType_STRING})
	}
	return s
}

// As vercel_user_token: one required get key.
func tokens() *Table {
	return NewTable("tokens", schema([]*proto.KeyColumn{{Name: "token_id", Operators: []string{"="}, Require: "required"}}, nil, "token_id", "name", "is_current"))
}

// As vercel_team: a get by any one of id and slug.
func teams() *Table {
	return NewTable("teams", schema([]*proto.KeyColumn{
		{Name: "id", Operators: []string{"="}, Require: "any_of"},
		{Name: "slug", Operators: []string{"="}, Require: "any_of"},
	}, nil, "id", "slug", "name"))
}

// A list filtered by a key column, and a get that needs two.
func things() *Table {
	return NewTable("things", schema(
		[]*proto.KeyColumn{{Name: "a", Operators: []string{"="}, Require: "required"}, {Name: "b", Operators: []string{"="}, Require: "required"}},
		[]*proto.KeyColumn{{Name: "team", Operators: []string{"="}, Require: "optional"}},
		"a", "b", "team", "note"))
}

func queries(t *testing.T, p Plan) []map[string]string {
	t.Helper()
	qs, err := p.Queries()
	require.NoError(t, err)
	var equals []map[string]string
	for _, q := range qs {
		equals = append(equals, q.Equals)
	}
	return equals
}

func TestAGetByAnyOfItsKeysIsOneRequestPerValue(t *testing.T) {
	for _, column := range []string{"id", "slug"} {
		p := teams().Plan(Request{Used: []string{"name"}, Quals: []Qual{{Column: column, Values: []string{"x"}}}, Complete: true})
		assert.True(t, p.Get, column)
		assert.Equal(t, CostGet, p.Cost)
		assert.Equal(t, []map[string]string{{column: "x"}}, queries(t, p), column)
	}
	// Both given: the first in the schema makes the get; the engine
	// checks the other on the row.
	p := teams().Plan(Request{Quals: []Qual{{Column: "slug", Values: []string{"s"}}, {Column: "id", Values: []string{"i", "j"}}}})
	assert.True(t, p.Get)
	assert.Equal(t, []map[string]string{{"id": "i"}, {"id": "j"}}, queries(t, p))
	assert.Equal(t, 2, p.Requests())
}

func TestAGetNeedsEveryRequiredKey(t *testing.T) {
	p := things().Plan(Request{Quals: []Qual{{Column: "a", Values: []string{"1"}}}, Complete: true, Limit: rowlimit.Rows(3)})
	assert.False(t, p.Get)
	assert.Empty(t, p.Keys, "a is no list key: the list cannot filter by it")
	assert.True(t, p.Limit.IsNone(), "the engine filters a itself, so the list cannot stop early")

	p = things().Plan(Request{Quals: []Qual{{Column: "a", Values: []string{"1", "2"}}, {Column: "b", Values: []string{"x"}}}})
	assert.True(t, p.Get)
	assert.Equal(t, []map[string]string{{"a": "1", "b": "x"}, {"a": "2", "b": "x"}}, queries(t, p))
}

func TestQualsOnOneColumnIntersect(t *testing.T) {
	p := tokens().Plan(Request{Quals: []Qual{
		{Column: "token_id", Values: []string{"a", "b", "a"}},
		{Column: "token_id", Values: []string{"b", "a", "c"}},
	}})
	assert.Equal(t, []map[string]string{{"token_id": "a"}, {"token_id": "b"}}, queries(t, p))

	p = tokens().Plan(Request{Quals: []Qual{{Column: "token_id", Values: []string{"a"}}, {Column: "token_id", Values: []string{"b"}}}})
	assert.Empty(t, queries(t, p), "token_id = 'a' and token_id = 'b' asks for nothing")
	p = tokens().Plan(Request{Quals: []Qual{{Column: "token_id", Values: []string{}}}})
	assert.Empty(t, queries(t, p), "token_id in (NULL) asks for nothing")
}

func TestAListStopsEarlyOnlyWhenThePluginAppliesEveryCondition(t *testing.T) {
	ten := rowlimit.Rows(10)
	cases := map[string]struct {
		r    Request
		want rowlimit.Limit
	}{
		"no condition":                  {Request{Complete: true, Limit: ten}, ten},
		"a list key":                    {Request{Complete: true, Limit: ten, Quals: []Qual{{Column: "team", Values: []string{"t"}}}}, ten},
		"a condition the engine checks": {Request{Complete: false, Limit: ten}, rowlimit.None()},
		"a qual on no key":              {Request{Complete: true, Limit: ten, Quals: []Qual{{Column: "note", Values: []string{"n"}}}}, rowlimit.None()},
	}
	for name, c := range cases {
		p := things().Plan(c.r)
		assert.Equal(t, c.want, p.Limit, name)
	}
	p := tokens().Plan(Request{Complete: true, Limit: ten, Quals: []Qual{{Column: "token_id", Values: []string{"a"}}}})
	qs, err := p.Queries()
	require.NoError(t, err)
	assert.True(t, qs[0].Limit.IsNone(), "a get is never limited")
}

func TestCostClasses(t *testing.T) {
	assert.Equal(t, CostList, things().Plan(Request{}).Cost)
	assert.Equal(t, CostKeyedList, things().Plan(Request{Quals: []Qual{{Column: "team", Param: true}}}).Cost)
	assert.Equal(t, CostGet, tokens().Plan(Request{Quals: []Qual{{Column: "token_id", Param: true}}}).Cost)
}

func TestFetchedColumns(t *testing.T) {
	p := tokens().Plan(Request{Used: []string{"is_current", "sp_ctx", "nope", "token_id"}})
	assert.Equal(t, []string{"token_id", "is_current"}, p.Columns, "own columns in schema order")
	p = tokens().Plan(Request{})
	assert.Equal(t, []string{"token_id"}, p.Columns, "count(*) still fetches a column")
}

// SQLite knows values only when the scan starts: they come as parameters,
// keys first, then LIMIT and OFFSET.
func TestParametersBindInOrder(t *testing.T) {
	p := things().Plan(Request{
		Quals:    []Qual{{Column: "team", Param: true}, {Column: "team", Param: true}},
		Complete: true, LimitParam: true, OffsetParam: true,
	})
	assert.Equal(t, 0, p.Keys[0].Qual)
	assert.True(t, p.Limit.IsNone())
	assert.False(t, p.LimitParam, "the second team qual is not taken, so the engine filters")

	p = things().Plan(Request{Quals: []Qual{{Column: "team", Param: true}}, Complete: true, LimitParam: true, OffsetParam: true})
	require.Equal(t, 3, p.Params())
	_, err := p.Queries()
	assert.Error(t, err, "unbound parameters")
	_, err = p.Bind([]Param{{Text: "t"}})
	assert.Error(t, err, "too few parameters")

	bound, err := p.Bind([]Param{{Text: "t"}, {Integer: 5}, {Integer: 2}})
	require.NoError(t, err)
	qs, err := bound.Queries()
	require.NoError(t, err)
	require.Len(t, qs, 1)
	assert.Equal(t, map[string]string{"team": "t"}, qs[0].Equals)
	assert.Equal(t, rowlimit.Rows(7), qs[0].Limit)

	bound, err = p.Bind([]Param{{Null: true}, {Integer: 5}, {Integer: 0}})
	require.NoError(t, err)
	assert.Empty(t, queries(t, bound), "team = NULL matches nothing")

	bound, err = p.Bind([]Param{{Text: "t"}, {Integer: -1}, {Integer: 3}})
	require.NoError(t, err)
	qs, _ = bound.Queries()
	assert.True(t, qs[0].Limit.IsNone(), "LIMIT -1 is no limit")
}

func TestEncodingRoundTrips(t *testing.T) {
	p := teams().Plan(Request{Used: []string{"name"}, Quals: []Qual{{Column: "slug", Values: []string{"acme", "o'neil"}}}})
	text, err := p.Encode()
	require.NoError(t, err)
	decoded, err := Decode(text)
	require.NoError(t, err)
	p.Keys[0].Qual = 0 // the qual's index does not cross
	assert.Equal(t, p, decoded)

	l := things().Plan(Request{Complete: true, Limit: rowlimit.Rows(0)})
	text, err = l.Encode()
	require.NoError(t, err)
	decoded, err = Decode(text)
	require.NoError(t, err)
	assert.True(t, decoded.Limit.IsZero(), "LIMIT 0 stays a limit: %s", text)

	_, err = Decode("not json")
	assert.Error(t, err)
}
