package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func TestTheRateLimiterIsDeclared(t *testing.T) {
	p := startPlugin(t, processOptions{})
	res, err := p.plugin.GetRateLimiters(nil)
	require.NoError(t, err)
	require.Len(t, res.Definitions, 1)
	d := res.Definitions[0]
	assert.Equal(t, "vercel_api", d.Name)
	assert.Equal(t, float32(10), d.FillRate)
	assert.Equal(t, int64(50), d.BucketSize)
	assert.Empty(t, d.Scope, "one bucket shared by every connection")
}

// The limiter paces every page, not just the start of the list call: with a
// bucket of one and two tokens a second, three pages cannot take less than
// a second. (A lower bound only: a slow machine cannot make it fail.)
func TestAnOverriddenLimiterPacesEveryPage(t *testing.T) {
	api := testapi.Start(t, emulator.GenerateFixture(250, 2))
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	p.overrideLimiter(t, 2, 1)

	start := time.Now()
	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id"}})
	elapsed := time.Since(start)
	assert.Len(t, rows, 250)
	assert.Equal(t, 3, api.Server.Count(emulator.EndpointList))
	assert.GreaterOrEqual(t, elapsed, 900*time.Millisecond, "three pages at two a second with no burst")
}
