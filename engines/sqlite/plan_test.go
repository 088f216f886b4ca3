package main

import (
	"math"
	"slices"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
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
	if !slices.Equal(tbl.equalKeys, []string{"id", "team"}) || !slices.Equal(tbl.getKeys, []string{"id"}) {
		t.Errorf("equal keys %v, get keys %v; want id and team, and id", tbl.equalKeys, tbl.getKeys)
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
	if !slices.Equal(a.plan.Keys, []string{"id"}) || !a.unique || a.estimatedCost != getCost {
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
	if !slices.Equal(a.argvIndex, []int{0, 0}) || a.estimatedCost != scanCost {
		t.Errorf("argvIndex %v cost %v, want a full scan", a.argvIndex, a.estimatedCost)
	}
}

func TestBestIndexListKeyIsCheaperThanScan(t *testing.T) {
	a := testTable().bestIndex(indexRequest{constraints: []constraint{{column: colTeam, op: opEquals, usable: true}}})
	if a.estimatedCost != keyCost || a.unique {
		t.Errorf("cost %v unique %v, want a keyed list", a.estimatedCost, a.unique)
	}
}

func TestBestIndexLimit(t *testing.T) {
	limitOffset := []constraint{{op: opLimit, usable: true}, {op: opOffset, usable: true}}
	cases := map[string]struct {
		req        indexRequest
		limit, off int
	}{
		"limit and offset":          {indexRequest{constraints: limitOffset}, 1, 2},
		"after a key":               {indexRequest{constraints: append([]constraint{{column: colID, op: opEquals, usable: true}}, limitOffset...)}, 2, 3},
		"with an ORDER BY":          {indexRequest{constraints: limitOffset, ordered: true}, 0, 0},
		"with a term SQLite checks": {indexRequest{constraints: append([]constraint{{column: colNote, op: opEquals, usable: true}}, limitOffset...)}, 0, 0},
	}
	for name, c := range cases {
		a := testTable().bestIndex(c.req)
		if a.plan.LimitArg != c.limit || a.plan.OffsetArg != c.off {
			t.Errorf("%s: limit arg %d offset arg %d, want %d %d", name, a.plan.LimitArg, a.plan.OffsetArg, c.limit, c.off)
		}
	}
}

func TestUsedColumns(t *testing.T) {
	tbl := testTable()
	if got := tbl.usedColumns(0); !slices.Equal(got, []string{"id"}) {
		t.Errorf("no column used: %v, want the first", got)
	}
	if got := tbl.usedColumns(1 << 63); len(got) != 1 {
		// bit 63 stands for columns 63 and up, which this table lacks
		t.Errorf("bit 63: %v", got)
	}
	if got := tbl.usedColumns(1<<colTeam | 1<<colNote); !slices.Equal(got, []string{"team", "note"}) {
		t.Errorf("got %v", got)
	}
}

func TestPlanRoundTripsAndBuildsQuery(t *testing.T) {
	p := plan{Columns: []string{"id"}, Keys: []string{"id"}, LimitArg: 2, OffsetArg: 3}
	encoded, err := p.encode()
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := decodePlan(encoded)
	if err != nil {
		t.Fatal(err)
	}
	q, matchable, err := decoded.query("things", []filterArg{{text: "abc"}, {integer: 5}, {integer: 4}})
	if err != nil || !matchable {
		t.Fatalf("query: %v matchable=%v", err, matchable)
	}
	if q.Table != "things" || q.Equals["id"] != "abc" || q.Limit != 9 || !slices.Equal(q.Columns, []string{"id"}) {
		t.Errorf("got %+v", q)
	}
	if _, matchable, _ := decoded.query("things", []filterArg{{null: true}, {integer: 5}, {integer: 0}}); matchable {
		t.Error("id = NULL should match nothing")
	}
	if _, _, err := decoded.query("things", []filterArg{{text: "abc"}}); err == nil {
		t.Error("missing arguments should be an error")
	}
	if _, err := decodePlan("not json"); err == nil {
		t.Error("a broken idxStr should be an error")
	}
}

func TestRowsToFetch(t *testing.T) {
	cases := []struct{ limit, offset, want int64 }{
		{5, 0, 5},
		{5, 3, 8},
		{5, -2, 5},
		{-1, 3, -1},
		{math.MaxInt64, 1, -1}, // overflow: no limit
	}
	for _, c := range cases {
		if got := rowsToFetch(c.limit, c.offset); got != c.want {
			t.Errorf("rowsToFetch(%d, %d) = %d, want %d", c.limit, c.offset, got, c.want)
		}
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
		if !slices.Equal(a.argvIndex, []int{0, 0, 0}) || len(a.plan.Keys) != 0 || a.estimatedCost != scanCost {
			t.Errorf("%s: argvIndex %v keys %v cost %v; want a full scan that SQLite filters", collation, a.argvIndex, a.plan.Keys, a.estimatedCost)
		}
	}
	a := testTable().bestIndex(indexRequest{constraints: []constraint{{column: colID, op: opEquals, usable: true, collation: "BINARY"}}})
	if !slices.Equal(a.plan.Keys, []string{"id"}) || !a.unique {
		t.Errorf("BINARY: keys %v unique %v, want a get", a.plan.Keys, a.unique)
	}
}
