package testapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

func TestBarePagerReadsEveryTokenInPagesOf100(t *testing.T) {
	api := Start(t, emulator.GenerateFixture(250, 1))
	n, err := api.BarePager(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 250, n)
	assert.Equal(t, 3, api.Server.Count(emulator.EndpointList))
}

func TestBarePagerFailsOnAnErrorStatus(t *testing.T) {
	api := Start(t, emulator.GenerateFixture(250, 1))
	api.Secret = "wrong"
	_, err := api.BarePager(t.Context())
	assert.Error(t, err)
}
