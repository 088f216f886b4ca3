package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// edgeReport is the JSON report of the whole edge fixture, to compare the
// other formats with.
func edgeReport(t *testing.T, api *testapi.API) jsonReport {
	t.Helper()
	res := auditEdge(t, api, "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	return decodeReport(t, res.stdout)
}

func TestCSVHasEveryResult(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	want := edgeReport(t, api)
	res := auditEdge(t, api, "--output", "csv", "--results")
	require.Equal(t, exitOK, res.code, res.stderr)
	lines, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, csvHeader, lines[0])
	require.Len(t, lines[1:], len(want.Results))
	for i, line := range lines[1:] {
		w := want.Results[i]
		assert.Equal(t, []string{w.Control, string(w.Severity), w.Status, w.Connection, w.TokenID, w.Name, deref(w.Prefix), deref(w.Suffix), w.Reason, w.Remediation},
			line[:10], "line %d", i+1)
	}
}

func TestSARIFHasOneRulePerControlAndOneResultPerAlarm(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	want := edgeReport(t, api)
	res := auditEdge(t, api, "--output", "sarif")
	require.Equal(t, exitOK, res.code, res.stderr)

	var log sarifLog
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &log))
	assert.Equal(t, "2.1.0", log.Version)
	assert.Contains(t, log.Schema, "sarif-schema-2.1.0.json")
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, commandName, run.Tool.Driver.Name)
	rules := map[string]bool{}
	for _, rule := range run.Tool.Driver.Rules {
		rules[rule.ID] = true
		assert.NotEmpty(t, rule.ShortDescription.Text, rule.ID)
		assert.NotEmpty(t, rule.Properties["security-severity"], rule.ID)
	}
	assert.Len(t, rules, len(edgeControls))
	assert.True(t, rules["team_invalidated"], "a rule for every control, team_invalidated included")

	alarms := map[string]bool{}
	for _, r := range want.Results {
		if r.Status == statusAlarm {
			alarms[r.Control+" "+r.TokenID] = true
		}
	}
	got := map[string]bool{}
	for _, r := range run.Results {
		assert.True(t, rules[r.RuleID], "result of an unknown rule %s", r.RuleID)
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		assert.Contains(t, []string{"error", "warning", "note"}, r.Level)
		require.Len(t, r.Locations, 1)
		uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		assert.True(t, strings.HasPrefix(uri, "vercel/vercel/tokens/"), uri)
		token := strings.TrimPrefix(uri, "vercel/vercel/tokens/")
		assert.Contains(t, r.Message.Text, token)
		assert.NotEmpty(t, r.PartialFingerprints[fingerprintName])
		got[r.RuleID+" "+token] = true
	}
	assert.Equal(t, alarms, got)
	assert.Len(t, run.Results, len(alarms), "one result per alarm")

	// The fields SARIF 2.1.0 requires, read without the library's help.
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &raw))
	for _, field := range []string{"version", "$schema", "runs"} {
		assert.Contains(t, raw, field)
	}
}

func TestMarkdownTableHasOneRowPerFinding(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	want := edgeReport(t, api)
	res := auditEdge(t, api, "--output", "markdown", "--results")
	require.Equal(t, exitOK, res.code, res.stderr)

	var rows []string
	for _, line := range strings.Split(res.stdout, "\n") {
		if strings.HasPrefix(line, "|") {
			rows = append(rows, line)
		}
	}
	require.GreaterOrEqual(t, len(rows), 2)
	assert.Equal(t, "| --- | --- | --- | --- | --- | --- | --- | --- |", rows[1])
	findings := 0
	for _, r := range want.Results {
		if r.Status == statusAlarm || r.Status == statusInfo {
			findings++
		}
	}
	assert.Len(t, rows[2:], findings)
	for _, row := range rows {
		unescaped := strings.Count(row, "|") - strings.Count(row, `\|`)
		assert.Equal(t, 9, unescaped, "every row has 8 cells: %s", row)
	}
	assert.Contains(t, res.stdout, `\_`, "names are escaped")
	assert.Contains(t, res.stdout, "| low | info | team\\_invalidated | vercel | tok\\_team\\_cut\\_at (pf30…sf30) |", "the team_invalidated finding")
	assert.Contains(t, res.stdout, "## What to do")
}

func TestHTMLRendersEveryFindingInChromium(t *testing.T) {
	chromiumPath(t)
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t)
	want := edgeReport(t, api)
	res := auditEdge(t, api, "--output", "html", "--results")
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.NotContains(t, res.stdout, "src=", "no external assets")
	assert.NotContains(t, res.stdout, "href=", "no external assets")

	page := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(page, []byte(res.stdout), 0o600))
	dom, err := chromium(t, "1280,800", "--dump-dom", "file://"+page).Output()
	require.NoError(t, err)
	text := domText(string(dom))
	for _, r := range want.Results {
		if r.Status != statusAlarm && r.Status != statusInfo {
			continue
		}
		row := strings.Join([]string{string(r.Severity), r.Status, r.Control, r.Connection, tokenLabel(r), r.TokenID, r.Reason, r.Remediation}, "|") + "|"
		assert.Contains(t, text, row, "rendered row of %s %s", r.Control, r.TokenID)
	}
}

// domText reduces a dumped DOM to its cell texts, "|"-separated per row.
func domText(dom string) string {
	r := strings.NewReplacer("</td><td>", "|", `</td><td class="id">`, "|", "&amp;", "&", "&lt;", "<", "&gt;", ">")
	return r.Replace(strings.ReplaceAll(dom, `<td class="sev" data-rank="`, "\n"))
}

// An accepted alarm carries a suppression with its justification, and the
// report still passes the schema (runInProcess validates it).
func TestSARIFSuppressesAcceptedAlarms(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_unused_90")
	exceptions := writeFile(t, "exceptions.json", `{"exceptions": [
  {"token_id": "tok_unused_90", "control": "unused", "reason": "release key", "accepted_by": "alice", "until": "2026-12-31"}
]}`)
	res := auditEdge(t, api, "--output", "sarif", "--exceptions", exceptions)
	require.Equal(t, exitOK, res.code, res.stderr)
	var log sarifLog
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &log))
	suppressed := 0
	for _, r := range log.Runs[0].Results {
		if len(r.Suppressions) > 0 {
			suppressed++
			assert.Equal(t, "unused", r.RuleID)
			assert.Equal(t, sarifSuppression{Kind: "external", Status: "accepted", Justification: "release key (accepted by alice until 2026-12-31)"}, r.Suppressions[0])
		}
	}
	assert.Equal(t, 1, suppressed)
	assert.NotContains(t, res.stdout, "null", "SARIF allows no null")
}

// resolved and stale_exceptions are lists whatever they hold: [] when
// empty, never null or left out.
func TestJSONListsAreEmptyListsNotNull(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t, "tok_ok"), "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &raw))
	for _, list := range []string{"resolved", "stale_exceptions"} {
		assert.Equal(t, []any{}, raw[list], list)
	}
	assert.NotEmpty(t, raw["results"])
}
