package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// Estimates steer PostgreSQL's planner: a get is one request, a list many.
const (
	listRows      = 1000
	startupCost   = 10
	requestCost   = 100
	listRequests  = 10
	rowCost       = 0.01
	pluginPerPage = 100
)

// newPlan asks the planner how to scan table for the columns a query uses
// and the quals the C half could read. otherQuals counts the WHERE
// conditions it could not; limit is the query's LIMIT (plus OFFSET), or none
// when the query's shape does not let the scan stop early.
func newPlan(schema *proto.TableSchema, table string, used []string, quals []plan.Qual, otherQuals int, limit rowlimit.Limit) plan.Plan {
	return plan.NewTable(table, schema).Plan(plan.Request{Used: used, Quals: quals, Complete: otherQuals == 0, Limit: limit})
}

// estimatedRows estimates the rows the scan returns.
func estimatedRows(p plan.Plan) float64 {
	if p.Get {
		return float64(p.Requests())
	}
	if n, ok := p.Limit.Get(); ok {
		return float64(min(n, listRows))
	}
	return listRows
}

// estimatedCost estimates the scan's total cost, dominated by its API
// requests.
func estimatedCost(p plan.Plan) float64 {
	requests := float64(listRequests)
	if p.Get {
		requests = float64(p.Requests())
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
