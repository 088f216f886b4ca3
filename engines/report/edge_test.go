package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// edgeControls is the column order of edgeExpected.
var edgeControls = []string{
	"leaked", "no_expiry", "whole_account", "unused", "age",
	"long_lived", "integration_whole_account", "duplicate_name", "sudo_active", "expired_not_revoked",
	"team_invalidated",
}

// edgeExpected is, written by hand from docs/compliance.md, the status of
// every control for every token of testdata/edge.json at edgeAt. Tokens are
// created 30 days before, last used 1 day before and expire 60 days after
// edgeAt, with one team scope, unless their id says otherwise. The tok_team_
// tokens meet the teams' invalidation times: Edge Personal invalidated
// personal access tokens on 2026-06-10, Edge Apps app tokens on 2026-06-15,
// Edge Ops personal access and integration tokens on 2026-06-20; Edge
// Limited is limited and Edge Left, left by the user, invalidated personal
// access tokens on 2026-06-25. edgeBearer is scoped to Edge, Edge Personal,
// Edge Apps and Edge Ops too, so that it sees those teams whole.
var edgeExpected = map[string]string{
	//                           leaked no_exp whole unused age   long  integ dup   sudo  expired team
	"tok_ok":                   "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_unused_89":            "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_unused_90":            "ok     ok     ok    alarm  ok    ok    ok    ok    ok    ok      ok",
	"tok_unused_91":            "ok     ok     ok    alarm  ok    ok    ok    ok    ok    ok      ok",
	"tok_age_89":               "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_age_90":               "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_age_91":               "ok     ok     ok    ok     alarm ok    ok    ok    ok    ok      ok",
	"tok_life_364":             "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_life_365":             "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_life_366":             "ok     ok     ok    ok     ok    alarm ok    ok    ok    ok      ok",
	"tok_no_expiry":            "ok     alarm  ok    ok     ok    info  ok    ok    ok    ok      info",
	"tok_whole_account":        "ok     ok     alarm ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_no_scopes":            "ok     ok     info  ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_empty_scopes":         "ok     ok     info  ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_oauth_user":           "ok     ok     alarm ok     ok    ok    alarm ok    ok    ok      ok",
	"tok_oauth_team":           "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_oauth_no_scopes":      "ok     ok     info  ok     ok    ok    info  ok    ok    ok      ok",
	"tok_leaked_used_after":    "alarm  ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_leaked_not_used":      "alarm  ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_leaked_revoked":       "skip   skip   skip  skip   skip  skip  skip  skip  skip  skip    skip",
	"tok_dup_a":                "ok     ok     ok    ok     ok    ok    ok    alarm ok    ok      ok",
	"tok_dup_b":                "ok     ok     ok    ok     ok    ok    ok    alarm ok    ok      ok",
	"tok_twin_live":            "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_twin_revoked":         "skip   skip   skip  skip   skip  skip  skip  skip  skip  skip    skip",
	"tok_expired":              "skip   skip   skip  skip   skip  skip  skip  skip  skip  alarm   skip",
	"tok_expires_now":          "skip   skip   skip  skip   skip  skip  skip  skip  skip  alarm   skip",
	"tok_revoked_expired":      "skip   skip   skip  skip   skip  skip  skip  skip  skip  skip    skip",
	"tok_sudo_active":          "ok     ok     alarm ok     ok    ok    ok    ok    alarm ok      ok",
	"tok_sudo_ended":           "ok     ok     alarm ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_team_cut_at":          "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      info",
	"tok_team_cut_after":       "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_team_cut_revoked":     "skip   skip   skip  skip   skip  skip  skip  skip  skip  skip    skip",
	"tok_team_app_cut":         "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      info",
	"tok_team_app_pat_cut":     "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_team_pat_app_cut":     "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_team_two":             "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      info",
	"tok_team_limited":         "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_team_left":            "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
	"tok_team_integration_cut": "ok     ok     ok    ok     ok    ok    ok    ok    ok    ok      ok",
}

func TestEdgeFixtureGivesTheExpectedStatuses(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t), "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)

	want := map[string]string{}
	for token, row := range edgeExpected {
		fields := strings.Fields(row)
		require.Len(t, fields, len(edgeControls), token)
		for i, status := range fields {
			want[edgeControls[i]+" "+token] = status
		}
	}
	got := map[string]string{}
	for _, r := range decodeReport(t, res.stdout).Results {
		got[r.Control+" "+r.TokenID] = r.Status
	}
	assert.Equal(t, want, got)
}

func TestLeakedTokenUsedAfterTheLeakComesFirst(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t), "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	results := decodeReport(t, res.stdout).Results
	require.GreaterOrEqual(t, len(results), 2)
	assert.Equal(t, "leaked tok_leaked_used_after", results[0].Control+" "+results[0].TokenID)
	assert.Equal(t, "leaked tok_leaked_not_used", results[1].Control+" "+results[1].TokenID)
	for i := 1; i < len(results); i++ {
		assert.LessOrEqual(t, results[i-1].Severity.Rank(), results[i].Severity.Rank(), "results are ordered by severity")
	}
}

func TestReasonsCarryDatesAndDays(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t), "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	reasons := map[string]string{}
	for _, r := range decodeReport(t, res.stdout).Results {
		reasons[r.Control+" "+r.TokenID] = r.Reason
		assert.Contains(t, r.Remediation, "https://vercel.com/account/", r.Control)
	}
	for key, want := range map[string]string{
		"unused tok_unused_90":            "not used since 2026-04-02 (90 days)",
		"age tok_age_91":                  "created on 2026-04-01 (91 days)",
		"long_lived tok_life_366":         "created on 2026-06-21, expires on 2027-06-22 (366 days of life)",
		"leaked tok_leaked_used_after":    "leaked on 2026-06-21 (10 days ago) at https://github.com/acme/app/blob/main/.env; used after the leak, last on 2026-06-29",
		"leaked tok_leaked_not_used":      "leaked on 2026-06-21 (10 days ago), location not given; not used since the leak",
		"expired_not_revoked tok_expired": "expired on 2026-06-26 (5 days ago) and never revoked",
		"whole_account tok_no_scopes":     "Vercel sent no scope list, so the scope cannot be judged: check the token in the dashboard",
		"duplicate_name tok_dup_a":        `2 live tokens are named "ci-deploy"`,
		"leaked tok_leaked_revoked":       "revoked on 2026-06-22",
		"team_invalidated tok_team_cut_at": "created on 2026-06-10, at or before personal access tokens were invalidated by Edge Personal on 2026-06-10: " +
			"it no longer works there, and should be revoked to keep the list clean",
		"team_invalidated tok_team_app_cut": "created on 2026-06-15, at or before app tokens were invalidated by Edge Apps on 2026-06-15: " +
			"it no longer works there, and should be revoked to keep the list clean",
		"team_invalidated tok_team_two": "created on 2026-06-09, at or before personal access tokens were invalidated by Edge Ops on 2026-06-20, Edge Personal on 2026-06-10: " +
			"it no longer works there, and should be revoked to keep the list clean",
		"team_invalidated tok_team_left":     "no team it reaches invalidated its kind of token after its creation",
		"team_invalidated tok_whole_account": "no team scope",
	} {
		assert.Equal(t, want, reasons[key], key)
	}
}

func TestVarOverridesAThreshold(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t, "tok_ok", "tok_unused_89"), "--output", "json", "--var", "unused_days=89")
	require.Equal(t, exitOK, res.code, res.stderr)
	r := decodeReport(t, res.stdout)
	assert.Equal(t, 89, r.Variables["unused_days"])
	for _, res := range r.Results {
		if res.Control == "unused" {
			assert.Equal(t, map[string]string{"tok_ok": "ok", "tok_unused_89": "alarm", edgeBearer: "ok"}[res.TokenID], res.Status, res.TokenID)
		}
	}
}

func TestCountsEqualTheResults(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t), "--output", "json")
	require.Equal(t, exitOK, res.code, res.stderr)
	r := decodeReport(t, res.stdout)
	counted := map[string]int{}
	for _, res := range r.Results {
		counted[res.Status]++
	}
	for _, s := range statuses {
		assert.Equal(t, counted[s], r.Counts[s], s)
	}
	assert.Equal(t, len(edgeExpected)*len(edgeControls), len(r.Results))
	assert.Equal(t, []connectionSummary{{Name: "vercel", Tokens: len(edgeExpected)}}, r.Connections)
	assert.Equal(t, edgeAt[:19]+".000Z", r.EvaluatedAt)
	assert.Equal(t, reportSchema, r.Schema)
}
