package main

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// Two audits of the same tokens must diff clean: rows come in the API's
// order (newest first), whatever the SDK's concurrency does.
func TestRowsComeInTheAPIsOrder(t *testing.T) {
	testapi.IsolateEnv(t)
	sample, err := emulator.LoadFixture("../../emulator/fixtures/sample.json")
	require.NoError(t, err)
	api := testapi.Start(t, sample)

	export := func() string {
		res := runInProcess(t, "vercel_user_token", "--config", api.HCL())
		require.Equal(t, exitOK, res.code, res.stderr)
		return res.stdout
	}
	first := export()
	for run := 2; run <= 3; run++ {
		assert.True(t, first == export(), "run %d differs from run 1", run)
	}

	records, err := csv.NewReader(strings.NewReader(first)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, "token_id", records[0][0])
	var ids []string
	for _, record := range records[1:] {
		ids = append(ids, record[0])
	}
	assert.Equal(t, api.TokenIDs(t), ids, "the fixture lists its tokens newest first, as the API does")
}
