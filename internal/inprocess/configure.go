package inprocess

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// Configure (re)configures the connection from hcl, the body of a Steampipe
// connection block, e.g. `api_token = "…"` and `base_url = "…"`. Each call
// replaces the whole configuration: a field it leaves out is not kept from an
// earlier call but falls back to VERCEL_API_TOKEN and VERCEL_TEAM; "" uses
// only those. A call that succeeds empties the query cache.
// Until a later Configure succeeds, queries fail with this call's error.
// The api_token never appears in the errors the engine returns.
func (e *Engine) Configure(hcl string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.configureLocked(hcl)
}

// ensureConfigured configures the connection from the environment if
// Configure has never been called, and returns the configuration's error.
func (e *Engine) ensureConfigured() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.configured {
		return e.configureLocked("")
	}
	if e.closed {
		return ErrClosed
	}
	return e.configErr
}

func (e *Engine) configureLocked(hcl string) error {
	if e.closed {
		return ErrClosed
	}
	e.configured = true
	e.configErr = e.applyConfig(hcl)
	return e.configErr
}

func (e *Engine) applyConfig(hcl string) error {
	secrets, err := e.plugin.CheckConfig(hcl)
	if err != nil {
		return errkind.New(errkind.BadConfig, fmt.Errorf("invalid connection config: %w", err))
	}
	for _, name := range e.plugin.SecretEnv {
		secrets = append(secrets, os.Getenv(name))
	}
	e.secrets = newRedactor(secrets...)
	failed, err := e.setConnectionConfig(hcl)
	if msg := failed[ConnectionName]; msg != "" {
		err = errors.New(msg)
	}
	if err != nil {
		return e.secrets.redact(errkind.New(errkind.BadConfig, fmt.Errorf("invalid connection config: %s", withoutSDKPrefix(err))))
	}
	e.connected = true
	e.writer, e.writerConfig = nil, hcl
	return nil
}

// setConnectionConfig hands the config to the plugin and returns the
// connections it failed. The first call creates the connection and the
// SDK's query cache (the smallest one when the cache is off); every
// SetAllConnectionConfigs with a cache size builds a new cache, whose
// cleanup goroutine never stops, so later calls keep it.
// Once the connection exists, a change goes through UpdateConnectionConfigs,
// which empties the query cache and the connection cache: rows fetched with
// the old config must not answer queries under the new one.
func (e *Engine) setConnectionConfig(hcl string) (failed map[string]string, err error) {
	req := sdkquery.ConnectionConfigRequest(ConnectionName, e.plugin.Name, hcl)
	if e.connected {
		res, err := e.server.UpdateConnectionConfigs(&proto.UpdateConnectionConfigsRequest{Changed: req.Configs})
		return res.GetFailedConnections(), err
	}
	buildCache := !e.cacheBuilt
	e.cacheBuilt = true
	req.MaxCacheSizeMb = -1 // -1: no new cache
	if buildCache && e.cache.enabled {
		req.MaxCacheSizeMb = int64(e.cache.maxSizeMb)
	}
	res, err := e.server.SetAllConnectionConfigs(req)
	if buildCache && !e.cache.enabled {
		// The SDK needs a cache even when it is off; one built off is
		// the smallest (the SDK's patch 7).
		off := &proto.SetCacheOptionsRequest{Enabled: false, Ttl: int64(e.cache.ttl.Seconds())}
		if _, offErr := e.server.SetCacheOptions(off); offErr != nil && err == nil {
			err = offErr
		}
	}
	return res.GetFailedConnections(), err
}

// withoutSDKPrefix drops the SDK's "failed to parse connection config for
// connection 'vercel': " lead-in, which our own message replaces.
func withoutSDKPrefix(err error) string {
	msg := strings.TrimSpace(err.Error())
	if _, rest, found := strings.Cut(msg, fmt.Sprintf("connection config for connection '%s': ", ConnectionName)); found {
		return rest
	}
	return msg
}
