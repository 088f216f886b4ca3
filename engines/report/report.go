package main

import (
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// reportSchema names the JSON report's format; a baseline must carry it.
const reportSchema = "steampipe_report_vercel/v1"

// report is a finished audit: what every output format shows.
type report struct {
	reportHead
	// Actions are the action list: one row per token not revoked.
	Actions []tokenAction `json:"actions"`
	Results []result      `json:"results"`
	// Resolved are the baseline's alarms that no longer alarm; none without
	// --baseline.
	Resolved []result `json:"resolved"`
	// StaleExceptions name tokens no audited connection has.
	StaleExceptions []exception `json:"stale_exceptions"`

	controls    []control
	hasBaseline bool
	// minSeverity leaves less severe results out of findings.
	minSeverity severity
}

// reportHead is what the report says before its results.
type reportHead struct {
	Schema      string              `json:"schema"`
	EvaluatedAt string              `json:"evaluated_at"`
	Variables   map[string]int      `json:"variables"`
	Connections []connectionSummary `json:"connections"`
	Counts      map[string]int      `json:"counts"`
}

type connectionSummary struct {
	Name   string `json:"name"`
	Tokens int    `json:"tokens"`
}

func newReport(now time.Time, vars map[string]int, controls []control, read []connectionSummary, results []result) *report {
	return &report{
		reportHead: reportHead{Schema: reportSchema, EvaluatedAt: display.Timestamp(now), Variables: vars, Connections: read},
		Results:    results,
		controls:   controls,
	}
}

// count fills Counts once exceptions and the baseline are applied: one
// count per status, plus accepted alarms (also counted as alarms) and,
// with a baseline, new, still open and resolved alarms.
func (r *report) count() {
	r.Counts = map[string]int{}
	for _, s := range statuses {
		r.Counts[s] = 0
	}
	r.Counts["accepted"] = 0
	if r.hasBaseline {
		r.Counts[baselineNew], r.Counts[baselineStillOpen], r.Counts["resolved"] = 0, 0, len(r.Resolved)
	}
	for _, res := range r.Results {
		r.Counts[res.Status]++
		if res.accepted() {
			r.Counts["accepted"]++
		}
		if res.Baseline != "" {
			r.Counts[res.Baseline]++
		}
	}
}

// findings are the results human formats list: alarms and info (every
// status with all), at least minSeverity.
func (r *report) findings(all bool) []result {
	var shown []result
	for _, res := range r.Results {
		if r.minSeverity != "" && !res.Severity.AtLeast(r.minSeverity) {
			continue
		}
		if all || res.Status == statusAlarm || res.Status == statusInfo {
			shown = append(shown, res)
		}
	}
	return shown
}

// controlCounts is one control's number of results in each status.
type controlCounts struct {
	control
	counts map[string]int
}

// countsByControl are the results counted by control and status (accepted
// alarms are also counted as alarms), in the controls' report order.
func (r *report) countsByControl() []controlCounts {
	byID := map[string]map[string]int{}
	for _, res := range r.Results {
		if byID[res.Control] == nil {
			byID[res.Control] = map[string]int{}
		}
		byID[res.Control][res.Status]++
		if res.accepted() {
			byID[res.Control]["accepted"]++
		}
	}
	all := make([]controlCounts, len(r.controls))
	for i, c := range r.controls {
		all[i] = controlCounts{control: c, counts: byID[c.ID]}
	}
	return all
}

// control returns the control with this id.
func (r *report) control(id string) control {
	for _, c := range r.controls {
		if c.ID == id {
			return c
		}
	}
	return control{ID: id}
}
