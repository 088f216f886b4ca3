package sdkquery

import (
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// ConnectionConfigRequest builds the request that gives a plugin exactly one
// connection, configured by hcl (the body of a connection block; "" for none).
// The plugin parses and validates the HCL itself.
func ConnectionConfigRequest(connection, pluginName, hcl string) *proto.SetAllConnectionConfigsRequest {
	shortName := strings.TrimPrefix(pluginName, "steampipe-plugin-")
	return &proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{
			Connection:      connection,
			Plugin:          pluginName,
			PluginShortName: shortName,
			PluginInstance:  shortName,
			Config:          hcl,
		}},
		// 0 (not -1, which means "SetCacheOptions follows") makes the SDK
		// create its query cache, which Execute needs even when every
		// request disables caching.
		MaxCacheSizeMb: 0,
	}
}
