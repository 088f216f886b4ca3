package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// edgeActions is, written by hand from the rules in docs/compliance.md and
// the statuses of edgeExpected, the action list of testdata/edge.json at
// edgeAt, in its order: action, severity, the controls that fail, teams
// reached. Revoked tokens are not listed.
var edgeActions = []struct {
	token, action, severity, failing, teams string
}{
	{"tok_leaked_used_after", "revoke_now", "critical", "leaked", "edge"},
	{"tok_leaked_not_used", "revoke_now", "critical", "leaked", "edge"},
	{"tok_unused_91", "revoke_now", "medium", "unused", "edge"},
	{"tok_unused_90", "revoke_now", "medium", "unused", "edge"},
	{"tok_no_expiry", "rotate", "high", "no_expiry", "edge, Edge Personal, Edge Apps, Edge Ops"},
	{"tok_age_91", "rotate", "medium", "age", "edge"},
	{"tok_life_366", "rotate", "medium", "long_lived", "edge"},
	{"tok_oauth_user", "narrow", "high", "whole_account, integration_whole_account", "Edge Apps, Edge Limited, Edge Ops, Edge Personal, edge"},
	{"tok_sudo_active", "narrow", "high", "whole_account, sudo_active", "Edge Apps, Edge Limited, Edge Ops, Edge Personal, edge"},
	{"tok_sudo_ended", "narrow", "high", "whole_account", "Edge Apps, Edge Limited, Edge Ops, Edge Personal, edge"},
	{"tok_whole_account", "narrow", "high", "whole_account", "Edge Apps, Edge Limited, Edge Ops, Edge Personal, edge"},
	{"tok_expired", "clean_up", "low", "expired_not_revoked", "edge"},
	{"tok_expires_now", "clean_up", "low", "expired_not_revoked", "edge"},
	{"tok_team_two", "clean_up", "low", "team_invalidated", "Edge Personal, Edge Ops, edge"},
	{"tok_team_app_cut", "clean_up", "low", "team_invalidated", "Edge Apps"},
	{"tok_team_cut_at", "clean_up", "low", "team_invalidated", "Edge Personal"},
	{"tok_dup_a", "clean_up", "low", "duplicate_name", "edge"},
	{"tok_dup_b", "clean_up", "low", "duplicate_name", "edge"},
	{"tok_empty_scopes", "review", "high", "whole_account", ""},
	{"tok_no_scopes", "review", "high", "whole_account", ""},
	{"tok_oauth_no_scopes", "review", "high", "whole_account", ""},
	{"tok_twin_live", "keep", "", "", "edge"},
	{"tok_age_89", "keep", "", "", "edge"},
	{"tok_age_90", "keep", "", "", "edge"},
	{"tok_life_364", "keep", "", "", "edge"},
	{"tok_life_365", "keep", "", "", "edge"},
	{"tok_oauth_team", "keep", "", "", "edge"},
	{"tok_ok", "keep", "", "", "edge"},
	{"tok_team_app_pat_cut", "keep", "", "", "Edge Personal"},
	{"tok_team_cut_after", "keep", "", "", "Edge Personal"},
	{"tok_team_integration_cut", "keep", "", "", "Edge Ops"},
	// The user has left the team: it is shown by id.
	{"tok_team_left", "keep", "", "", "team_edge_left"},
	{"tok_team_limited", "keep", "", "", "Edge Limited"},
	{"tok_team_pat_app_cut", "keep", "", "", "Edge Apps"},
	{"tok_unused_89", "keep", "", "", "edge"},
}

func TestEdgeFixtureGivesTheExpectedActions(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t), "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	var want, got []string
	for _, e := range edgeActions {
		want = append(want, strings.Join([]string{e.token, e.action, e.severity, e.failing, e.teams}, " | "))
	}
	for _, a := range decodeReport(t, res.stdout).Actions {
		got = append(got, strings.Join([]string{a.TokenID, string(a.Action), string(a.Severity), strings.Join(a.Failing, ", "), strings.Join(a.Teams, ", ")}, " | "))
	}
	assert.Equal(t, want, got)
}

func TestAnActionCarriesTheTokensDatesAndTheDecidingReason(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t, "tok_leaked_used_after", "tok_expired"), "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	byID := map[string]tokenAction{}
	for _, a := range decodeReport(t, res.stdout).Actions {
		byID[a.TokenID] = a
	}
	leaked := byID["tok_leaked_used_after"]
	assert.Equal(t, "leaked: leaked on 2026-06-21 (10 days ago) at https://github.com/acme/app/blob/main/.env; used after the leak, last on 2026-06-29", leaked.Reason)
	assert.Equal(t, "tok_leak", leaked.ShortID)
	assert.Equal(t, "pf18", deref(leaked.Prefix))
	assert.True(t, leaked.Live)
	require.NotNil(t, leaked.CreatedAt)
	require.NotNil(t, leaked.LastUsedAt)
	assert.Equal(t, "2026-06-01T11:59:59.982Z", *leaked.CreatedAt)
	assert.Regexp(t, `^2026-06-29T`, *leaked.LastUsedAt)
	expired := byID["tok_expired"]
	assert.False(t, expired.Live, "an expired, unrevoked token is listed, not live")
	require.NotNil(t, expired.ExpiresAt)
	assert.Regexp(t, `^2026-06-26T\d\d:\d\d:\d\d\.\d{3}Z$`, *expired.ExpiresAt)
}

func TestAnAcceptedAlarmDecidesNoAction(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_unused_90", "tok_age_91")
	exceptions := writeFile(t, "exceptions.json", `{"exceptions": [
  {"token_id": "tok_unused_90", "control": "unused", "reason": "release key", "accepted_by": "alice", "until": "2026-12-31"},
  {"token_id": "tok_age_91", "control": "age", "reason": "rotation planned", "accepted_by": "bob", "until": "2026-06-30"}
]}`)
	res := auditEdge(t, api, "--output", "json", "--exceptions", exceptions)
	require.Equal(t, exitOK, res.code, res.stderr)
	byID := map[string]tokenAction{}
	for _, a := range decodeReport(t, res.stdout).Actions {
		byID[a.TokenID] = a
	}
	assert.Equal(t, actionKeep, byID["tok_unused_90"].Action)
	assert.Equal(t, []string{"unused"}, byID["tok_unused_90"].Accepted)
	assert.Empty(t, byID["tok_unused_90"].Failing)
	assert.Equal(t, actionRotate, byID["tok_age_91"].Action, "an expired exception accepts nothing")
}

func TestNewSinceTheBaselineIsMarkedAndListedApart(t *testing.T) {
	testapi.IsolateEnv(t)
	before := auditEdge(t, startEdgeAPI(t, "tok_unused_90"), "--output", "json")
	require.Equal(t, exitOK, before.code, before.stderr)
	baseline := writeFile(t, "baseline.json", before.stdout)
	api := startEdgeAPI(t, "tok_unused_90", "tok_leaked_used_after")

	res := auditEdge(t, api, "--output", "json", "--baseline", baseline)
	require.Equal(t, exitOK, res.code, res.stderr)
	fresh := map[string]bool{}
	for _, a := range decodeReport(t, res.stdout).Actions {
		fresh[a.TokenID] = a.New
	}
	assert.Equal(t, map[string]bool{"tok_leaked_used_after": true, "tok_unused_90": false, edgeBearer: false}, fresh)

	table := auditEdge(t, api, "--baseline", baseline).stdout
	section := table[strings.Index(table, "New since the baseline (1):"):strings.Index(table, "Every token")]
	assert.Contains(t, section, "tok_leaked_used_after")
	assert.NotContains(t, section, "tok_unused_90")

	markdown := auditEdge(t, api, "--baseline", baseline, "--output", "markdown").stdout
	require.Contains(t, markdown, "## New since the baseline")
	section = markdown[strings.Index(markdown, "## New since the baseline"):strings.Index(markdown, "## Every token")]
	assert.Contains(t, section, `tok\_leaked\_used\_after`)
	assert.NotContains(t, section, `tok\_unused\_90`)
}

func TestActionCSVHasOneLinePerTokenWithRealColumns(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t, "tok_leaked_used_after", "tok_team_two", "tok_leaked_revoked"), "--output", "csv")
	require.Equal(t, exitOK, res.code, res.stderr)
	lines, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, actionCSVHeader, lines[0])
	rows := map[string]map[string]string{}
	for _, line := range lines[1:] {
		row := map[string]string{}
		for i, column := range lines[0] {
			row[column] = line[i]
		}
		rows[row["token_id"]] = row
	}
	assert.Len(t, rows, 3, "the revoked token is not listed")
	leaked := rows["tok_leaked_used_after"]
	assert.Equal(t, "revoke_now", leaked["action"])
	assert.Equal(t, "2026-06-01T11:59:59.982Z", leaked["created_at"])
	assert.Equal(t, "leaked", leaked["failing"])
	assert.Equal(t, "Edge Personal; Edge Ops; edge", rows["tok_team_two"]["teams"])

	perControl := auditEdge(t, startEdgeAPI(t, "tok_ok"), "--output", "csv", "--results")
	require.Equal(t, exitOK, perControl.code, perControl.stderr)
	assert.True(t, strings.HasPrefix(perControl.stdout, strings.Join(csvHeader, ",")+"\n"), "--results gives the per-control lines")
}

func TestResultsIsForFormatsWithAnActionList(t *testing.T) {
	for _, format := range []string{"json", "sarif", "revoke-sql"} {
		res := runInProcess(t, "--output", format, "--results")
		assert.Equal(t, exitUsage, res.code, format)
		assert.Contains(t, res.stderr, "--results is for table, csv, markdown, html", format)
		assert.Empty(t, res.stdout)
	}
}

// docs/compliance.md gives the rules as the same table as actionRules, row
// for row.
func TestTheDocumentedActionRulesAreTheCodes(t *testing.T) {
	doc, err := os.ReadFile("../../docs/compliance.md")
	require.NoError(t, err)
	_, table, found := strings.Cut(string(doc), "| order | action | a result of the token | why this action |\n| - | - | - | - |\n")
	require.True(t, found, "the rules' table")
	table, _, _ = strings.Cut(table, "\n\n")
	var want []string
	for i, rule := range actionRules {
		control, verb := "`"+rule.control+"`", map[string]string{statusAlarm: "alarms", statusInfo: "informs"}[rule.status]
		if rule.control == anyControl {
			control = "any other control"
		}
		want = append(want, fmt.Sprintf("| %d | %s | %s %s | %s |", i+1, rule.action.label(), control, verb, rule.why))
	}
	want = append(want, "| – | keep | nothing above | no control alarms (or every alarm is accepted) |")
	assert.Equal(t, want, strings.Split(table, "\n"))
}
