package inprocess

import (
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// ForgetCachedRows empties the query cache and the connection cache, as a
// config change does: after a write, no later query may answer with rows
// fetched before it (a revoked token, a list without the new one).
func (e *Engine) ForgetCachedRows() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.connected || e.closed {
		return
	}
	req := sdkquery.ConnectionConfigRequest(ConnectionName, vercel.PluginName, e.writerConfig)
	// The same config: the SDK still treats it as changed and clears both
	// caches; its error could only be the config's, which worked before.
	_, _ = e.server.UpdateConnectionConfigs(&proto.UpdateConnectionConfigsRequest{Changed: req.Configs})
}
