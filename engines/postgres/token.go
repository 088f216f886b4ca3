package main

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// tokenOption is the user mapping option that holds a user's token.
const tokenOption = "api_token"

// withToken is the connection config a server's scans use: the server's
// config with the user mapping's token, when there is one, in place of the
// config's own api_token. Without either, the plugin reads VERCEL_API_TOKEN
// from the server's environment. A config that does not parse is returned as
// it is, for the plugin to report where it is wrong.
func withToken(config, token string) string {
	if token == "" {
		return config
	}
	// hclwrite appends the attribute right after the last byte.
	if !strings.HasSuffix(config, "\n") {
		config += "\n"
	}
	file, diags := hclwrite.ParseConfig([]byte(config), "connection config", hcl.InitialPos)
	if diags.HasErrors() {
		return config
	}
	file.Body().SetAttributeValue(tokenOption, cty.StringVal(token))
	return string(file.Bytes())
}
