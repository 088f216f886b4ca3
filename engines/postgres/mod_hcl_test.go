package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// modDir is the Powerpipe mod, relative to this package.
const modDir = "../../powerpipe"

// powerpipeMod is what the tests read of the mod, as Powerpipe would load
// it: its variables' defaults, its controls and the benchmark's children.
type powerpipeMod struct {
	defaults  map[string]cty.Value
	controls  map[string]modControlDef
	benchmark []string
}

// modControlDef is one control: its severity, its SQL and its params in
// block order, which Powerpipe binds to $1, $2, … in that order.
type modControlDef struct {
	severity string
	sql      string
	params   []modParam
}

// modParam is a param block; its default is an expression, usually var.X.
type modParam struct {
	name    string
	deflt   hcl.Expression
	control string
}

var (
	modFileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "mod", LabelNames: []string{"name"}},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "benchmark", LabelNames: []string{"name"}},
		{Type: "control", LabelNames: []string{"name"}},
	}}
	variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "type", Required: true}, {Name: "default", Required: true}, {Name: "description", Required: true},
	}}
	benchmarkSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "title", Required: true}, {Name: "description"}, {Name: "children", Required: true}, {Name: "tags"},
	}}
	controlSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "title", Required: true}, {Name: "description", Required: true},
			{Name: "severity", Required: true}, {Name: "tags", Required: true}, {Name: "sql", Required: true},
		},
		Blocks: []hcl.BlockHeaderSchema{{Type: "param", LabelNames: []string{"name"}}},
	}
	paramSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "description"}, {Name: "default", Required: true},
	}}
)

// loadPowerpipeMod parses every .pp file of the mod.
func loadPowerpipeMod(t *testing.T) powerpipeMod {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(modDir, "*.pp"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no .pp files in %s (%v)", modDir, err)
	}
	mod := powerpipeMod{defaults: map[string]cty.Value{}, controls: map[string]modControlDef{}}
	parser := hclparse.NewParser()
	mods := 0
	for _, p := range paths {
		file, diags := parser.ParseHCLFile(p)
		requireNoDiags(t, diags)
		content, diags := file.Body.Content(modFileSchema)
		requireNoDiags(t, diags)
		for _, block := range content.Blocks {
			name := block.Labels[0]
			switch block.Type {
			case "mod":
				mods++
			case "variable":
				attrs, diags := block.Body.Content(variableSchema)
				requireNoDiags(t, diags)
				v, diags := attrs.Attributes["default"].Expr.Value(nil)
				requireNoDiags(t, diags)
				mod.defaults[name] = v
			case "benchmark":
				attrs, diags := block.Body.Content(benchmarkSchema)
				requireNoDiags(t, diags)
				items, diags := hcl.ExprList(attrs.Attributes["children"].Expr)
				requireNoDiags(t, diags)
				for _, item := range items {
					traversal, diags := hcl.AbsTraversalForExpr(item)
					requireNoDiags(t, diags)
					if len(traversal) != 2 || traversal.RootName() != "control" {
						t.Fatalf("benchmark %s: child %s is not control.NAME", name, p)
					}
					mod.benchmark = append(mod.benchmark, traversal[1].(hcl.TraverseAttr).Name)
				}
			case "control":
				mod.controls[name] = readModControl(t, name, block.Body)
			}
		}
	}
	if mods != 1 {
		t.Fatalf("%d mod blocks in %s, want 1", mods, modDir)
	}
	return mod
}

func readModControl(t *testing.T, name string, body hcl.Body) modControlDef {
	t.Helper()
	content, diags := body.Content(controlSchema)
	requireNoDiags(t, diags)
	c := modControlDef{
		severity: stringAttr(t, content.Attributes["severity"]),
		sql:      stringAttr(t, content.Attributes["sql"]),
	}
	for _, block := range content.Blocks {
		attrs, diags := block.Body.Content(paramSchema)
		requireNoDiags(t, diags)
		c.params = append(c.params, modParam{name: block.Labels[0], deflt: attrs.Attributes["default"].Expr, control: name})
	}
	return c
}

func stringAttr(t *testing.T, attr *hcl.Attribute) string {
	t.Helper()
	v, diags := attr.Expr.Value(nil)
	requireNoDiags(t, diags)
	if v.Type() != cty.String {
		t.Fatalf("%s is %s, want a string", attr.Name, v.Type().FriendlyName())
	}
	return v.AsString()
}

func requireNoDiags(t *testing.T, diags hcl.Diagnostics) {
	t.Helper()
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
}

// args are a control's params evaluated as Powerpipe does, with the mod's
// variables (their defaults, overridden by vars as --var would) in scope, as
// SQL literals in param order: $1, $2, …
func (m powerpipeMod) args(t *testing.T, c modControlDef, vars map[string]cty.Value) []string {
	t.Helper()
	values := map[string]cty.Value{}
	for name, v := range m.defaults {
		values[name] = v
	}
	for name, v := range vars {
		if _, known := values[name]; !known {
			t.Fatalf("the mod has no variable %s", name)
		}
		values[name] = v
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"var": cty.ObjectVal(values)}}
	var literals []string
	for _, p := range c.params {
		v, diags := p.deflt.Value(ctx)
		requireNoDiags(t, diags)
		switch v.Type() {
		case cty.String:
			literals = append(literals, sqlString(v.AsString()))
		case cty.Number:
			literals = append(literals, sqlString(v.AsBigFloat().Text('f', -1)))
		default:
			t.Fatalf("control %s param %s: a %s", p.control, p.name, v.Type().FriendlyName())
		}
	}
	return literals
}

// prepared is a psql script that runs the control's SQL with its args bound
// positionally, as Powerpipe runs it.
func prepared(name, sql string, args []string) string {
	stmt := "mod_" + name
	script := fmt.Sprintf("prepare %s as %s;\n", stmt, strings.TrimSuffix(strings.TrimSpace(sql), ";"))
	if len(args) == 0 {
		return script + fmt.Sprintf("execute %s;\n", stmt)
	}
	return script + fmt.Sprintf("execute %s(%s);\n", stmt, strings.Join(args, ", "))
}
