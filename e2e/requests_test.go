package e2e

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

func listQueries(api *testapi.API) []url.Values {
	var out []url.Values
	for _, r := range api.Server.RequestsTo(emulator.EndpointList) {
		q, _ := url.ParseQuery(r.RawQuery)
		out = append(out, q)
	}
	return out
}

func TestAGetIsOneRequestAndNoList(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	ids, _ := fixtureIDs(t, api)

	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id", "name"}, Equals: map[string]string{"token_id": ids[3]}})
	require.Len(t, rows, 1)
	assert.Equal(t, ids[3], rows[0]["token_id"])
	assert.Len(t, api.Server.Requests(), 1)
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointGet))
	assert.Equal(t, 0, api.Server.Count(emulator.EndpointList))
}

func TestAFullScanOf250TokensIsThreeListRequests(t *testing.T) {
	for name, form := range map[string]emulator.CursorForm{"numeric cursor": emulator.CursorNumber, "string cursor": emulator.CursorString} {
		t.Run(name, func(t *testing.T) {
			api := testapi.Start(t, emulator.GenerateFixture(250, 7), emulator.WithCursor(form))
			p := startPlugin(t, processOptions{})
			p.configure(t, api.HCL())

			rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id"}})
			assert.Len(t, rows, 250)
			queries := listQueries(api)
			require.Len(t, queries, 3)
			assert.Len(t, api.Server.Requests(), 3, "no other request")
			for i, q := range queries {
				assert.Equal(t, "100", q.Get("limit"))
				assert.Equal(t, i > 0, q.Has("until"), "page %d", i+1)
			}
		})
	}
}

// A limit the engine passes down becomes the page size, and paging stops as
// soon as the query has its rows.
func TestALimitShrinksThePagesAndStopsPaging(t *testing.T) {
	for limit, wantPages := range map[int64][]string{5: {"5"}, 150: {"100", "50"}} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			api := sampleAPI(t)
			p := startPlugin(t, processOptions{})
			p.configure(t, api.HCL())

			rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id"}, Limit: rowlimit.Rows(limit)})
			assert.Len(t, rows, int(limit))
			var pages []string
			for _, q := range listQueries(api) {
				pages = append(pages, q.Get("limit"))
			}
			assert.Equal(t, wantPages, pages)
			assert.False(t, listQueries(api)[0].Has("until"), "the first page starts at the newest token")
		})
	}
}

func TestIsCurrentCostsOneRequestAtMostAndOnlyWhenAsked(t *testing.T) {
	api := sampleAPI(t)
	p := startPlugin(t, processOptions{})
	p.configure(t, api.HCL())
	ids, _ := fixtureIDs(t, api)

	p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id", "name"}})
	assert.Equal(t, 0, api.Server.Count(emulator.EndpointCurrent), "not asked for, not fetched")

	// token_id in (a, b, current): the SDK makes one get per id; they share one lookup.
	inList := sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id", "is_current"}}.ExecuteRequest(connectionName, "")
	inList.QueryContext.Quals = map[string]*proto.Quals{"token_id": {Quals: []*proto.Qual{{
		FieldName: "token_id",
		Operator:  &proto.Qual_StringValue{StringValue: "="},
		Value:     &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: &proto.QualValueList{Values: stringQualValues(ids[0], ids[1], api.CurrentID)}}},
	}}}}
	current := map[string]bool{}
	require.NoError(t, p.streamRequest(inList, func(r *proto.Row) {
		current[r.Columns["token_id"].GetStringValue()] = r.Columns["is_current"].GetBoolValue()
	}))
	assert.Equal(t, map[string]bool{ids[0]: false, ids[1]: false, api.CurrentID: true}, current)
	assert.Equal(t, 3, api.Server.Count(emulator.EndpointGet))
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointCurrent))

	// A token's id never changes: later queries reuse the answer.
	rows := p.mustQuery(t, sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id", "is_current"}})
	assert.Equal(t, 1, countTrue(rows, "is_current"))
	assert.Equal(t, 1, api.Server.Count(emulator.EndpointCurrent))
}

func stringQualValues(values ...string) []*proto.QualValue {
	out := make([]*proto.QualValue, len(values))
	for i, v := range values {
		out[i] = &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v}}
	}
	return out
}
