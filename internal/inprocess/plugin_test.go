package inprocess

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

const toySecret = "toy_secret_value_42"

type toyConfig struct {
	Secret *string `hcl:"secret"`
}

// toyPlugin has one table of three words, and a secret in its config.
func toyPlugin() Plugin {
	pluginFunc := func(ctx context.Context) *plugin.Plugin {
		return &plugin.Plugin{
			Name:                   "toy",
			ConnectionConfigSchema: &plugin.ConnectionConfigSchema{NewInstance: func() any { return &toyConfig{} }},
			TableMap: map[string]*plugin.Table{"toy_word": {
				Name: "toy_word",
				List: &plugin.ListConfig{Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
					for _, w := range []string{"alpha", "beta", "gamma"} {
						d.StreamListItem(ctx, w)
					}
					return nil, nil
				}},
				Columns: []*plugin.Column{{Name: "word", Type: proto.ColumnType_STRING, Transform: transform.FromValue()}},
			}},
		}
	}
	check := func(hcl string) ([]string, error) {
		if strings.Contains(hcl, "forbidden") {
			return nil, errors.New("line 1: this config is not allowed")
		}
		return []string{toySecret}, nil
	}
	return Plugin{Name: "toy", Func: pluginFunc, CheckConfig: check}
}

// The host runs any plugin it is given, with that plugin's config check:
// it knows nothing of Vercel.
func TestTheHostRunsTheGivenPlugin(t *testing.T) {
	e, err := New(WithPlugin(toyPlugin()))
	require.NoError(t, err)
	t.Cleanup(e.Close)

	err = e.Configure(`forbidden = "yes"`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "this config is not allowed")
	assert.Equal(t, errkind.BadConfig, errkind.Of(err))

	require.NoError(t, e.Configure(`secret = "`+toySecret+`"`))
	tables, err := e.Tables()
	require.NoError(t, err)
	assert.Contains(t, tables, "toy_word")
	assert.NotContains(t, tables, "vercel_user_token")
	words, err := readAll(t.Context(), e, sdkquery.Query{Table: "toy_word", Columns: []string{"word"}}, "word")
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"alpha", "beta", "gamma"}, words)

	assert.Equal(t, toySecret, e.secrets.secrets[0], "the plugin's check names the secrets the host hides")
	assert.Equal(t, "leaked "+errkind.Redacted, e.secrets.redact(errors.New("leaked "+toySecret)).Error())
}
