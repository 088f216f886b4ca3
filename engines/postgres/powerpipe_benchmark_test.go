package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// sampleAt is a time just after the last use in the emulator's sample.
const sampleAt = "2026-11-23T00:00:00Z"

// TestPowerpipe runs the mod through Powerpipe itself against the extension
// over the report's edge fixture: the benchmark must give every token the
// report's status, severity and reason per control, with the report's
// variables too, and refuse what the report refuses; the dashboards'
// numbers must be what the fixture, and the emulator's sample, hold.
func TestPowerpipe(t *testing.T) {
	testapi.IsolateEnv(t)
	pp := newPowerpipe(t)
	report := buildReport(t)
	fixture, err := emulator.LoadFixture("../report/testdata/edge.json")
	require.NoError(t, err)
	api := testapi.Start(t, fixture)
	db := newDatabase(t, api.HCL())
	// The connection block's search path, not the database's, must find
	// the tables.
	db.mustExec("alter database " + db.name + " reset search_path;")
	pp.useDatabase(t, db)

	t.Run("benchmark", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			vars [][2]string // as --var name=value, for both
		}{
			{"defaults", nil},
			{"unused_days=89 max_age_days=91 max_lifetime_days=364", [][2]string{
				{"unused_days", "89"}, {"max_age_days", "91"}, {"max_lifetime_days", "364"},
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				args := append([]string{"--config", api.HCL(), "--at", edgeAt, "--output", "json"}, varArgs(tc.vars)...)
				want := runReport(t, report, args)
				for _, output := range []string{"csv", "json"} {
					got := runBenchmark(t, pp, api.Secret, output, tc.vars)
					assert.Equal(t, statusTable(want), statusTable(got), "%s: (control, connection, token) → status", output)
					assert.Equal(t, severities(want, reportSeverityInMod), severities(got, nil), "%s: control → severity", output)
					reasons := reasonTable(want)
					for key, reason := range reasonTable(got) {
						assert.Equal(t, reasons[key], rfc3339Timestamps(reason), "%s: %s: reason", output, key)
					}
				}
			})
		}
	})

	t.Run("a threshold that is not a whole number of days", func(t *testing.T) {
		for _, value := range []string{"89.5", "-5"} {
			stdout, stderr, err := pp.run(t, append([]string{"benchmark", "run", "vercel_token", "--output", "json"},
				varArgs([][2]string{{"evaluated_at", edgeAt}, {"unused_days", value}})...)...)
			assert.Equal(t, 2, exitCode(err), "exit status (2: a control failed)\n%s", stderr)
			errs := controlErrors(t, stdout)
			assert.Equal(t, map[string]string{"unused": "--var unused_days=" + value + ": want a whole number of days, 0 or more"},
				errs, "the controls that failed, with their errors")
		}
	})

	t.Run("dashboards", func(t *testing.T) {
		testDashboards(t, pp, api, report, fixture, edgeAt)
	})

	// The sample has what the edge fixture lacks: many origins, project
	// scopes, tokens of every age.
	t.Run("dashboards on the sample", func(t *testing.T) {
		sample, err := emulator.LoadFixture("../../emulator/fixtures/sample.json")
		require.NoError(t, err)
		sampleAPI := testapi.Start(t, sample)
		sampleDB := newDatabase(t, sampleAPI.HCL())
		samplePP := newPowerpipe(t)
		samplePP.useDatabase(t, sampleDB)
		testDashboards(t, samplePP, sampleAPI, report, sample, sampleAt)
	})
}

// runBenchmark runs the benchmark with --output csv or json and reads its
// results. Powerpipe exits 1 when a control alarms, 2 when one fails.
func runBenchmark(t *testing.T, pp *powerpipe, secret, output string, vars [][2]string) []controlResult {
	t.Helper()
	args := append([]string{"benchmark", "run", "vercel_token", "--output", output},
		varArgs(append([][2]string{{"evaluated_at", edgeAt}}, vars...))...)
	stdout, stderr, err := pp.run(t, args...)
	require.Contains(t, []int{0, 1}, exitCode(err), "powerpipe %s: %v\n%s", strings.Join(args, " "), err, stderr)
	assert.Empty(t, stderr, "powerpipe's standard error")
	assert.NotContains(t, stdout+stderr, secret, "the API token in Powerpipe's output")
	var results []controlResult
	if output == "csv" {
		results = benchmarkCSV(t, stdout)
	} else {
		require.Empty(t, controlErrors(t, stdout), "controls that failed")
		results = benchmarkJSON(t, stdout)
	}
	require.NotEmpty(t, results)
	for _, r := range results {
		require.NotEqual(t, "error", r.Status, "%s: %s", r.key(), r.Reason)
	}
	return results
}

// benchmarkCSV reads powerpipe's CSV: one line per result, the dimensions
// as columns.
func benchmarkCSV(t *testing.T, out string) []controlResult {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err, "Powerpipe's CSV")
	require.NotEmpty(t, records)
	column := map[string]int{}
	for i, name := range records[0] {
		column[name] = i
	}
	for _, name := range []string{"control_id", "severity", "status", "connection", "resource", "reason"} {
		require.Contains(t, column, name, "Powerpipe's CSV columns")
	}
	var results []controlResult
	for _, rec := range records[1:] {
		results = append(results, controlResult{
			Control:    strings.TrimPrefix(rec[column["control_id"]], "control."),
			Severity:   rec[column["severity"]],
			Status:     rec[column["status"]],
			Connection: rec[column["connection"]],
			TokenID:    rec[column["resource"]],
			Reason:     rec[column["reason"]],
		})
	}
	return results
}

// ppGroup is a group of powerpipe's JSON output, with its controls' results.
type ppGroup struct {
	Groups   []ppGroup   `json:"groups"`
	Controls []ppControl `json:"controls"`
}

// ppControl is a control of powerpipe's JSON output.
type ppControl struct {
	ControlID string `json:"control_id"`
	Severity  string `json:"severity"`
	RunError  string `json:"run_error"`
	Results   []struct {
		Reason, Resource, Status string
		Dimensions               []struct{ Key, Value string }
	} `json:"results"`
}

// benchmarkControls is every control of powerpipe's JSON output, whatever
// group holds it.
func benchmarkControls(t *testing.T, out string) []ppControl {
	t.Helper()
	var root ppGroup
	require.NoError(t, json.Unmarshal([]byte(out), &root), "Powerpipe's JSON")
	var controls []ppControl
	var walk func(g ppGroup)
	walk = func(g ppGroup) {
		controls = append(controls, g.Controls...)
		for _, sub := range g.Groups {
			walk(sub)
		}
	}
	walk(root)
	return controls
}

func benchmarkJSON(t *testing.T, out string) []controlResult {
	t.Helper()
	var results []controlResult
	for _, c := range benchmarkControls(t, out) {
		for _, r := range c.Results {
			res := controlResult{
				Control: strings.TrimPrefix(c.ControlID, "control."), Severity: c.Severity,
				Status: r.Status, TokenID: r.Resource, Reason: r.Reason,
			}
			for _, d := range r.Dimensions {
				if d.Key == "connection" {
					res.Connection = d.Value
				}
			}
			results = append(results, res)
		}
	}
	return results
}

// controlErrors is control → the error it failed with, from powerpipe's JSON;
// PostgreSQL's wrapping of a failed cast is taken off.
func controlErrors(t *testing.T, out string) map[string]string {
	t.Helper()
	errs := map[string]string{}
	for _, c := range benchmarkControls(t, out) {
		if c.RunError != "" {
			msg := strings.TrimPrefix(c.RunError, `invalid input syntax for type integer: "`)
			msg = strings.TrimSuffix(msg, `" (SQLSTATE 22P02)`)
			errs[strings.TrimPrefix(c.ControlID, "control.")] = msg
		}
	}
	return errs
}
