package main

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// tokenOption is the user mapping option that holds a user's token.
const tokenOption = "api_token"

// environmentToken is VERCEL_API_TOKEN of the environment the PostgreSQL
// server was started with. goInit keeps it here instead of in Go's
// environment, so the plugin's own fallback to the variable never applies:
// connectionConfig alone hands it on, and only to a superuser's server.
// Written once by goInit, before any other call.
var environmentToken string

// mappingToken is the api_token of the user mapping a query runs under.
type mappingToken struct {
	set   bool // the mapping has an api_token option
	token string
}

// connectionConfig is the connection config a server's scans use, by
// postgres_fdw's password_required rule: the token of the user's mapping
// (or PUBLIC's) goes to any server; the config's api_token, then the
// server's environment token, only to a server a superuser owns. Any
// other role's server could name its own base_url and capture them.
func (s serverSettings) connectionConfig() (string, error) {
	server := sqlscan.QuoteIdentifier(s.name)
	switch {
	case s.mapping.set && strings.TrimSpace(s.mapping.token) == "":
		return "", errkind.New(errkind.Unauthorized, fmt.Errorf("api_token is not set: the user mapping for server %s has an empty api_token", server))
	case s.mapping.set:
		return withToken(s.config, s.mapping.token, true), nil
	case !s.ownerIsSuperuser:
		return "", errkind.New(errkind.Unauthorized, fmt.Errorf("api_token is not set: server %s is not owned by a superuser, so it uses only the api_token of a user mapping, never the one in its config or in the PostgreSQL server's environment", server))
	case environmentToken != "":
		return withToken(s.config, environmentToken, false), nil
	default:
		return s.config, nil
	}
}

// withToken is config with api_token set to token: in place of the config's
// own when replace is set, else only where the config has none. A config
// that does not parse is returned as it is, for the plugin to report where
// it is wrong.
func withToken(config, token string, replace bool) string {
	// hclwrite appends the attribute right after the last byte.
	if !strings.HasSuffix(config, "\n") {
		config += "\n"
	}
	file, diags := hclwrite.ParseConfig([]byte(config), "connection config", hcl.InitialPos)
	if diags.HasErrors() {
		return config
	}
	if !replace && file.Body().GetAttribute(tokenOption) != nil {
		return config
	}
	file.Body().SetAttributeValue(tokenOption, cty.StringVal(token))
	return string(file.Bytes())
}
