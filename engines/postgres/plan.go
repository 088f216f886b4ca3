package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// Estimates steer PostgreSQL's planner: a get is one request, a list
// filtered by key columns a few, a full list many.
const (
	startupCost   = 10
	requestCost   = 100
	rowCost       = 0.01
	pluginPerPage = 100
)

// estimates are, by the planner's cost class, the API requests a scan makes
// and the rows it returns; a get's are per key value.
var estimates = map[plan.Cost]struct{ requests, rows float64 }{
	plan.CostGet:       {1, 1},
	plan.CostKeyedList: {2, 100},
	plan.CostList:      {10, 1000},
}

// newPlan asks the planner how to scan table for the columns a query uses
// and the quals the C half could read. otherQuals counts the WHERE
// conditions it could not; limit is the query's LIMIT (plus OFFSET), or none
// when the query's shape does not let the scan stop early.
func newPlan(schema *proto.TableSchema, table string, used []string, quals []plan.Qual, otherQuals int, limit rowlimit.Limit) plan.Plan {
	return plan.NewTable(table, schema).Plan(plan.Request{Used: used, Quals: quals, Complete: otherQuals == 0, Limit: limit})
}

// estimatedRows estimates the rows the scan returns.
func estimatedRows(p plan.Plan) float64 {
	rows := estimates[p.Cost].rows
	if p.Get {
		return rows * float64(p.Requests())
	}
	if n, ok := p.Limit.Get(); ok {
		return min(float64(n), rows)
	}
	return rows
}

// estimatedCost estimates the scan's total cost, dominated by its API
// requests.
func estimatedCost(p plan.Plan) float64 {
	requests := estimates[p.Cost].requests
	if p.Get {
		requests *= float64(p.Requests())
	}
	return startupCost + requests*requestCost + estimatedRows(p)*rowCost
}

// explain says what the scan asks of the API, for EXPLAIN.
func explain(p plan.Plan) string {
	var b strings.Builder
	keys := make([]string, len(p.Keys))
	for i, k := range p.Keys {
		keys[i] = k.Column
	}
	n, limited := p.Limit.Get()
	switch {
	case p.Get:
		fmt.Fprintf(&b, "get %d %s by %s (one request each)", p.Requests(), plural(p.Requests(), "row", "rows"), strings.Join(keys, " and "))
	case limited:
		fmt.Fprintf(&b, "list, stopping after %d rows (page size %d)", n, min(n, pluginPerPage))
	default:
		fmt.Fprintf(&b, "list all (page size %d)", pluginPerPage)
	}
	if !p.Get && len(keys) > 0 {
		fmt.Fprintf(&b, ", filtered by %s", strings.Join(keys, " and "))
	}
	if slices.Contains(p.Columns, "is_current") {
		b.WriteString(", plus one request for is_current")
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
