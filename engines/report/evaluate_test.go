package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// controlsDir writes the built-in controls to a directory, each through
// edit.
func controlsDir(t *testing.T, edit func(id, sql string) string) string {
	t.Helper()
	dir := t.TempDir()
	names, err := filepath.Glob("../../internal/controls/*.sql")
	require.NoError(t, err)
	for _, name := range names {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		id := strings.TrimSuffix(filepath.Base(name), ".sql")
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(name)), []byte(edit(id, string(data))), 0o600))
	}
	return dir
}

// controlFiles writes control files, by id, each with a header of the
// given severity before its query.
func controlFiles(t *testing.T, queries map[string][2]string) string {
	t.Helper()
	dir := t.TempDir()
	for id, q := range queries {
		text := fmt.Sprintf("-- title: %s\n-- severity: %s\n-- anchor: a\n-- remediation: r\n%s\n", id, q[0], q[1])
		require.NoError(t, os.WriteFile(filepath.Join(dir, id+".sql"), []byte(text), 0o600))
	}
	return dir
}

func TestAFailingControlStopsTheAudit(t *testing.T) {
	testapi.IsolateEnv(t)
	api := testapi.Start(t, emulator.GenerateFixture(300, 1))
	dir := controlsDir(t, func(id, sql string) string {
		if id != "unused" {
			return sql
		}
		return strings.Replace(sql, "whole_days(coalesce(active_at, created_at), :now) as risk", "no_such_column as risk", 1)
	})
	res := runInProcess(t, "--config", api.HCL(), "--at", edgeAt, "--controls", dir)
	assert.Equal(t, exitIncomplete, res.code)
	assert.Empty(t, res.stdout, "no report when a control fails")
	assert.Contains(t, res.stderr, "control unused")
	assert.Contains(t, res.stderr, "no_such_column")
}

// TestAControlMustGiveItsColumnsAStatusAndAReason: what a control file
// returns is checked, and the error names the control and what is wrong.
func TestAControlMustGiveItsColumnsAStatusAndAReason(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_ok")
	const columns, fromOne = "connection, token_id, name, prefix, suffix", " from vercel_user_token where token_id = 'tok_ok'"
	for query, want := range map[string]string{
		"select " + columns + ", 'ok' as status, 'fine' as reason, 0 as risk, 1 as extra" + fromOne: "columns connection, token_id, name, prefix, suffix, status, reason, risk, extra; a control returns connection, token_id, name, prefix, suffix, status, reason, risk",
		"select " + columns + ", 'ok' as status, 'fine' as reason" + fromOne:                        "columns connection, token_id, name, prefix, suffix, status, reason; a control returns",
		"select " + columns + ", 'pass' as status, 'fine' as reason, 0 as risk" + fromOne:           `control odd: token tok_ok: status "pass", want one of alarm, info, ok, skip`,
		"select " + columns + ", 'ok' as status, '' as reason, 0 as risk" + fromOne:                 "control odd: token tok_ok: empty reason",
		"select " + columns + ", 'ok' as status, null as reason, 0 as risk" + fromOne:               "control odd: token tok_ok: empty reason",
	} {
		res := auditEdge(t, api, "--controls", controlFiles(t, map[string][2]string{"odd": {"low", query}}))
		assert.Equal(t, exitIncomplete, res.code, query)
		assert.Empty(t, res.stdout, query)
		assert.Contains(t, res.stderr, want, query)
	}
}

// TestResultsComeInReportOrder: severity, status, risk (higher first; none
// counts as 0), then token id, control and connection, in byte order.
func TestResultsComeInReportOrder(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_ok")
	type row struct {
		control, severity, connection, token, status string
		risk                                         *int
	}
	var rows []row
	queries := map[string][2]string{}
	for c, sev := range map[string]string{"a": "low", "b": "critical", "c": "low"} {
		var values []string
		for i := range 40 {
			r := row{
				control: c, severity: sev,
				connection: []string{"x", "y"}[i*5%2],
				// Ids sharing their first 8 bytes, shorter and longer ones.
				token:  []string{"tok_0000", "tok_0000x", "tok_00001", "tok_000", "tok_1", "Tok_1"}[i*11%6] + fmt.Sprint(i*37%3),
				status: statuses[i*7%len(statuses)],
			}
			risk := "null"
			if i%5 != 0 {
				n := i*13%7 - 3
				r.risk, risk = &n, fmt.Sprint(n)
			}
			rows = append(rows, r)
			values = append(values, fmt.Sprintf("('%s', '%s', '%s', %s)", r.connection, r.token, r.status, risk))
		}
		queries[c] = [2]string{sev, "select column1 as connection, column2 as token_id, 'n' as name, null as prefix, null as suffix, column3 as status, " +
			"column2 || ' ' || column1 as reason, column4 as risk from (values " + strings.Join(values, ", ") + ")"}
	}
	riskOf := func(r row) int {
		if r.risk == nil {
			return 0
		}
		return *r.risk
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(
			cmp.Compare(severity(a.severity).Rank(), severity(b.severity).Rank()),
			cmp.Compare(slices.Index(statuses, a.status), slices.Index(statuses, b.status)),
			cmp.Compare(riskOf(b), riskOf(a)),
			strings.Compare(a.token, b.token),
			strings.Compare(a.control, b.control),
			strings.Compare(a.connection, b.connection),
		)
	})
	var want []string
	for _, r := range rows {
		want = append(want, r.control+" "+r.connection+" "+r.token+" "+r.status)
	}

	res := auditEdge(t, api, "--output", "json", "--controls", controlFiles(t, queries))
	require.Equal(t, exitOK, res.code, res.stderr)
	var got []string
	for _, r := range decodeReport(t, res.stdout).Results {
		got = append(got, r.Control+" "+r.Connection+" "+r.TokenID+" "+r.Status)
	}
	assert.Equal(t, want, got)
}

// TestEachConnectionsUserIsLoaded: a control may name a token's owner, as
// the vercel_user table has it, beside its tokens and teams.
func TestEachConnectionsUserIsLoaded(t *testing.T) {
	testapi.IsolateEnv(t)
	edge := startEdgeAPI(t, "tok_ok")
	sample := testapi.Start(t, emulator.GenerateFixture(3, 1))
	spc := writeFile(t, "vercel.spc", fmt.Sprintf("connection \"edge\" {\n  plugin = \"vercel\"\n  %s\n}\nconnection \"sample\" {\n  plugin = \"vercel\"\n  %s\n}\n",
		strings.ReplaceAll(edge.HCL(), "\n", "\n  "), strings.ReplaceAll(sample.HCL(), "\n", "\n  ")))
	owner := "select t.connection, t.token_id, t.name, t.prefix, t.suffix, 'ok' as status, " +
		"coalesce(u.username, u.email) || ' <' || u.email || '>' as reason, 0 as risk " +
		"from vercel_user_token as t join vercel_user as u on u.sp_connection_name = t.connection"
	res := runInProcess(t, "--connections", spc, "--at", edgeAt, "--output", "json", "--controls", controlFiles(t, map[string][2]string{"owner": {"info", owner}}))
	require.Equal(t, exitOK, res.code, res.stderr)
	owners := map[string]string{}
	results := decodeReport(t, res.stdout).Results
	for _, r := range results {
		owners[r.Connection] = r.Reason
	}
	assert.Len(t, results, 2+3, "one result per token, each joined to its one user")
	assert.Equal(t, map[string]string{"edge": "edge-owner <edge-owner@example.com>", "sample": "alice <alice@acme.example>"}, owners)

	// The action list names each token's owner, the username.
	res = runInProcess(t, "--connections", spc, "--at", edgeAt, "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	owners = map[string]string{}
	for _, a := range decodeReport(t, res.stdout).Actions {
		owners[a.Connection] = a.Owner
	}
	assert.Equal(t, map[string]string{"edge": "edge-owner", "sample": "alice"}, owners)
}

func TestAnEvaluationThatCannotOpenSaysWhy(t *testing.T) {
	_, err := openEvaluation(t.Context(), []control{{ID: "odd", Query: "select whole_days(created_at) from vercel_user_token"}}, time.Now(), nil)
	assert.ErrorContains(t, err, "control odd: whole_days takes 2 arguments, got 1")
}

// TestMoreConnectionsThanPluginsEachReadAsItself: with more connections
// than concurrentConnections, plugins are reconfigured from one connection
// to the next; each connection's tokens and owner are still its own.
func TestMoreConnectionsThanPluginsEachReadAsItself(t *testing.T) {
	testapi.IsolateEnv(t)
	edge := startEdgeAPI(t, "tok_ok", "tok_expired")
	sample := testapi.Start(t, emulator.GenerateFixture(5, 1))
	var spc strings.Builder
	want := map[string]string{}
	for i := range concurrentConnections + 5 {
		api, owner := edge, "edge-owner 3"
		if i%3 == 0 {
			api, owner = sample, "alice 5"
		}
		name := fmt.Sprintf("c%02d", i)
		want[name] = owner
		fmt.Fprintf(&spc, "connection %q {\n  plugin = \"vercel\"\n  %s\n}\n", name, strings.ReplaceAll(api.HCL(), "\n", "\n  "))
	}
	res := runInProcess(t, "--connections", writeFile(t, "vercel.spc", spc.String()), "--at", edgeAt, "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	r := decodeReport(t, res.stdout)
	got := map[string]string{}
	for _, c := range r.Connections {
		got[c.Name] = fmt.Sprint(c.Tokens)
	}
	for _, a := range r.Actions {
		if !strings.Contains(got[a.Connection], " ") {
			got[a.Connection] = a.Owner + " " + got[a.Connection]
		}
	}
	assert.Equal(t, want, got, "connection → owner and tokens")
}
