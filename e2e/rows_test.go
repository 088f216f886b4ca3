package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func fixtureIDs(t testing.TB, api *testapi.API) (ids []string, byID map[string]json.RawMessage) {
	t.Helper()
	ids = api.TokenIDs(t)
	byID = make(map[string]json.RawMessage, len(ids))
	for i, id := range ids {
		byID[id] = api.Fixture.Tokens[i]
	}
	return ids, byID
}

func TestFullScanMatchesTheFixtureFieldByField(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())

	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: allColumns()})

	ids, byID := fixtureIDs(t, api)
	require.Len(t, rows, len(ids), "every token, once")
	seen := map[string]bool{}
	for _, r := range rows {
		id, _ := r["token_id"].(string)
		require.Contains(t, byID, id)
		require.False(t, seen[id], "token %s returned twice", id)
		seen[id] = true
		want := expectedRow(t, byID[id], api.CurrentID)
		got := comparable(t, r)
		for column := range userTokenColumns {
			assert.Equal(t, want[column], got[column], "token %s column %s", id, column)
		}
	}
	assert.Equal(t, 1, countTrue(rows, "is_current"), "exactly one token is the connection's own")
}

func TestGetMatchesTheFixture(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	ids, byID := fixtureIDs(t, api)
	for _, id := range []string{ids[0], ids[len(ids)/2], api.CurrentID} {
		rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: allColumns(), Equals: map[string]string{"token_id": id}})
		require.Len(t, rows, 1)
		want := expectedRow(t, byID[id], api.CurrentID)
		got := comparable(t, rows[0])
		for column := range userTokenColumns {
			assert.Equal(t, want[column], got[column], "token %s column %s", id, column)
		}
	}
}

func countTrue(rows []row, column string) int {
	n := 0
	for _, r := range rows {
		if r[column] == true {
			n++
		}
	}
	return n
}
