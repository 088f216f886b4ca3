package vercel

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/go-hclog"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// Environment variables read when the connection config leaves a field out.
const (
	EnvAPIToken = "VERCEL_API_TOKEN"
	EnvTeam     = "VERCEL_TEAM"
)

// vercelConfig is a connection's HCL config, as in config/vercel.spc.
type vercelConfig struct {
	APIToken *string `hcl:"api_token"`
	Team     *string `hcl:"team"`
	BaseURL  *string `hcl:"base_url"`
}

// ConfigInstance returns an empty connection config for the SDK to fill.
func ConfigInstance() any {
	return &vercelConfig{}
}

// whereToSetToken tells the users of every engine where the token goes.
const whereToSetToken = "api_token in the connection config (~/.steampipe/config/vercel.spc for Steampipe, steampipe_configure_vercel() in SQLite, --config for the exporter) or the " + EnvAPIToken + " environment variable"

// ErrTokenNotSet is the error a connection without a token gets.
var ErrTokenNotSet = errors.New("api_token is not set: set " + whereToSetToken)

func connectionConfig(connection *plugin.Connection) vercelConfig {
	if connection == nil || connection.Config == nil {
		return vercelConfig{}
	}
	switch cfg := connection.Config.(type) {
	case vercelConfig:
		return cfg
	case *vercelConfig:
		return *cfg
	default:
		return vercelConfig{}
	}
}

// clientConfig merges the connection config with the environment (looked
// up with getenv): a field set in the config wins over its variable.
func clientConfig(cfg vercelConfig, getenv func(string) string) (vercelapi.Config, error) {
	token := firstSet(cfg.APIToken, getenv(EnvAPIToken))
	if token == "" {
		return vercelapi.Config{}, ErrTokenNotSet
	}
	baseURL := firstSet(cfg.BaseURL, "")
	if baseURL != "" {
		if _, err := vercelapi.ParseBaseURL(baseURL); err != nil {
			return vercelapi.Config{}, fmt.Errorf("connection config: %w", err)
		}
	}
	return vercelapi.Config{
		Token:   token,
		Team:    firstSet(cfg.Team, getenv(EnvTeam)),
		BaseURL: baseURL,
	}, nil
}

func firstSet(configured *string, fallback string) string {
	if configured != nil && strings.TrimSpace(*configured) != "" {
		return strings.TrimSpace(*configured)
	}
	return strings.TrimSpace(fallback)
}

// newClient builds the API client for a connection.
func newClient(connection *plugin.Connection, logger hclog.Logger) (*vercelapi.Client, error) {
	cfg, err := clientConfig(connectionConfig(connection), os.Getenv)
	if err != nil {
		return nil, err
	}
	cfg.Logger = logger
	return vercelapi.NewClient(cfg)
}
