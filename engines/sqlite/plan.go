package main

import (
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
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
	plan plan.Plan
	// argvIndex[i] is where constraint i's value goes in xFilter's argv,
	// counting from 1 as SQLite does; 0 leaves it out.
	argvIndex     []int
	estimatedCost float64
	estimatedRows int64
	unique        bool
}

// Costs steer SQLite towards the plugin's cheap paths: a get is one request,
// a list filtered by key columns a few, a full list many.
var costs = map[plan.Cost]struct {
	cost float64
	rows int64
}{
	plan.CostGet:       {10, 1},
	plan.CostKeyedList: {1_000, 100},
	plan.CostList:      {1_000_000, 10_000},
}

// bestIndex asks the planner for one set of constraints: every usable
// byte-wise = term is a qual whose value comes in xFilter's argv, and so are
// LIMIT and OFFSET. It never marks a term omitted, so SQLite checks every
// term on the rows it gets back.
func (t *table) bestIndex(req indexRequest) indexAnswer {
	r := plan.Request{Used: t.usedColumns(req.columnsUsed), Complete: true}
	if t.planner.Writable() {
		// A DELETE's xUpdate gets only the rowid: every scan learns which
		// token each rowid is.
		r.Used = append(r.Used, plan.RowIdentity...)
	}
	var qualTerm []int // the constraint of each qual
	limitTerm, offsetTerm := -1, -1
	for i, c := range req.constraints {
		switch {
		case c.op == opLimit || c.op == opOffset:
			// SQLite sorts after the scan: an ORDER BY keeps the limit
			// away from the scan.
			if c.usable && !req.ordered {
				if c.op == opLimit {
					limitTerm, r.LimitParam = i, true
				} else {
					offsetTerm, r.OffsetParam = i, true
				}
			}
		case c.usable && c.op == opEquals && c.comparesBytes() && c.column >= 0 && c.column < len(t.columns):
			r.Quals = append(r.Quals, plan.Qual{Column: t.columns[c.column].GetName(), Param: true})
			qualTerm = append(qualTerm, i)
		default:
			r.Complete = false
		}
	}
	a := indexAnswer{plan: t.planner.Plan(r), argvIndex: make([]int, len(req.constraints))}
	// argv follows plan.Bind's order: the keys, then LIMIT, then OFFSET.
	argc := 0
	use := func(term int) {
		argc++
		a.argvIndex[term] = argc
	}
	for _, k := range a.plan.Keys {
		use(qualTerm[k.Qual])
	}
	if a.plan.LimitParam {
		use(limitTerm)
	}
	if a.plan.OffsetParam {
		use(offsetTerm)
	}
	c := costs[a.plan.Cost]
	a.estimatedCost, a.estimatedRows, a.unique = c.cost, c.rows, a.plan.Cost == plan.CostGet
	return a
}

// usedColumns names the columns colUsed marks.
func (t *table) usedColumns(columnsUsed uint64) []string {
	var names []string
	for i, c := range t.columns {
		if columnsUsed&(1<<min(i, 63)) != 0 {
			names = append(names, c.GetName())
		}
	}
	return names
}
