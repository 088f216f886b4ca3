package testapi

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

func TestStartProcessServesTheGeneratedFixtureWithItsLatency(t *testing.T) {
	api := StartProcess(t, 250, 1, 30*time.Millisecond)
	assert.Nil(t, api.Server, "the emulator's state is in the other process")
	assert.True(t, strings.HasPrefix(api.URL, "http://127.0.0.1:"), "served on loopback: %s", api.URL)
	assert.Equal(t, emulator.GenerateFixture(250, 1).Secret(), api.Secret)

	start := time.Now()
	n, err := api.BarePager(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 250, n)
	assert.GreaterOrEqual(t, time.Since(start), 90*time.Millisecond, "three pages, each 30 ms late")
}
