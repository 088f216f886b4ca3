package inprocess

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// Configure (re)configures the connection from hcl, the body of a Steampipe
// connection block, e.g. `api_token = "…"` and `base_url = "…"`. Fields left
// out fall back to VERCEL_API_TOKEN and VERCEL_TEAM; "" uses only those.
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
	secrets, err := checkConfig(hcl)
	if err != nil {
		return fmt.Errorf("invalid connection config: %w", err)
	}
	e.secrets = newRedactor(append(secrets, os.Getenv(vercel.EnvAPIToken))...)
	res, err := e.server.SetAllConnectionConfigs(sdkquery.ConnectionConfigRequest(ConnectionName, vercel.PluginName, hcl))
	if msg := res.GetFailedConnections()[ConnectionName]; msg != "" {
		err = errors.New(msg)
	}
	if err != nil {
		return e.secrets.redact(fmt.Errorf("invalid connection config: %s", withoutSDKPrefix(err)))
	}
	return nil
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
