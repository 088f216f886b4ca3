package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// listedControls are the controls of the finding lines (those naming an
// edge token) of a table or Markdown report.
func listedControls(out string) map[string]int {
	controls := map[string]int{}
	token := regexp.MustCompile(`\btok_[a-z0-9_]+\b`)
	// Markdown escapes underscores.
	for _, line := range strings.Split(strings.ReplaceAll(out, `\_`, "_"), "\n") {
		if !token.MatchString(line) {
			continue
		}
		for _, id := range edgeControls {
			if regexp.MustCompile(`(^|[\s|])` + id + `([\s|]|$)`).MatchString(line) {
				controls[id]++
			}
		}
	}
	return controls
}

func TestMinSeverityListsOnlyFindingsThatSevere(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	for _, format := range []string{"table", "markdown"} {
		res := auditEdge(t, api, "--output", format, "--min-severity", "critical", "--results")
		require.Equal(t, exitOK, res.code, res.stderr)
		assert.Equal(t, map[string]int{"leaked": 2}, listedControls(res.stdout), format)

		res = auditEdge(t, api, "--output", format, "--min-severity", "high", "--results")
		require.Equal(t, exitOK, res.code, res.stderr)
		// leaked 2, no_expiry 1, whole_account 4 alarms and 3 info (edgeExpected).
		assert.Equal(t, map[string]int{"leaked": 2, "no_expiry": 1, "whole_account": 7}, listedControls(res.stdout), format)
	}
	all := auditEdge(t, api, "--output", "table", "--results")
	require.Equal(t, exitOK, all.code, all.stderr)
	assert.Contains(t, listedControls(all.stdout), "duplicate_name", "without --min-severity every severity is listed")
}

func TestTableCountsEveryControlsResults(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	want := edgeReport(t, api)
	res := auditEdge(t, api, "--min-severity", "critical", "--results")
	require.Equal(t, exitOK, res.code, res.stderr)
	for _, id := range edgeControls {
		counts := map[string]int{}
		for _, r := range want.Results {
			if r.Control == id {
				counts[r.Status]++
			}
		}
		line := regexp.MustCompile(`(?m)^\w+\s+` + id + `\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$`).FindStringSubmatch(res.stdout)
		require.NotNil(t, line, "no counts line for %s", id)
		assert.Equal(t, []string{strconv.Itoa(counts[statusAlarm]), "0", strconv.Itoa(counts[statusInfo]), strconv.Itoa(counts[statusOK]), strconv.Itoa(counts[statusSkip])},
			line[1:], "counts of %s (alarm, accepted, info, ok, skip)", id)
	}
}

func TestMinSeverityIsOnlyForHumanFormats(t *testing.T) {
	testapi.IsolateEnv(t)
	for _, args := range [][]string{
		{"--output", "json", "--min-severity", "high"},
		{"--output", "csv", "--min-severity", "high"},
		{"--output", "sarif", "--min-severity", "high"},
		{"--min-severity", "severe"},
	} {
		res := runInProcess(t, args...)
		assert.Equal(t, exitUsage, res.code, "%v", args)
		assert.Contains(t, res.stderr, "--min-severity", "%v", args)
		assert.Empty(t, res.stdout, "%v", args)
	}
}
