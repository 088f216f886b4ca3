package vercel

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

func TestExplain(t *testing.T) {
	cases := []struct {
		err  *vercelapi.Error
		want string
	}{
		{&vercelapi.Error{StatusCode: 401}, "invalid, expired or revoked"},
		{&vercelapi.Error{StatusCode: 403, Team: "team_q"}, `no access to team "team_q"`},
		{&vercelapi.Error{StatusCode: 403}, "not authorized"},
		{&vercelapi.Error{StatusCode: 429}, "rate limit"},
		{&vercelapi.Error{StatusCode: 503}, "HTTP 503"},
		{&vercelapi.Error{StatusCode: 400, Message: "Invalid limit"}, "Invalid limit"},
	}
	for _, tc := range cases {
		err := explain(fmt.Errorf("listing: %w", tc.err))
		assert.Contains(t, err.Error(), tc.want)
		var apiErr *vercelapi.Error
		assert.True(t, errors.As(err, &apiErr), "the API error stays reachable with errors.As")
	}
	plain := errors.New("plain")
	assert.Same(t, plain, explain(plain))
	assert.NoError(t, explain(nil))
}
