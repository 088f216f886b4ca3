package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// Only Vercel's own not_found means "no such token": a 404 from anything
// else (a proxy, a mistyped base_url path, another service) is an error
// that names the URL, for a get of an existing token as for a list.
func TestAForeign404IsAnErrorNotAnEmptyResult(t *testing.T) {
	for name, kind := range map[string]emulator.ForeignNotFound{"HTML page": emulator.Foreign404HTML, "JSON of another service": emulator.Foreign404JSON} {
		t.Run(name, func(t *testing.T) {
			api := sampleAPI(t)
			ids, _ := fixtureIDs(t, api)
			p := startPlugin(t, processOptions{})
			p.configure(t, api.HCL())
			api.Server.SetFaults(emulator.Faults{Foreign404: kind})

			for what, q := range map[string]sdkquery.Query{
				"get":  {Table: "vercel_user_token", Columns: []string{"token_id", "name"}, Equals: map[string]string{"token_id": ids[0]}},
				"list": scanAll,
			} {
				rows, err := p.queryWithin(t, q)
				require.Error(t, err, "%s: a foreign 404 gave %d rows", what, len(rows))
				assert.Contains(t, err.Error(), api.URL+"/v", "%s: the error does not name the URL", what)
				assert.Contains(t, err.Error(), "404", what)
				assert.Contains(t, err.Error(), "base_url", "%s: the error does not say what to check", what)
			}
			assertSecretsKept(t, p, nil, api.Secret)
		})
	}
}

// A timestamp no SQL timestamp holds, or one that is not a number, fails
// the query with an error naming the token and the field: never a row with a
// wrong value or a silently dropped field.
func TestAnUnreadableTimestampNamesTheTokenAndField(t *testing.T) {
	for _, hostile := range testapi.HostileTokens {
		t.Run(hostile.Name, func(t *testing.T) {
			api := testapi.Start(t, testapi.HostileTokenFixture(t, 5, hostile))
			p := startPlugin(t, processOptions{})
			p.configure(t, api.HCL())

			for what, q := range map[string]sdkquery.Query{
				"list": {Table: "vercel_user_token", Columns: allColumns()},
				"get":  {Table: "vercel_user_token", Columns: allColumns(), Equals: map[string]string{"token_id": testapi.HostileTokenID}},
			} {
				rows, err := p.queryWithin(t, q)
				require.Error(t, err, "%s: gave %d rows", what, len(rows))
				assert.Contains(t, err.Error(), testapi.HostileTokenID, "%s: the error does not name the token", what)
				assert.Contains(t, err.Error(), hostile.Field, "%s: the error does not name the field", what)
			}
		})
	}
}
