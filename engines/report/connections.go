package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// defaultConnection names the one connection of --config or the
// environment.
const defaultConnection = "vercel"

// connection is one Vercel user whose tokens are audited: a name for the
// report and the body of its connection config.
type connection struct {
	Name string
	HCL  string
}

// steampipeAttributes belong to Steampipe, not to the plugin's config.
var steampipeAttributes = []string{"plugin", "type", "import_schema", "connections"}

// connectionsFromSPC reads the Vercel connections of a Steampipe .spc file:
// every `connection "name" { plugin = "…vercel" … }` block. Connections of
// other plugins are left out; aggregators are left out too, since their
// members are audited one by one.
func connectionsFromSPC(ctx context.Context, path string) ([]connection, error) {
	src, err := readInputFile(ctx, path, maxConnectionsFile)
	if err != nil {
		return nil, err
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, positioned(diags[0].Subject, diags[0].Summary)
	}
	body := file.Body.(*hclsyntax.Body)
	var conns []connection
	for _, block := range body.Blocks {
		if block.Type != "connection" {
			continue
		}
		if len(block.Labels) != 1 || block.Labels[0] == "" {
			return nil, positioned(&block.TypeRange, "a connection block needs one name, e.g. connection \"prod\" { … }")
		}
		name := block.Labels[0]
		isVercel, err := vercelConnection(block.Body)
		if err != nil {
			return nil, fmt.Errorf("connection %q: %w", name, err)
		}
		if !isVercel {
			continue
		}
		if slices.ContainsFunc(conns, func(c connection) bool { return c.Name == name }) {
			return nil, positioned(&block.TypeRange, fmt.Sprintf("connection %q is defined twice", name))
		}
		conns = append(conns, connection{Name: name, HCL: pluginConfig(src, block.Body)})
	}
	if len(conns) == 0 {
		return nil, errors.New(`no Vercel connection: want blocks such as connection "prod" { plugin = "vercel" … }`)
	}
	return conns, nil
}

// vercelConnection tells whether a connection block is one of this
// plugin's, by its plugin attribute ("vercel", "local/vercel",
// "…/vercel@version").
func vercelConnection(body *hclsyntax.Body) (bool, error) {
	if attr, ok := body.Attributes["type"]; ok {
		if v, diags := attr.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.AsString() == "aggregator" {
			return false, nil
		}
	}
	attr, ok := body.Attributes["plugin"]
	if !ok {
		return false, errors.New(`no plugin attribute, e.g. plugin = "vercel"`)
	}
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || v.IsNull() {
		return false, positioned(attr.Expr.Range().Ptr(), "plugin must be a quoted string")
	}
	plugin, _, _ := strings.Cut(v.AsString(), "@")
	return plugin == "vercel" || strings.HasSuffix(plugin, "/vercel"), nil
}

// pluginConfig is the source text of the block's plugin attributes (all but
// Steampipe's own), in source order, for inprocess.Engine.Configure. Their
// values are checked there.
func pluginConfig(src []byte, body *hclsyntax.Body) string {
	var attrs []*hclsyntax.Attribute
	for name, attr := range body.Attributes {
		if !slices.Contains(steampipeAttributes, name) {
			attrs = append(attrs, attr)
		}
	}
	slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	var b strings.Builder
	for _, attr := range attrs {
		b.Write(attr.SrcRange.SliceBytes(src))
		b.WriteByte('\n')
	}
	return b.String()
}

func positioned(at *hcl.Range, message string) error {
	if at == nil {
		return errors.New(message)
	}
	return fmt.Errorf("%s:%d:%d: %s", at.Filename, at.Start.Line, at.Start.Column, message)
}
