package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
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
