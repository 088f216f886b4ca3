package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// alarmsOf maps "control token" to the alarm results of a report.
func alarmsOf(r jsonReport) map[string]result {
	alarms := map[string]result{}
	for _, res := range r.Results {
		if res.Status == statusAlarm {
			alarms[res.Control+" "+res.TokenID] = res
		}
	}
	return alarms
}

func TestExceptionsAcceptFindingsUntilTheirDate(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_unused_90", "tok_age_91")
	exceptions := writeFile(t, "exceptions.json", `{"exceptions": [
  {"token_id": "tok_unused_90", "control": "unused", "reason": "release key, used quarterly", "accepted_by": "alice", "until": "2026-07-01"},
  {"token_id": "tok_age_91", "control": "age", "reason": "rotation planned", "accepted_by": "bob", "until": "2026-06-30"},
  {"token_id": "tok_no_expiry", "control": "no_expiry", "reason": "the audit's own token", "accepted_by": "carol", "until": "2027-01-01", "connection": "vercel"},
  {"token_id": "tok_gone", "control": "leaked", "reason": "old", "accepted_by": "dave", "until": "2027-01-01"}
]}`)
	res := auditEdge(t, api, "--output", "json", "--exceptions", exceptions, "--fail-on", "medium")
	assert.Equal(t, exitFindings, res.code, "the expired exception alarms again: %s", res.stderr)
	r := decodeReport(t, res.stdout)
	alarms := alarmsOf(r)

	unused := alarms["unused tok_unused_90"]
	require.NotNil(t, unused.Exception)
	assert.True(t, unused.accepted(), "accepted through the day of until")
	assert.Equal(t, "alice", unused.Exception.AcceptedBy)

	age := alarms["age tok_age_91"]
	require.NotNil(t, age.Exception)
	assert.True(t, age.Exception.Expired)
	assert.True(t, age.open(), "an expired exception no longer accepts the finding")

	assert.True(t, alarms["no_expiry tok_no_expiry"].accepted())
	assert.Equal(t, 2, r.Counts["accepted"])
	require.Len(t, r.StaleExceptions, 1)
	assert.Equal(t, "tok_gone", r.StaleExceptions[0].TokenID)
	assert.Contains(t, res.stderr, "tok_gone")
	assert.Contains(t, res.stderr, "names no audited token")

	table := auditEdge(t, api, "--exceptions", exceptions, "--results")
	assert.Contains(t, table.stdout, "accepted: release key, used quarterly (by alice, until 2026-07-01)")
	assert.Contains(t, table.stdout, "exception expired: rotation planned (by bob, until 2026-06-30)")
	assert.Contains(t, table.stdout, "Exceptions that name no audited token")

	// Accepted findings do not fail the run.
	withoutExpired := writeFile(t, "exceptions.json", `{"exceptions": [
  {"token_id": "tok_unused_90", "control": "unused", "reason": "r", "accepted_by": "alice", "until": "2026-07-01"},
  {"token_id": "tok_no_expiry", "control": "no_expiry", "reason": "r", "accepted_by": "carol", "until": "2027-01-01"}
]}`)
	res = auditEdge(t, api, "--exceptions", withoutExpired, "--fail-on", "high")
	assert.Equal(t, exitOK, res.code, res.stderr)
}

func TestBadExceptionsFilesAreConfigurationErrors(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startEdgeAPI(t, "tok_ok")
	for name, tc := range map[string]struct{ file, want string }{
		"unknown control": {`{"exceptions": [{"token_id": "t", "control": "nope", "reason": "r", "accepted_by": "a", "until": "2026-01-01"}]}`, `control "nope" is not one of the benchmark's`},
		"no accepted_by":  {`{"exceptions": [{"token_id": "t", "control": "unused", "reason": "r", "until": "2026-01-01"}]}`, "missing accepted_by"},
		"bad date":        {`{"exceptions": [{"token_id": "t", "control": "unused", "reason": "r", "accepted_by": "a", "until": "soon"}]}`, `until "soon"`},
		"unknown field":   {`{"exceptions": [{"token": "t"}]}`, `unknown field "token"`},
		"twice":           {`{"exceptions": [{"token_id": "t", "control": "unused", "reason": "r", "accepted_by": "a", "until": "2026-01-01"}, {"token_id": "t", "control": "unused", "reason": "r", "accepted_by": "a", "until": "2026-01-01"}]}`, "accepted twice"},
	} {
		res := auditEdge(t, api, "--exceptions", writeFile(t, "e.json", tc.file))
		assert.Equal(t, exitUsage, res.code, name)
		assert.Contains(t, res.stderr, tc.want, name)
		assert.Empty(t, res.stdout, name)
	}
}

func TestBaselineMarksNewStillOpenAndResolved(t *testing.T) {
	testapi.IsolateEnv(t)
	lastWeek := auditEdge(t, startEdgeAPI(t, "tok_unused_90", "tok_leaked_not_used"), "--output", "json")
	require.Equal(t, exitOK, lastWeek.code, lastWeek.stderr)
	baseline := writeFile(t, "last-week.json", lastWeek.stdout)

	api := startEdgeAPI(t, "tok_unused_90", "tok_age_91")
	res := auditEdge(t, api, "--output", "json", "--baseline", baseline, "--fail-on-new")
	assert.Equal(t, exitFindings, res.code, res.stderr)
	r := decodeReport(t, res.stdout)
	alarms := alarmsOf(r)
	assert.Equal(t, baselineNew, alarms["age tok_age_91"].Baseline)
	assert.Equal(t, baselineStillOpen, alarms["unused tok_unused_90"].Baseline)
	assert.Equal(t, baselineStillOpen, alarms["no_expiry tok_no_expiry"].Baseline)
	require.Len(t, r.Resolved, 1)
	assert.Equal(t, "leaked tok_leaked_not_used", r.Resolved[0].Control+" "+r.Resolved[0].TokenID)
	assert.Equal(t, 1, r.Counts[baselineNew])
	assert.Equal(t, 1, r.Counts["resolved"])

	// The new alarm is medium: failing only on new critical ones passes.
	res = auditEdge(t, api, "--baseline", baseline, "--fail-on-new", "--fail-on", "critical")
	assert.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Resolved since the baseline")

	// Nothing new against this week's own report.
	thisWeek := writeFile(t, "this-week.json", auditEdge(t, api, "--output", "json").stdout)
	res = auditEdge(t, api, "--baseline", thisWeek, "--fail-on-new")
	assert.Equal(t, exitOK, res.code, res.stderr)

	res = auditEdge(t, api, "--baseline", writeFile(t, "x.json", `{"results": []}`))
	assert.Equal(t, exitUsage, res.code)
	assert.Contains(t, res.stderr, "make the baseline with --output json")
}
