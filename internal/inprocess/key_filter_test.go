package inprocess

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// The cache may serve a get from a cached list; the get still returns its
// own row alone, with the columns it asked for.
func TestAGetServedFromACachedListReturnsItsRowAlone(t *testing.T) {
	for _, cache := range []string{"true", "false"} {
		t.Run("STEAMPIPE_CACHE="+cache, func(t *testing.T) {
			testapi.IsolateEnv(t)
			t.Setenv(EnvCache, cache)
			api := startAPI(t, 150)
			e := newEngine(t, api.HCL())
			ids, err := readAll(t.Context(), e, tokenQuery("token_id", "name"), "token_id")
			require.NoError(t, err)
			require.Len(t, ids, 150)

			for _, id := range []string{ids[1], ids[149], ids[0]} {
				get := tokenQuery("name")
				get.Equals = map[string]string{"token_id": id}
				got, err := readAll(t.Context(), e, get, "token_id")
				require.NoError(t, err)
				assert.Equal(t, []string{id}, got, "the row of the id asked for, carrying its key column")
			}
			nobody := tokenQuery("token_id", "name")
			nobody.Equals = map[string]string{"token_id": "tok_nobody"}
			got, err := readAll(t.Context(), e, nobody, "token_id")
			require.NoError(t, err)
			assert.Equal(t, 0, len(got), "an id no token has")
			if cache == "true" {
				assert.Zero(t, api.Server.Count(emulator.EndpointGet), "the gets were served from the cached list")
			}
		})
	}
}

func TestATeamBySlugServedFromACachedListIsThatTeam(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startAPI(t, 10)
	e := newEngine(t, api.HCL())
	teams := sdkquery.Query{Table: "vercel_team", Columns: []string{"id", "slug"}}
	ids, err := readAll(t.Context(), e, teams, "id")
	require.NoError(t, err)
	require.Greater(t, len(ids), 1, "the fixture has several teams")
	last := api.Fixture.Teams[len(api.Fixture.Teams)-1]
	bySlug := sdkquery.Query{Table: "vercel_team", Columns: []string{"id"}, Equals: map[string]string{"slug": last.Slug}}
	got, err := readAll(t.Context(), e, bySlug, "id")
	require.NoError(t, err)
	assert.Equal(t, []string{last.ID}, got)
	assert.Zero(t, api.Server.Count(emulator.EndpointTeam), "the get was served from the cached list")
}
