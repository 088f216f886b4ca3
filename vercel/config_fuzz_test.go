package vercel

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/zclconf/go-cty/cty"
)

// fuzzSecret stands for the token somewhere in a fuzzed api_token field.
const fuzzSecret = "abcdefSECRET9"

// FuzzConfigCheck writes the token into api_token between any two texts:
// the check never echoes the token, whatever the text around it makes of
// the field (a string, a number, a word, a list, an interpolation, a syntax
// error), and accepts the config only when HCL reads the field as a string.
func FuzzConfigCheck(f *testing.F) {
	for _, around := range [][2]string{
		{`"`, `"`}, {``, ``}, {`"  `, `  "`}, {`["`, `"]`}, {`{ v = "`, `" }`}, {`"${`, `}"`},
		{`"${"`, `"}"`}, {`12`, ``}, {`true`, ``}, {`"`, ``}, {`<<EOT` + "\n", "\nEOT"},
		{`"a" + "`, `"`}, {`upper("`, `")`}, {`"`, "\"\nteam = 12"}, {`"`, "\"\nbase_url = \"http://example.com\""},
		{`"%{ if true }`, `%{ endif }"`}, {`null`, ``}, {`"\`, `"`}, {"\"\u202e", `"`},
	} {
		f.Add(around[0], around[1])
	}
	f.Fuzz(func(t *testing.T, before, after string) {
		src := "api_token = " + before + fuzzSecret + after + "\n"
		body, err := checkConfigAsTheSDKDoes(src)
		if err != nil {
			if strings.Contains(err.Error(), fuzzSecret) {
				t.Fatalf("the config check echoes the token: %v", err)
			}
			return
		}
		attributes, _ := body.JustAttributes()
		token, ok := attributes["api_token"]
		if !ok {
			return // a syntax HCL reads without the field, such as a comment
		}
		value, diags := token.Expr.Value(nil)
		if diags.HasErrors() || !value.IsNull() && !value.Type().Equals(cty.String) {
			t.Fatalf("accepted api_token = %s%s%s, which HCL reads as %s", before, fuzzSecret, after, value.GoString())
		}
	})
}

// checkConfigAsTheSDKDoes parses and checks a connection config the way the
// SDK's parseConfigWithHclTags does (with a JSON retry, an empty evaluation
// context and the Validate hook), without starting a plugin per input.
func checkConfigAsTheSDKDoes(src string) (hcl.Body, error) {
	file, diags := hclsyntax.ParseConfig([]byte(src), "", hcl.Pos{})
	if diags.HasErrors() {
		file, diags = json.Parse([]byte(src), "")
		if diags.HasErrors() {
			return nil, plugin.DiagsToError("failed to parse connection config", diags)
		}
	}
	cfg := ConfigInstance()
	evalCtx := &hcl.EvalContext{Variables: map[string]cty.Value{}}
	if diags := gohcl.DecodeBody(file.Body, evalCtx, cfg); diags.HasErrors() {
		return nil, plugin.DiagsToError("failed to parse connection config", diags)
	}
	return file.Body, cfg.(plugin.ConnectionConfigValidator).Validate()
}
