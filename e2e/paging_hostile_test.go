package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// Paging that would never end, or whose cursors would fill the memory, ends
// the query with an error that says so, after a handful of requests.
func TestPagingThatWouldNotEndFails(t *testing.T) {
	cases := []struct {
		name   string
		faults emulator.Faults
	}{
		{"endless empty pages", emulator.Faults{EmptyPages: true}},
		{"endless empty pages with 4 MB cursors", emulator.Faults{EmptyPages: true, CursorBytes: 4 << 20}},
		{"4 MB cursors on full pages", emulator.Faults{CursorBytes: 4 << 20}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := sampleAPI(t)
			p := startPlugin(t, processOptions{})
			p.configure(t, api.HCL())
			api.Server.SetFaults(tc.faults)

			rows, err := p.queryWithin(t, scanAll)

			require.Error(t, err, "paging that does not end gave %d rows", len(rows))
			assert.Contains(t, err.Error(), "/v6/user/tokens")
			assert.Contains(t, err.Error(), "page", "the error does not say the paging went wrong")
			assert.Less(t, api.Server.Count(emulator.EndpointList), 20, "list requests")
			assertSecretsKept(t, p, err, api.Secret)
		})
	}
}

// A token a server sends on two pages is one row.
func TestATokenOnTwoPagesIsOneRow(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	api.Server.SetFaults(emulator.Faults{RepeatToken: true})

	rows := p.mustQuery(t, scanAll)

	ids, _ := fixtureIDs(t, api)
	require.Greater(t, api.Server.Count(emulator.EndpointList), 1, "one page: nothing was repeated")
	got := map[string]int{}
	for _, r := range rows {
		got[r["token_id"].(string)]++
	}
	assert.Equal(t, len(ids), len(rows), "rows")
	for _, id := range ids {
		assert.Equal(t, 1, got[id], "rows of token %s", id)
	}
}
