package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// qual is a condition the C half found in a scan's WHERE clause:
// column = 'value', or column = any('{…}') / column in (…) with values.
type qual struct {
	column string
	values []string
}

// plan is how a scan runs. The planner hands it to the executor as JSON in
// the plan's fdw_private, and EXPLAIN shows it.
type plan struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
	// GetKey is the column whose values are fetched one by one (a get
	// request each); "" lists the table.
	GetKey    string   `json:"get_key,omitempty"`
	GetValues []string `json:"get_values,omitempty"`
	// Limit caps the rows listed; -1 for none.
	Limit int64 `json:"limit"`
}

// Estimates steer PostgreSQL's planner: a get is one request, a list many.
const (
	listRows      = 1000
	startupCost   = 10
	requestCost   = 100
	listRequests  = 10
	rowCost       = 0.01
	pluginPerPage = 100
)

// newPlan chooses how to scan table for the columns a query uses and the
// quals the C half could read. otherQuals counts the WHERE conditions it
// could not; limit is the query's LIMIT (plus OFFSET), or -1 when the
// query's shape does not let the scan stop early.
func newPlan(schema *proto.TableSchema, table string, used []string, quals []qual, otherQuals int, limit int64) plan {
	p := plan{Table: table, Columns: fetchedColumns(schema, used), Limit: -1}
	getKey := singleGetKey(schema)
	exact := otherQuals == 0
	for _, q := range quals {
		switch {
		case p.GetKey == "" && getKey != "" && q.column == getKey:
			p.GetKey, p.GetValues = q.column, distinct(q.values)
		case p.GetKey == q.column:
			p.GetValues = intersect(p.GetValues, q.values)
		default:
			exact = false
		}
	}
	// With a WHERE condition the plugin does not apply, the first rows it
	// lists may all be filtered out: only an exact scan may stop early.
	if p.GetKey == "" && exact && limit >= 0 {
		p.Limit = limit
	}
	return p
}

// singleGetKey is the one column whose = qual selects the plugin's get
// path, or "" when the get needs several (or none). The SDK's own
// sp_connection_name is not one: it only picks among connections.
func singleGetKey(schema *proto.TableSchema) string {
	var keys []string
	for _, k := range schema.GetGetCallKeyColumnList() {
		if !isReserved(k.GetName()) && slices.Contains(k.GetOperators(), "=") {
			keys = append(keys, k.GetName())
		}
	}
	if len(keys) != 1 || len(keys) != countOwnGetKeys(schema) {
		return ""
	}
	return keys[0]
}

func countOwnGetKeys(schema *proto.TableSchema) int {
	n := 0
	for _, k := range schema.GetGetCallKeyColumnList() {
		if !isReserved(k.GetName()) {
			n++
		}
	}
	return n
}

// fetchedColumns are the plugin columns a query uses: is_current, say,
// costs its request only when asked for. The SDK's own columns are filled
// in here, not by the plugin. A query that uses no column (count(*)) still
// fetches one, so that rows come back.
func fetchedColumns(schema *proto.TableSchema, used []string) []string {
	own := sdkquery.ColumnNames(schema)
	var columns []string
	for _, name := range used {
		if slices.Contains(own, name) && !slices.Contains(columns, name) {
			columns = append(columns, name)
		}
	}
	if len(columns) == 0 && len(own) > 0 {
		columns = own[:1]
	}
	return columns
}

func distinct(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func intersect(a, b []string) []string {
	var out []string
	for _, v := range a {
		if slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

// queries are the plugin queries the scan runs, one after the other.
func (p plan) queries() []sdkquery.Query {
	if p.GetKey == "" {
		return []sdkquery.Query{{Table: p.Table, Columns: p.Columns, Limit: p.Limit}}
	}
	queries := make([]sdkquery.Query, len(p.GetValues))
	for i, v := range p.GetValues {
		queries[i] = sdkquery.Query{Table: p.Table, Columns: p.Columns, Equals: map[string]string{p.GetKey: v}, Limit: -1}
	}
	return queries
}

// rows estimates the rows the scan returns.
func (p plan) rows() float64 {
	switch {
	case p.GetKey != "":
		return float64(len(p.GetValues))
	case p.Limit >= 0:
		return float64(min(p.Limit, listRows))
	default:
		return listRows
	}
}

// cost estimates the scan's total cost, dominated by its API requests.
func (p plan) cost() float64 {
	requests := float64(listRequests)
	if p.GetKey != "" {
		requests = float64(len(p.GetValues))
	}
	return startupCost + requests*requestCost + p.rows()*rowCost
}

// explain says what the scan asks of the API, for EXPLAIN.
func (p plan) explain() string {
	var b strings.Builder
	switch {
	case p.GetKey != "":
		fmt.Fprintf(&b, "get %d %s by %s (one request each)", len(p.GetValues), plural(len(p.GetValues), "row", "rows"), p.GetKey)
	case p.Limit >= 0:
		fmt.Fprintf(&b, "list, stopping after %d rows (page size %d)", p.Limit, min(p.Limit, pluginPerPage))
	default:
		fmt.Fprintf(&b, "list all (page size %d)", pluginPerPage)
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

func (p plan) encode() (string, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode the scan plan: %w", err)
	}
	return string(data), nil
}

func decodePlan(text string) (plan, error) {
	var p plan
	if err := json.Unmarshal([]byte(text), &p); err != nil {
		return plan{}, fmt.Errorf("decode the scan plan: %w", err)
	}
	return p, nil
}

// isReserved tells the SDK's own columns, which the scan fills itself.
func isReserved(column string) bool { return plugin.IsReservedColumnName(column) }
