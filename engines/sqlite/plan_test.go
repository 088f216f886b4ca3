package main

import (
	"slices"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
)

// testTable has a get key (id), a list key (team) and a plain column, and
// the SDK's columns with sp_connection_name among the keys, as a plugin's
// schema has them.
func testTable() *table {
	connectionName := &proto.KeyColumn{Name: "sp_connection_name", Operators: []string{"=", "<>"}, Require: "optional"}
	return newTable("things", &proto.TableSchema{
		Columns: []*proto.ColumnDefinition{
			{Name: "id", Type: proto.ColumnType_STRING},
			{Name: "team", Type: proto.ColumnType_STRING},
			{Name: "note", Type: proto.ColumnType_STRING},
			{Name: "sp_connection_name", Type: proto.ColumnType_STRING},
			{Name: "sp_ctx", Type: proto.ColumnType_JSON},
		},
		GetCallKeyColumnList:  []*proto.KeyColumn{{Name: "id", Operators: []string{"="}, Require: "required"}, connectionName},
		ListCallKeyColumnList: []*proto.KeyColumn{{Name: "team", Operators: []string{"="}, Require: "optional"}, connectionName},
	})
}

func TestTableLeavesOutTheSDKColumns(t *testing.T) {
	tbl := testTable()
	if len(tbl.columns) != 3 {
		t.Errorf("columns %v, want id, team and note", tbl.columns)
	}
}

const (
	colID = iota
	colTeam
	colNote
)

func TestBestIndexKeyEqualsIsGet(t *testing.T) {
	a := testTable().bestIndex(indexRequest{
		constraints: []constraint{
			{column: colNote, op: opEquals, usable: true},
			{column: colID, op: opEquals, usable: true},
			{column: colID, op: opEquals, usable: true}, // id = 'a' and id = 'b'
		},
		columnsUsed: 1<<colID | 1<<colNote,
	})
	if !slices.Equal(a.argvIndex, []int{0, 1, 0}) {
		t.Errorf("argvIndex %v, want only the first id term", a.argvIndex)
	}
	if keys := keyColumns(a.plan); !slices.Equal(keys, []string{"id"}) || !a.plan.Get || !a.unique || a.estimatedCost != costs[plan.CostGet].cost {
		t.Errorf("got plan %+v, unique %v, cost %v; want a get", a.plan, a.unique, a.estimatedCost)
	}
	if !slices.Equal(a.plan.Columns, []string{"id", "note"}) {
		t.Errorf("columns %v, want id and note", a.plan.Columns)
	}
}

func TestBestIndexSkipsUnusableAndOtherOperators(t *testing.T) {
	a := testTable().bestIndex(indexRequest{constraints: []constraint{
		{column: colID, op: opEquals, usable: false},
		{column: colTeam, op: opOther, usable: true},
	}})
	if !slices.Equal(a.argvIndex, []int{0, 0}) || a.estimatedCost != costs[plan.CostList].cost {
		t.Errorf("argvIndex %v cost %v, want a full scan", a.argvIndex, a.estimatedCost)
	}
}

func TestBestIndexListKeyIsCheaperThanScan(t *testing.T) {
	a := testTable().bestIndex(indexRequest{constraints: []constraint{{column: colTeam, op: opEquals, usable: true}}})
	if a.estimatedCost != costs[plan.CostKeyedList].cost || a.unique || !slices.Equal(a.argvIndex, []int{1}) {
		t.Errorf("cost %v unique %v, want a keyed list", a.estimatedCost, a.unique)
	}
}

func TestBestIndexLimit(t *testing.T) {
	limitOffset := []constraint{{op: opLimit, usable: true}, {op: opOffset, usable: true}}
	cases := map[string]struct {
		req  indexRequest
		argv []int
	}{
		"limit and offset":          {indexRequest{constraints: limitOffset}, []int{1, 2}},
		"after a list key":          {indexRequest{constraints: append([]constraint{{column: colTeam, op: opEquals, usable: true}}, limitOffset...)}, []int{1, 2, 3}},
		"a get takes no limit":      {indexRequest{constraints: append([]constraint{{column: colID, op: opEquals, usable: true}}, limitOffset...)}, []int{1, 0, 0}},
		"with an ORDER BY":          {indexRequest{constraints: limitOffset, ordered: true}, []int{0, 0}},
		"with a term SQLite checks": {indexRequest{constraints: append([]constraint{{column: colNote, op: opEquals, usable: true}}, limitOffset...)}, []int{0, 0, 0}},
		"with an unusable term":     {indexRequest{constraints: append([]constraint{{column: colTeam, op: opEquals, usable: false}}, limitOffset...)}, []int{0, 0, 0}},
	}
	for name, c := range cases {
		a := testTable().bestIndex(c.req)
		if !slices.Equal(a.argvIndex, c.argv) {
			t.Errorf("%s: argvIndex %v, want %v", name, a.argvIndex, c.argv)
		}
		if a.plan.Params() != slices.Max(c.argv) {
			t.Errorf("%s: the plan takes %d parameters, SQLite passes %d", name, a.plan.Params(), slices.Max(c.argv))
		}
	}
}

func TestUsedColumns(t *testing.T) {
	tbl := testTable()
	if got := tbl.usedColumns(0); len(got) != 0 {
		t.Errorf("no column used: %v", got)
	}
	if got := tbl.usedColumns(1 << 63); len(got) != 0 {
		// bit 63 stands for columns 63 and up, which this table lacks
		t.Errorf("bit 63: %v", got)
	}
	if got := tbl.usedColumns(1<<colTeam | 1<<colNote); !slices.Equal(got, []string{"team", "note"}) {
		t.Errorf("got %v", got)
	}
}

// What xFilter receives: the plan from idxStr and argv in the order
// bestIndex numbered them.
func TestPlanTravelsThroughIdxStrAndArgv(t *testing.T) {
	a := testTable().bestIndex(indexRequest{constraints: []constraint{
		{op: opOffset, usable: true},
		{column: colTeam, op: opEquals, usable: true},
		{op: opLimit, usable: true},
	}, columnsUsed: 1 << colNote})
	encoded, err := a.plan.Encode()
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := plan.Decode(encoded)
	if err != nil {
		t.Fatal(err)
	}
	argv := make([]plan.Param, 3)
	argv[a.argvIndex[0]-1] = plan.Param{Integer: 4}   // OFFSET 4
	argv[a.argvIndex[1]-1] = plan.Param{Text: "acme"} // team = 'acme'
	argv[a.argvIndex[2]-1] = plan.Param{Integer: 5}   // LIMIT 5
	bound, err := decoded.Bind(argv)
	if err != nil {
		t.Fatal(err)
	}
	queries, err := bound.Queries()
	if err != nil || len(queries) != 1 {
		t.Fatalf("queries %v: %v", queries, err)
	}
	q := queries[0]
	if n, _ := q.Limit.Get(); q.Table != "things" || q.Equals["team"] != "acme" || n != 9 || !slices.Equal(q.Columns, []string{"note"}) {
		t.Errorf("got %+v", q)
	}
}

func TestCreateStatement(t *testing.T) {
	tbl := newTable(`odd"name`, &proto.TableSchema{Columns: []*proto.ColumnDefinition{
		{Name: "flag", Type: proto.ColumnType_BOOL},
		{Name: "n", Type: proto.ColumnType_INT},
		{Name: "x", Type: proto.ColumnType_DOUBLE},
		{Name: "at", Type: proto.ColumnType_TIMESTAMP},
		{Name: "doc", Type: proto.ColumnType_JSON},
		{Name: "_ctx", Type: proto.ColumnType_JSON},
	}})
	want := `CREATE TABLE "odd""name"("flag" INTEGER, "n" INTEGER, "x" REAL, "at" TEXT, "doc" TEXT)`
	if got := tbl.createStatement(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestBestIndexPushesOnlyBinaryEquality(t *testing.T) {
	for _, collation := range []string{"NOCASE", "RTRIM", "nocase"} {
		a := testTable().bestIndex(indexRequest{constraints: []constraint{
			{column: colID, op: opEquals, usable: true, collation: collation},
			{column: colTeam, op: opEquals, usable: true, collation: collation},
			{op: opLimit, usable: true},
		}})
		if !slices.Equal(a.argvIndex, []int{0, 0, 0}) || len(a.plan.Keys) != 0 || a.estimatedCost != costs[plan.CostList].cost {
			t.Errorf("%s: argvIndex %v keys %v cost %v; want a full scan that SQLite filters", collation, a.argvIndex, a.plan.Keys, a.estimatedCost)
		}
	}
	a := testTable().bestIndex(indexRequest{constraints: []constraint{{column: colID, op: opEquals, usable: true, collation: "BINARY"}}})
	if keys := keyColumns(a.plan); !slices.Equal(keys, []string{"id"}) || !a.unique {
		t.Errorf("BINARY: keys %v unique %v, want a get", keys, a.unique)
	}
}

func keyColumns(p plan.Plan) []string {
	var columns []string
	for _, k := range p.Keys {
		columns = append(columns, k.Column)
	}
	return columns
}
