package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// edgeAt is the time the report's edge fixture is dated against.
const edgeAt = "2026-07-01T12:00:00Z"

// controlResult is one (control, connection, token) result of either form
// of the benchmark.
type controlResult struct {
	Control, Severity, Status, Connection, TokenID, Reason string
}

func (r controlResult) key() string { return r.Control + " " + r.Connection + " " + r.TokenID }

// TestPowerpipeModAnswersAsTheReport runs every control of the Powerpipe
// mod through the extension over the report's edge fixture, its params bound
// from the mod's variables as Powerpipe binds them, and requires the very
// (control, token, status) table the report command gives at the same time
// with the same variables.
func TestPowerpipeModAnswersAsTheReport(t *testing.T) {
	testapi.IsolateEnv(t)
	mod := loadPowerpipeMod(t)
	report := buildReport(t)
	fixture, err := emulator.LoadFixture("../report/testdata/edge.json")
	require.NoError(t, err)
	api := testapi.Start(t, fixture)
	db := newDatabase(t, api.HCL())

	for _, tc := range []struct {
		name string
		vars map[string]cty.Value // as powerpipe --var name=value
		args []string             // the report's same setting
	}{
		{"defaults", nil, nil},
		{"unused_days=89 max_lifetime_days=364", map[string]cty.Value{
			"unused_days": cty.NumberIntVal(89), "max_lifetime_days": cty.NumberIntVal(364),
		}, []string{"--var", "unused_days=89", "--var", "max_lifetime_days=364"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := runReport(t, report, append([]string{"--config", api.HCL(), "--at", edgeAt, "--output", "json"}, tc.args...))
			vars := map[string]cty.Value{"evaluated_at": cty.StringVal(edgeAt)}
			for k, v := range tc.vars {
				vars[k] = v
			}
			got := runMod(t, db, mod, vars)

			assert.Equal(t, statusTable(want), statusTable(got), "(control, connection, token) → status")
			assert.Equal(t, severities(want, reportSeverityInMod), severities(got, nil), "control → severity")
			for key, reason := range reasonTable(got) {
				if w := reasonTable(want)[key]; w != rfc3339Timestamps(reason) {
					t.Errorf("%s: reason %q, the report says %q", key, reason, w)
				}
			}
		})
	}

	// The benchmark holds every control once, in the report's order.
	var ids []string
	for id := range mod.controls {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	children := slices.Clone(mod.benchmark)
	sort.Strings(children)
	assert.Equal(t, ids, children, "the benchmark's children are the mod's controls")
	assert.Equal(t, reportControlOrder(t, report, api), mod.benchmark, "the benchmark lists the controls in the report's order")
}

// pgTimestamp is a timestamptz as PostgreSQL prints it in UTC.
var pgTimestamp = regexp.MustCompile(`(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d+))?\+00\b`)

// rfc3339Timestamps writes the timestamps of a reason as the report does
// (display.Timestamp): the one way a mod's reason may differ from the
// report's is a timestamp a control concatenates as it is.
func rfc3339Timestamps(reason string) string {
	return pgTimestamp.ReplaceAllStringFunc(reason, func(ts string) string {
		m := pgTimestamp.FindStringSubmatch(ts)
		return m[1] + "T" + m[2] + "." + (m[3] + "000")[:3] + "Z"
	})
}

// reportSeverityInMod is a report severity as the mod names it: Powerpipe
// has no "info".
func reportSeverityInMod(s string) string {
	if s == "info" {
		return "none"
	}
	return s
}

// runMod runs every control of the mod and gathers its results.
func runMod(t *testing.T, db *database, mod powerpipeMod, vars map[string]cty.Value) []controlResult {
	t.Helper()
	var results []controlResult
	for name, c := range mod.controls {
		out := psqlRecords(t, db, prepared(name, c.sql, mod.args(t, c, vars)))
		for _, fields := range out {
			require.Len(t, fields, 7, "control %s: resource, status, reason, connection, name, prefix, suffix", name)
			results = append(results, controlResult{
				Control: name, Severity: c.severity, Status: fields[1], Reason: fields[2],
				Connection: fields[3], TokenID: fields[0],
			})
		}
	}
	return results
}

// psqlRecords runs a script and splits the rows of its last statement.
func psqlRecords(t *testing.T, db *database, script string) [][]string {
	t.Helper()
	cmd := exec.Command("psql", db.c.connArgs(db.name, "-q", "-At", "-F", "\x1f", "-R", "\x1e", "-v", "ON_ERROR_STOP=1")...)
	cmd.Stdin = strings.NewReader(script)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("psql: %v\n%s\n%s", err, errOut.String(), script)
	}
	var records [][]string
	for _, rec := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\x1e") {
		if rec != "" {
			records = append(records, strings.Split(rec, "\x1f"))
		}
	}
	return records
}

// buildReport builds the report command.
func buildReport(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "steampipe_report_vercel")
	if err := testapi.GoBuild(bin, "../report"); err != nil {
		t.Fatalf("build the report command: %v", err)
	}
	return bin
}

// runReport runs the report command and returns its results.
func runReport(t *testing.T, bin string, args []string) []controlResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "TMPDIR=" + t.TempDir()}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the report command: %v\n%s", err, stderr.String())
	}
	var report struct {
		Results []struct {
			Control, Severity, Status, Connection, Reason string
			TokenID                                       string `json:"token_id"`
		}
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &report), "the report's JSON")
	require.NotEmpty(t, report.Results)
	var results []controlResult
	for _, r := range report.Results {
		results = append(results, controlResult{
			Control: r.Control, Severity: r.Severity, Status: r.Status,
			Connection: r.Connection, TokenID: r.TokenID, Reason: r.Reason,
		})
	}
	return results
}

// reportControlOrder is the order of the report's controls: that of its
// first results, which it sorts by severity, then control.
func reportControlOrder(t *testing.T, bin string, api *testapi.API) []string {
	t.Helper()
	results := runReport(t, bin, []string{"--config", api.HCL(), "--at", edgeAt, "--output", "json"})
	type rank struct {
		severity int
		id       string
	}
	order := []string{"critical", "high", "medium", "low", "info"}
	seen := map[string]rank{}
	for _, r := range results {
		seen[r.Control] = rank{slices.Index(order, r.Severity), r.Control}
	}
	var ranks []rank
	for _, r := range seen {
		ranks = append(ranks, r)
	}
	slices.SortFunc(ranks, func(a, b rank) int {
		if a.severity != b.severity {
			return a.severity - b.severity
		}
		return strings.Compare(a.id, b.id)
	})
	var ids []string
	for _, r := range ranks {
		ids = append(ids, r.id)
	}
	return ids
}

// statusTable is results as key → status; a key seen twice fails the test
// by showing as "duplicate".
func statusTable(results []controlResult) map[string]string {
	table := map[string]string{}
	for _, r := range results {
		if _, dup := table[r.key()]; dup {
			table[r.key()] = "duplicate"
			continue
		}
		table[r.key()] = r.Status
	}
	return table
}

func reasonTable(results []controlResult) map[string]string {
	table := map[string]string{}
	for _, r := range results {
		table[r.key()] = r.Reason
	}
	return table
}

// severities is control → severity, mapped by conv when not nil.
func severities(results []controlResult, conv func(string) string) map[string]string {
	table := map[string]string{}
	for _, r := range results {
		s := r.Severity
		if conv != nil {
			s = conv(s)
		}
		table[r.Control] = s
	}
	return table
}
