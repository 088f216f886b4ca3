package main

import (
	"fmt"
	"slices"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
)

// evaluationTime is the expression a control's :now becomes: the time the
// wrapper's evaluation CTE fixes once per query.
const evaluationTime = "(select evaluation_time from evaluation)"

// translator turns one control's query into PostgreSQL's: the helper
// functions and literals as controls.Rewrite writes them, :now into
// evaluationTime, and each :variable into its column of the evaluation CTE
// (bound to $2, $3, … in order of first use, $1 being the evaluation time).
type translator struct {
	control string
	params  []string // variables in order of first use: $2, $3, …
}

func (t *translator) translate(sql string) (string, error) {
	return controls.Rewrite(sql, controls.PostgreSQL, t.param)
}

// param is what :name becomes: the variable's column of the wrapper's
// evaluation CTE, which binds and checks it once per query.
func (t *translator) param(name string) (string, error) {
	if name == "now" {
		return evaluationTime, nil
	}
	if !controls.IsVariable(name) {
		return "", fmt.Errorf("control %s uses :%s, which is not one of the report's variables (internal/controls lists them)", t.control, name)
	}
	if !slices.Contains(t.params, name) {
		t.params = append(t.params, name)
	}
	return fmt.Sprintf("(select %s from evaluation)", name), nil
}
