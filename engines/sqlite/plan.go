package main

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// constraintOp is the operator of a term SQLite offers xBestIndex, reduced
// to the ones the plugin can use.
type constraintOp int

const (
	opOther constraintOp = iota
	opEquals
	opLimit
	opOffset
)

// constraint is one entry of sqlite3_index_info.aConstraint.
type constraint struct {
	column int // index into table.columns; meaningless for LIMIT and OFFSET
	op     constraintOp
	usable bool
	// collation is the term's collating sequence (sqlite3_vtab_collation);
	// empty means SQLite's default, BINARY.
	collation string
}

// comparesBytes tells whether the term compares values byte for byte, as the
// API does: under another collation (NOCASE, RTRIM) 'TOK_1' may equal
// 'tok_1', which an exact get would miss.
func (c constraint) comparesBytes() bool {
	return c.collation == "" || strings.EqualFold(c.collation, "BINARY")
}

// indexRequest is what SQLite asks xBestIndex.
type indexRequest struct {
	constraints []constraint
	// columnsUsed is colUsed: bit i for column i, bit 63 for every column
	// from the 64th on.
	columnsUsed uint64
	ordered     bool // the query has an ORDER BY the table does not provide
}

// indexAnswer is what xBestIndex tells SQLite.
type indexAnswer struct {
	plan plan
	// argvIndex[i] is where constraint i's value goes in xFilter's argv,
	// counting from 1 as SQLite does; 0 leaves it out.
	argvIndex     []int
	estimatedCost float64
	estimatedRows int64
	unique        bool
}

// plan is how one scan runs. xBestIndex hands it to xFilter as JSON in
// idxStr.
type plan struct {
	Columns []string `json:"columns"`
	// Keys name the key columns whose values fill xFilter's argv from its
	// start, in order.
	Keys []string `json:"keys,omitempty"`
	// LimitArg and OffsetArg are the argv positions (from 1) of the LIMIT
	// and OFFSET values; 0 when the plan has none.
	LimitArg  int `json:"limit_arg,omitempty"`
	OffsetArg int `json:"offset_arg,omitempty"`
}

// Costs steer SQLite towards the plugin's cheap paths: a get is one request,
// a list filtered by key columns a few, a full list many.
const (
	getCost  = 10
	keyCost  = 1_000
	scanCost = 1_000_000
)

// bestIndex chooses the plan for one set of constraints. It never marks a
// term omitted, so SQLite checks every term on the rows it gets back.
func (t *table) bestIndex(req indexRequest) indexAnswer {
	a := indexAnswer{
		plan:      plan{Columns: t.usedColumns(req.columnsUsed)},
		argvIndex: make([]int, len(req.constraints)),
	}
	argc := 0
	use := func(i int) int {
		argc++
		a.argvIndex[i] = argc
		return argc
	}
	keyed := map[string]bool{}
	for i, c := range req.constraints {
		if !c.usable || c.op != opEquals || !c.comparesBytes() || c.column < 0 || c.column >= len(t.columns) {
			continue
		}
		name := t.columns[c.column].GetName()
		if slices.Contains(t.equalKeys, name) && !keyed[name] {
			keyed[name] = true
			use(i)
			a.plan.Keys = append(a.plan.Keys, name)
		}
	}
	if !req.ordered && allUsed(req.constraints, a.argvIndex) {
		for i, c := range req.constraints {
			switch {
			case !c.usable:
			case c.op == opLimit:
				a.plan.LimitArg = use(i)
			case c.op == opOffset:
				a.plan.OffsetArg = use(i)
			}
		}
	}
	switch {
	case len(t.getKeys) > 0 && allKeyed(t.getKeys, keyed):
		a.estimatedCost, a.estimatedRows, a.unique = getCost, 1, true
	case len(keyed) > 0:
		a.estimatedCost, a.estimatedRows = keyCost, 100
	default:
		a.estimatedCost, a.estimatedRows = scanCost, 10_000
	}
	return a
}

// allUsed tells whether the plugin applies every term but LIMIT and OFFSET.
// Only then may it stop after LIMIT rows: SQLite 3.40 offers LIMIT even when
// it filters some terms itself after the scan, and it sorts after the scan
// too, which is why an ORDER BY also keeps the limit away.
func allUsed(constraints []constraint, argvIndex []int) bool {
	for i, c := range constraints {
		if c.op != opLimit && c.op != opOffset && argvIndex[i] == 0 {
			return false
		}
	}
	return true
}

func allKeyed(keys []string, keyed map[string]bool) bool {
	for _, k := range keys {
		if !keyed[k] {
			return false
		}
	}
	return true
}

// usedColumns lists the columns a scan fetches. A scan that reads no column
// at all (count(*)) still fetches the first, so that rows come back.
func (t *table) usedColumns(columnsUsed uint64) []string {
	var names []string
	for i, c := range t.columns {
		if columnsUsed&(1<<min(i, 63)) != 0 {
			names = append(names, c.GetName())
		}
	}
	if len(names) == 0 && len(t.columns) > 0 {
		names = []string{t.columns[0].GetName()}
	}
	return names
}

func (p plan) encode() (string, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode query plan: %w", err)
	}
	return string(data), nil
}

func decodePlan(idxStr string) (plan, error) {
	var p plan
	if err := json.Unmarshal([]byte(idxStr), &p); err != nil {
		return plan{}, fmt.Errorf("decode query plan %q: %w", idxStr, err)
	}
	return p, nil
}

// filterArg is one value of xFilter's argv.
type filterArg struct {
	null    bool
	text    string
	integer int64
}

// query builds the plugin query for a plan and xFilter's argv. matchable is
// false when no row can match (a key compared with NULL).
func (p plan) query(table string, args []filterArg) (q sdkquery.Query, matchable bool, err error) {
	q = sdkquery.Query{Table: table, Columns: p.Columns, Limit: -1}
	for _, pos := range []int{len(p.Keys), p.LimitArg, p.OffsetArg} {
		if pos > len(args) {
			return q, false, fmt.Errorf("query plan wants argument %d of %d", pos, len(args))
		}
	}
	for i, key := range p.Keys {
		if args[i].null {
			return q, false, nil
		}
		if q.Equals == nil {
			q.Equals = map[string]string{}
		}
		q.Equals[key] = args[i].text
	}
	if p.LimitArg > 0 {
		q.Limit = args[p.LimitArg-1].integer
		if p.OffsetArg > 0 {
			q.Limit = rowsToFetch(q.Limit, args[p.OffsetArg-1].integer)
		}
	}
	if q.Limit < 0 {
		q.Limit = -1
	}
	return q, true, nil
}

// rowsToFetch is how many rows LIMIT limit OFFSET offset reads: SQLite skips
// the first offset rows itself. A negative limit means no limit, as in SQL.
func rowsToFetch(limit, offset int64) int64 {
	if limit < 0 {
		return -1
	}
	offset = max(offset, 0)
	if offset > math.MaxInt64-limit {
		return -1
	}
	return limit + offset
}
