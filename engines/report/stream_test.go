package main

import (
	"cmp"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

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

// TestPerTokenControlsGiveWhatTheWholeTableGives checks the per-token
// declarations: run on each batch as tokens arrive (300 tokens, several
// batches, names repeated across them), the controls give exactly what they
// give run once over every token.
func TestPerTokenControlsGiveWhatTheWholeTableGives(t *testing.T) {
	testapi.IsolateEnv(t)
	api := testapi.Start(t, emulator.GenerateFixture(300, 1))
	results := func(args ...string) []result {
		res := runInProcess(t, append([]string{"--config", api.HCL(), "--at", edgeAt, "--output", "json"}, args...)...)
		require.Equal(t, exitOK, res.code, res.stderr)
		return decodeReport(t, res.stdout).Results
	}
	streamed := results()
	require.Len(t, streamed, 300*len(edgeControls), "one result per token and control")
	whole := results("--controls", controlsDir(t, func(_, sql string) string {
		return strings.Replace(sql, "-- per-token: true\n", "", 1)
	}))
	assert.Equal(t, whole, streamed, "per-token controls give other results than over the whole table")

	// Teams whose first request fails come after the tokens have started:
	// team_invalidated, run on each batch, must still see every team.
	api.Server.ResetStats()
	api.Server.SetFaults(emulator.Faults{Statuses: []int{http.StatusServiceUnavailable}, OnlyOn: emulator.EndpointTeams})
	late := results()
	require.Len(t, late, len(whole))
	differing := 0
	for i := range whole {
		if !reflect.DeepEqual(whole[i], late[i]) {
			differing++
		}
	}
	assert.Zero(t, differing, "results that differ: per-token controls ran before the connection's teams were loaded")
	assert.Equal(t, 2, api.Server.Count(emulator.EndpointTeams), "the teams' first request failed and was retried")

	// The comparison can fail: duplicate_name compares tokens with each other.
	wrong := results("--controls", controlsDir(t, func(id, sql string) string {
		if id != "duplicate_name" {
			return sql
		}
		return strings.Replace(sql, "-- remediation:", "-- per-token: true\n-- remediation:", 1)
	}))
	assert.NotEqual(t, whole, wrong, "duplicate_name run per batch should miss twins in other batches")
}

func TestAControlFailingWhileTokensArriveStopsTheAudit(t *testing.T) {
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

// TestResultsComeInReportOrder: severity, status, risk (higher first),
// then token, control and connection, however the report splits the work.
func TestResultsComeInReportOrder(t *testing.T) {
	var all []result
	for i := range 3000 {
		all = append(all, result{
			Control:    []string{"age", "leaked", "unused"}[i%3],
			Severity:   severities[i%len(severities)],
			Status:     statuses[i*7%len(statuses)],
			Connection: []string{"a", "b"}[i*5%2],
			// Ids sharing their first 8 bytes, shorter and longer ones.
			TokenID: []string{"tok_0000", "tok_0000x", "tok_00001", "tok_000", "tok_1"}[i*11%5] + fmt.Sprint(i*37%13),
			risk:    int64(i * 13 % 5),
		})
	}
	reportOrder := func(a, b result) int {
		return cmp.Or(
			cmp.Compare(slices.Index(severities, a.Severity), slices.Index(severities, b.Severity)),
			cmp.Compare(slices.Index(statuses, a.Status), slices.Index(statuses, b.Status)),
			cmp.Compare(b.risk, a.risk),
			strings.Compare(a.TokenID, b.TokenID),
			strings.Compare(a.Control, b.Control),
			strings.Compare(a.Connection, b.Connection),
		)
	}
	want := slices.Clone(all)
	slices.SortStableFunc(want, reportOrder)

	results := slices.Clone(all)
	assert.Equal(t, want, placed(results, sortedKeys(results, 0)), "sorted at once")
	split := 2200
	results = slices.Clone(all)
	merged := mergeKeys(sortedKeys(results[:split], 0), sortedKeys(results[split:], split), results)
	assert.Equal(t, want, placed(results, merged), "sorted in two parts and merged")
	results = slices.Clone(all)
	merged = mergeKeys(sortedKeys(results[split:], split), sortedKeys(results[:split], 0), results)
	assert.Equal(t, want, placed(results, merged), "merged the other way round")
}
