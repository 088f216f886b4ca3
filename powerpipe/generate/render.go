package main

import (
	"fmt"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
)

// generatedNote heads every generated file.
const generatedNote = `# Generated from the controls and variables of internal/controls by
# powerpipe/generate: do not edit. Change the control files, then run
# go generate ./powerpipe/...
`

// benchmarkName is the benchmark's name in the mod.
const benchmarkName = "vercel_token"

// powerpipeSeverity is the report's severity as Powerpipe names it:
// Powerpipe has no "info", its lowest is "none".
func powerpipeSeverity(s controls.Severity) string {
	if s == "info" {
		return "none"
	}
	return string(s)
}

// modControl is a control ready to render: its PostgreSQL query and the
// variables bound to $2, $3, … in that order.
type modControl struct {
	controls.Control
	SQL    string
	Params []string
}

// toPostgres translates a control's query and wraps it as a Powerpipe
// control's query: $1 is the evaluation time (empty: the time of the run),
// $2, … the variables, each checked in the evaluation CTE; connection is
// Steampipe's sp_connection_name; and the result has Powerpipe's resource,
// status and reason with the rest as dimensions.
func toPostgres(c controls.Control) (modControl, error) {
	t := translator{control: c.ID}
	body, err := t.translate(c.Query)
	if err != nil {
		return modControl{}, err
	}
	sql := fmt.Sprintf(`%s,
-- Without "recursive", the vercel_user_token inside is the table itself.
vercel_user_token as (
  select sp_connection_name as connection, * from vercel_user_token
),
result as (
%s
)
select
  token_id as resource,
  status,
  reason,
  connection,
  name,
  prefix,
  suffix
from
  result;`, evaluationCTE(t.params), indent(body, "  "))
	return modControl{Control: c, SQL: sql, Params: t.params}, nil
}

// evaluationCTE is "with evaluation as (…)": one row with the evaluation
// time, bound to $1, and the variables named, bound to $2, $3, … in order.
func evaluationCTE(variables []string) string {
	columns := []string{"coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time"}
	for i, name := range variables {
		columns = append(columns, wholeDays(name, fmt.Sprintf("$%d", i+2)))
	}
	return "with evaluation as (\n  select\n    " + strings.Join(columns, ",\n    ") + "\n)"
}

// wholeDays is the evaluation CTE's column for the variable name bound to
// param: its value as an int when it is a whole number of days, 0 or more,
// as the report requires; otherwise the query fails with an error that
// names the setting. Powerpipe 1.5.2 has no validation block for variables,
// and its number type takes 89.5.
func wholeDays(name, param string) string {
	n := param + "::numeric"
	return fmt.Sprintf(`case
      when %[2]s between 0 and 2147483647 and %[2]s = trunc(%[2]s) then %[2]s::int
      else cast('--var %[1]s=' || coalesce(%[2]s::text, 'null') || ': want %[3]s' as int)
    end as %[1]s`, name, n, controls.DaysRule)
}

// renderBenchmark is benchmark.pp: the benchmark and its controls.
func renderBenchmark(mod []modControl) (string, error) {
	descriptions := map[string]string{}
	for _, v := range controls.Variables {
		descriptions[v.Name] = v.Description
	}
	var b strings.Builder
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, "\nbenchmark %q {\n", benchmarkName)
	fmt.Fprintf(&b, "  title       = %s\n", hclString("Vercel user tokens"))
	fmt.Fprintf(&b, "  description = %s\n", hclString("The token audit of steampipe_report_vercel (docs/compliance.md): one result per token and control."))
	b.WriteString("  children = [\n")
	for _, c := range mod {
		fmt.Fprintf(&b, "    control.%s,\n", c.ID)
	}
	b.WriteString("  ]\n")
	b.WriteString("  tags = {\n    service = \"Vercel/UserToken\"\n  }\n}\n")
	for _, c := range mod {
		if strings.Contains(c.SQL, "\nEOQ\n") {
			return "", fmt.Errorf("control %s: its query has a line EOQ, which ends the heredoc", c.ID)
		}
		fmt.Fprintf(&b, "\ncontrol %q {\n", c.ID)
		fmt.Fprintf(&b, "  title       = %s\n", hclString(c.Title))
		fmt.Fprintf(&b, "  description = %s\n", hclString(c.Remediation))
		fmt.Fprintf(&b, "  severity    = %q\n", powerpipeSeverity(c.Severity))
		fmt.Fprintf(&b, "  tags = {\n    anchor  = %s\n    service = \"Vercel/UserToken\"\n  }\n", hclString(c.Anchor))
		fmt.Fprintf(&b, "  sql = <<-EOQ\n%s\n  EOQ\n", indent(hclTemplateEscape(c.SQL), "    "))
		writeParam(&b, "now", "The time the tokens are judged at (var.evaluated_at).", "evaluated_at")
		for _, p := range c.Params {
			writeParam(&b, p, descriptions[p], p)
		}
		b.WriteString("}\n")
	}
	return b.String(), nil
}

func writeParam(b *strings.Builder, name, description, variable string) {
	fmt.Fprintf(b, "\n  param %q {\n", name)
	fmt.Fprintf(b, "    description = %s\n", hclString(description))
	fmt.Fprintf(b, "    default     = var.%s\n  }\n", variable)
}

// renderVariables is variables.pp: the evaluation time and the report's
// thresholds with their defaults.
func renderVariables() string {
	var b strings.Builder
	b.WriteString(generatedNote)
	b.WriteString(`
variable "evaluated_at" {
  type        = string
  default     = ""
  description = "Judge the tokens at this RFC 3339 time (the report's --at); empty: the time of the run."
}
`)
	for _, v := range controls.Variables {
		fmt.Fprintf(&b, "\nvariable %q {\n  type        = number\n  default     = %d\n  description = %s\n}\n",
			v.Name, v.Default, hclString(v.Description))
	}
	return b.String()
}

// dashboardVariables are the thresholds the dashboards read, bound after
// the evaluation time in this order.
var dashboardVariables = []string{"unused_days"}

// renderDashboardEvaluation is dashboards/evaluation.pp: the evaluation CTE
// of the controls as a local the dashboards' queries start with, so that a
// dashboard judges the time and the thresholds as the benchmark does.
func renderDashboardEvaluation() (string, error) {
	params := []string{"$1 evaluated_at"}
	for i, name := range dashboardVariables {
		if !controls.IsVariable(name) {
			return "", fmt.Errorf("the dashboards read the variable %s, which internal/controls does not list", name)
		}
		params = append(params, fmt.Sprintf("$%d %s", i+2, name))
	}
	var b strings.Builder
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, `
locals {
  # The controls' evaluation CTE. A query starting with it declares the
  # params %s, in that order, before its own.
  vercel_token_evaluation_sql = <<-EOQ
%s
  EOQ
}
`, strings.Join(params, ", "), indent(hclTemplateEscape(evaluationCTE(dashboardVariables)), "    "))
	return b.String(), nil
}

// hclString is s as a quoted HCL string, template sequences escaped.
func hclString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + hclTemplateEscape(r.Replace(s)) + `"`
}

// hclTemplateEscape keeps HCL from reading ${ and %{ as template sequences.
func hclTemplateEscape(s string) string {
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(s)
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}
