package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// PostgreSQL is steered by the planner's cost class: a get is cheapest, a
// list filtered by key columns cheaper than a full list.
func TestEstimatesFollowTheCostClass(t *testing.T) {
	get := plan.Plan{Get: true, Cost: plan.CostGet, Keys: []plan.Key{{Column: "token_id", Values: []string{"a"}}}}
	keyed := plan.Plan{Cost: plan.CostKeyedList, Keys: []plan.Key{{Column: "team_id", Values: []string{"t"}}}}
	full := plan.Plan{Cost: plan.CostList}

	assert.Less(t, estimatedCost(get), estimatedCost(keyed))
	assert.Less(t, estimatedCost(keyed), estimatedCost(full), "a keyed list is priced below a full list")
	assert.Less(t, estimatedRows(keyed), estimatedRows(full))
	assert.Equal(t, 1.0, estimatedRows(get))

	threeGets := get
	threeGets.Keys = []plan.Key{{Column: "token_id", Values: []string{"a", "b", "c"}}}
	assert.Equal(t, 3.0, estimatedRows(threeGets), "one row per key value")
	assert.Greater(t, estimatedCost(threeGets), estimatedCost(get))

	limited := full
	limited.Limit = rowlimit.Rows(5)
	assert.Equal(t, 5.0, estimatedRows(limited))
	assert.Less(t, estimatedCost(limited), estimatedCost(full))
}
