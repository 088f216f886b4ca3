package vercel

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/hcl/v2"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/zclconf/go-cty/cty"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// Environment variables read when the connection config leaves a field out.
const (
	EnvAPIToken = "VERCEL_API_TOKEN"
	EnvTeam     = "VERCEL_TEAM"
	EnvBaseURL  = "VERCEL_BASE_URL"
)

// vercelConfig is a connection's HCL config, as in config/vercel.spc. The
// fields stay expressions so that Validate decides what a value may be:
// HCL would turn api_token = 12345 or api_token = true into a string, and
// its own errors for an unquoted word print the word.
type vercelConfig struct {
	APIToken hcl.Expression `hcl:"api_token,optional"`
	Team     hcl.Expression `hcl:"team,optional"`
	BaseURL  hcl.Expression `hcl:"base_url,optional"`
	// validated holds the fields' values once Validate has evaluated
	// them: the SDK keeps this struct (by value) as the connection's
	// config, and every query reads it without evaluating HCL again.
	validated *configValues
}

// configValues are a connection config's settings; "" is a field not set.
type configValues struct {
	apiToken, team, baseURL string
}

// ConfigInstance returns an empty connection config for the SDK to fill.
func ConfigInstance() any {
	return &vercelConfig{}
}

// Validate is called by the SDK once it has decoded the config (see
// third_party/steampipe-plugin-sdk/PATCHES.md): a field of the wrong type
// fails when the config is set, not at the first query.
func (c *vercelConfig) Validate() error {
	c.validated = nil
	v, err := c.values()
	if err == nil {
		c.validated = &v
	}
	return err
}

func (c vercelConfig) values() (configValues, error) {
	if c.validated != nil {
		return *c.validated, nil
	}
	var v configValues
	for _, field := range []struct {
		name string
		expr hcl.Expression
		to   *string
	}{
		{"api_token", c.APIToken, &v.apiToken},
		{"team", c.Team, &v.team},
		{"base_url", c.BaseURL, &v.baseURL},
	} {
		s, err := stringAttribute(field.name, field.expr)
		if err != nil {
			return configValues{}, err
		}
		*field.to = strings.TrimSpace(s)
	}
	if err := vercelapi.CheckTokenLength(v.apiToken); err != nil {
		return configValues{}, fmt.Errorf("api_token: %w", err)
	}
	return v, nil
}

// stringAttribute evaluates a config field that must be a quoted string
// ("" when it is left out). Its error never shows the value: for api_token
// that is the secret.
func stringAttribute(name string, expr hcl.Expression) (string, error) {
	if expr == nil {
		return "", nil
	}
	value, diags := expr.Value(nil)
	if !diags.HasErrors() && value.IsNull() {
		return "", nil
	}
	if diags.HasErrors() || !value.IsWhollyKnown() || !value.Type().Equals(cty.String) {
		return "", fmt.Errorf("%s must be a quoted string: %s = \"…\"", name, name)
	}
	return value.AsString(), nil
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
	values, err := cfg.values()
	if err != nil {
		return vercelapi.Config{}, fmt.Errorf("connection config: %w", err)
	}
	token := firstSet(values.apiToken, getenv(EnvAPIToken))
	if token == "" {
		return vercelapi.Config{}, ErrTokenNotSet
	}
	if err := vercelapi.CheckTokenLength(token); err != nil {
		return vercelapi.Config{}, fmt.Errorf("environment variable %s: %w", EnvAPIToken, err)
	}
	baseURL, err := baseURLSetting(values.baseURL, getenv)
	if err != nil {
		return vercelapi.Config{}, err
	}
	return vercelapi.Config{
		Token:   token,
		Team:    firstSet(values.team, getenv(EnvTeam)),
		BaseURL: baseURL,
	}, nil
}

// baseURLSetting is the base_url of the config, else of VERCEL_BASE_URL,
// else "" (the client's default), checked by the client's rule.
func baseURLSetting(configured string, getenv func(string) string) (string, error) {
	if configured != "" {
		if _, err := vercelapi.ParseBaseURL(configured); err != nil {
			return "", fmt.Errorf("connection config: %w", err)
		}
		return configured, nil
	}
	fromEnv := strings.TrimSpace(getenv(EnvBaseURL))
	if fromEnv != "" {
		if _, err := vercelapi.ParseBaseURL(fromEnv); err != nil {
			return "", fmt.Errorf("environment variable %s: %w", EnvBaseURL, err)
		}
	}
	return fromEnv, nil
}

func firstSet(configured, fallback string) string {
	if configured != "" {
		return configured
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
