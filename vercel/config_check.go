package vercel

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// The config fields checked here: the bearer token, and the API's address.
const (
	tokenAttribute   = "api_token"
	baseURLAttribute = "base_url"
)

// CheckConfig is what an in-process host asks before it hands a connection
// config to the SDK, which would report some mistakes badly or unsafely: its
// HCL syntax errors come out as JSON errors, and an unquoted value comes out
// verbatim ("no variable named …"), which for api_token would print the
// secret. Messages here give the position and never a value. It returns the
// api_token value, which the host keeps out of every error.
func CheckConfig(config string) (secrets []string, err error) {
	file, diags := hclsyntax.ParseConfig([]byte(config), "connection config", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, positioned(diags[0].Subject, diags[0].Summary)
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("unexpected HCL body type %T", file.Body)
	}
	for _, attr := range inSourceOrder(body.Attributes) {
		name := attr.Name
		value, diags := attr.Expr.Value(nil)
		if diags.HasErrors() || !value.IsWhollyKnown() {
			return nil, positioned(attr.Expr.Range().Ptr(), fmt.Sprintf("the value of %s must be a literal; quote strings, e.g. %s = \"…\"", name, name))
		}
		if err := checkValue(name, value); err != nil {
			return nil, positioned(attr.Expr.Range().Ptr(), err.Error())
		}
		if name == tokenAttribute && value.Type() == cty.String && !value.IsNull() {
			secrets = append(secrets, value.AsString())
		}
	}
	return secrets, nil
}

// checkValue catches, when the config is set rather than at the first query,
// a base_url the client would refuse. (The plugin's own config validation
// refuses a value of the wrong type, api_token's among them.)
func checkValue(name string, value cty.Value) error {
	switch name {
	case baseURLAttribute:
		if value.Type() != cty.String || value.IsNull() {
			return fmt.Errorf("%s must be a quoted string, e.g. %s = \"https://api.vercel.com\"", name, name)
		}
		if raw := strings.TrimSpace(value.AsString()); raw != "" {
			if _, err := vercelapi.ParseBaseURL(raw); err != nil {
				return err
			}
		}
	}
	return nil
}

func inSourceOrder(attrs hclsyntax.Attributes) []*hclsyntax.Attribute {
	sorted := slices.Collect(maps.Values(attrs))
	slices.SortFunc(sorted, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	return sorted
}

func positioned(at *hcl.Range, message string) error {
	if at == nil {
		return fmt.Errorf("%s", message)
	}
	return fmt.Errorf("line %d, column %d: %s", at.Start.Line, at.Start.Column, message)
}
