package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
)

// The SQLSTATE follows the error's kind, whatever its message says.
func TestFailureMapsByKindNotByText(t *testing.T) {
	cases := map[errkind.Kind]string{
		errkind.Unauthorized: stateInvalidAuthorization,
		errkind.Forbidden:    stateInsufficientPrivilege,
		errkind.BadConfig:    stateInvalidParameterValue,
		errkind.RateLimited:  stateFDWError,
		errkind.Unavailable:  stateFDWError,
		errkind.Timeout:      stateFDWError,
		errkind.PagingGuard:  stateFDWError,
	}
	for kind, state := range cases {
		err := fmt.Errorf("query vercel_user_token: %w", errkind.New(kind, errors.New("reworded at will")))
		f := failureOf(err, "my server")
		assert.Equal(t, state, f.sqlstate, kind)
		assert.Equal(t, err.Error(), f.message)
		assert.NotEmpty(t, f.hint)
	}
	assert.Equal(t, stateFDWError, failureOf(errors.New("Vercel rejected the API token"), "s").sqlstate, "text without a kind maps to nothing special")
	assert.Equal(t, stateInternalError, failureOf(fmt.Errorf("%w: boom", errInternal), "s").sqlstate)
	assert.Contains(t, failureOf(errkind.New(errkind.Forbidden, errors.New("x")), `odd"name`).hint, `"odd""name"`)
}

// A refused write's hint names the columns the planner lets an INSERT set,
// so the two cannot drift apart.
func TestReadOnlyHintNamesThePlannersInsertColumns(t *testing.T) {
	f, ok := writeFailureOf(&plan.ReadOnlyError{Table: plan.WritableTable, Reason: "column bearer_token cannot be set"})
	assert.True(t, ok)
	assert.Equal(t, stateFeatureNotSupported, f.sqlstate)
	assert.Equal(t, "INSERT may set name, expires_at, team_ids and project_id; DELETE revokes the tokens its WHERE matches when the transaction commits.", f.hint)
	for _, column := range plan.InsertColumns(plan.WritableTable) {
		assert.Contains(t, f.hint, column)
	}
}
