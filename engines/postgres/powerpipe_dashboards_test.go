package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// testDashboards runs every dashboard of the mod as a snapshot at evaluatedAt
// and requires each panel to complete with the numbers the fixture holds,
// counted here from its JSON; the overview's cards must also agree with the
// report's alarms.
func testDashboards(t *testing.T, pp *powerpipe, api *testapi.API, report string, fixture *emulator.Fixture, evaluatedAt string) {
	at, err := time.Parse(time.RFC3339, evaluatedAt)
	require.NoError(t, err)
	tokens := decodeFixtureTokens(t, fixture)

	for _, unusedDays := range []int{90, 45} {
		name := "vercel_token_overview unused_days=" + strconv.Itoa(unusedDays)
		want := expectedOverview(tokens, at, unusedDays)
		t.Run(name, func(t *testing.T) {
			got := runDashboard(t, pp, api.Secret, "vercel_token_overview", [2]string{"evaluated_at", evaluatedAt}, [2]string{"unused_days", strconv.Itoa(unusedDays)})
			assert.Equal(t, want.cards, got.cards, "cards: label → count")
			assert.Equal(t, want.charts, got.charts, "charts: title → group → count")
			assert.Equal(t, want.tables, got.tables, "the table: token → findings")

			// The same counts as the benchmark's alarms.
			results := runReport(t, report, []string{"--config", api.HCL(), "--at", evaluatedAt, "--output", "json",
				"--var", "unused_days=" + strconv.Itoa(unusedDays)})
			alarms, judged := map[string]int{}, map[string]int{}
			for _, r := range results {
				if r.Status == "alarm" {
					alarms[r.Control]++
				}
				if r.Status != "skip" {
					judged[r.Control]++
				}
			}
			assert.Equal(t, map[string]int{
				"Live":                  judged["leaked"],
				"Flagged as leaked":     alarms["leaked"],
				"Never expiring":        alarms["no_expiry"],
				"Whole account":         alarms["whole_account"],
				unusedLabel(unusedDays): alarms["unused"],
			}, map[string]int{
				"Live":                  got.cards["Live"],
				"Flagged as leaked":     got.cards["Flagged as leaked"],
				"Never expiring":        got.cards["Never expiring"],
				"Whole account":         got.cards["Whole account"],
				unusedLabel(unusedDays): got.cards[unusedLabel(unusedDays)],
			}, "the overview's cards against the report's alarms")
		})
	}
	t.Run("vercel_token_age_report", func(t *testing.T) {
		got := runDashboard(t, pp, api.Secret, "vercel_token_age_report", [2]string{"evaluated_at", evaluatedAt})
		want := expectedAgeReport(tokens, at)
		assert.Equal(t, want.cards, got.cards, "cards: label → count")
		assert.Equal(t, want.tables, got.tables, "the table: token → last use group")
	})
	t.Run("vercel_token_expiry_report", func(t *testing.T) {
		got := runDashboard(t, pp, api.Secret, "vercel_token_expiry_report", [2]string{"evaluated_at", evaluatedAt})
		want := expectedExpiryReport(tokens, at)
		assert.Equal(t, want.cards, got.cards, "cards: label → count")
		assert.Equal(t, want.tables, got.tables, "the table: token → expiry group")
	})
}

// dashboardNumbers is what a dashboard shows: each card's count by label,
// each chart's counts by title and group, and each table's rows by title,
// token id → the table's column named in tableKeyColumns.
type dashboardNumbers struct {
	cards  map[string]int
	charts map[string]map[string]int
	tables map[string]map[string]string
}

// tableKeyColumns is the column each table's rows are checked by.
var tableKeyColumns = map[string]string{
	"Live tokens to act on":    "Findings",
	"Live tokens by last use":  "Last use",
	"Tokens by days to expiry": "Expiry",
}

// runDashboard runs a dashboard as a snapshot (Powerpipe's module ships no
// web UI) with vars and reads its panels, every one of which must have
// completed.
func runDashboard(t *testing.T, pp *powerpipe, secret, name string, vars ...[2]string) dashboardNumbers {
	t.Helper()
	args := append([]string{"dashboard", "run", name, "--output", "snapshot"}, varArgs(vars)...)
	stdout, stderr, err := pp.run(t, args...)
	require.NoError(t, err, "powerpipe %s\n%s", strings.Join(args, " "), stderr)
	assert.Empty(t, stderr, "powerpipe's standard error")
	assert.NotContains(t, stdout+stderr, secret, "the API token in Powerpipe's output")
	var snapshot struct {
		Panels map[string]struct {
			PanelType string `json:"panel_type"`
			Status    string
			Title     string
			Error     any
			Data      *struct{ Rows []map[string]any }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &snapshot), "the snapshot")
	got := dashboardNumbers{cards: map[string]int{}, charts: map[string]map[string]int{}, tables: map[string]map[string]string{}}
	for id, p := range snapshot.Panels {
		require.Equal(t, "complete", p.Status, "panel %s: %v", id, p.Error)
		switch p.PanelType {
		case "card":
			require.Len(t, p.Data.Rows, 1, "card %s", id)
			got.cards[p.Data.Rows[0]["label"].(string)] = number(t, p.Data.Rows[0]["value"])
		case "chart":
			counts := map[string]int{}
			for _, row := range p.Data.Rows {
				counts[row["Group"].(string)] = number(t, row["Tokens"])
			}
			got.charts[p.Title] = counts
		case "table":
			column, known := tableKeyColumns[p.Title]
			require.True(t, known, "a table the test does not know: %q", p.Title)
			rows := map[string]string{}
			for _, row := range p.Data.Rows {
				assert.Equal(t, "vercel", row["Connection"], "table %s: the connection", p.Title)
				rows[row["Token ID"].(string)] = row[column].(string)
			}
			got.tables[p.Title] = rows
		}
	}
	return got
}

func number(t *testing.T, v any) int {
	t.Helper()
	f, ok := v.(float64)
	require.True(t, ok, "%v is not a number", v)
	return int(f)
}
