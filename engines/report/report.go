package main

import (
	"iter"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// reportSchema names the JSON report's format; a baseline must carry it.
const reportSchema = "steampipe_report_vercel/v1"

// report is a finished audit: what every output format shows. Its results
// stay in the evaluation's database and are read, in report order, each
// time an output ranges over results(); Close drops them.
type report struct {
	reportHead
	// Actions are the action list: one row per token not revoked.
	Actions []tokenAction
	// Resolved are the baseline's alarms that no longer alarm; none without
	// --baseline.
	Resolved []result
	// StaleExceptions name tokens no audited connection has.
	StaleExceptions []exception

	controls    []control
	hasBaseline bool
	// minSeverity leaves less severe results out of findings.
	minSeverity severity
	// read reads results, marked: everyResult, tokenOrder or
	// findingsByToken.
	read func(selection string) iter.Seq2[result, error]
	// byControl counts each control's results by status (and accepted).
	byControl map[string]map[string]int
	// failing is set when an open alarm makes the run exit 1.
	failing bool
	close   func() error
}

// reportHead is what the report says before its results.
type reportHead struct {
	Schema      string              `json:"schema"`
	EvaluatedAt string              `json:"evaluated_at"`
	Variables   map[string]int      `json:"variables"`
	Connections []connectionSummary `json:"connections"`
	Counts      map[string]int      `json:"counts"`
}

// jsonReport is a JSON report read back: a baseline.
type jsonReport struct {
	reportHead
	Actions         []tokenAction `json:"actions"`
	Results         []result      `json:"results"`
	Resolved        []result      `json:"resolved"`
	StaleExceptions []exception   `json:"stale_exceptions"`
}

type connectionSummary struct {
	Name   string `json:"name"`
	Tokens int    `json:"tokens"`
}

func newReport(now time.Time, vars map[string]int, controls []control, read []connectionSummary) *report {
	return &report{
		reportHead: reportHead{Schema: reportSchema, EvaluatedAt: display.Timestamp(now), Variables: vars, Connections: read},
		controls:   controls,
	}
}

// results are every result in report order.
func (r *report) results() iter.Seq2[result, error] { return r.read(everyResult) }

// Close drops the results.
func (r *report) Close() error { return r.close() }

// counting fills Counts and byControl, from each control's counts by
// status (from the evaluation) and from findings, which it passes on, marked:
// accepted alarms (also counted as alarms) and, with a baseline, new and
// still open alarms. It hands each finding to visit. Resolved is counted
// apart.
func (r *report) counting(byControl map[string]map[string]int, findings iter.Seq2[result, error], visit func(result)) iter.Seq2[result, error] {
	r.byControl = byControl
	r.Counts = map[string]int{"accepted": 0}
	for _, s := range statuses {
		r.Counts[s] = 0
	}
	for _, counts := range byControl {
		for status, n := range counts {
			r.Counts[status] += n
		}
	}
	if r.hasBaseline {
		r.Counts[baselineNew], r.Counts[baselineStillOpen] = 0, 0
	}
	return func(yield func(result, error) bool) {
		for res, err := range findings {
			if err == nil {
				if res.accepted() {
					r.Counts["accepted"]++
					r.byControl[res.Control]["accepted"]++
				}
				if res.Baseline != "" {
					r.Counts[res.Baseline]++
				}
				visit(res)
			}
			if !yield(res, err) {
				return
			}
		}
	}
}

// findings are the results human formats list, in report order: alarms and
// info (every status with all), at least minSeverity.
func (r *report) findings(all bool) ([]result, error) {
	var shown []result
	for res, err := range r.results() {
		if err != nil {
			return nil, err
		}
		if r.minSeverity != "" && !res.Severity.AtLeast(r.minSeverity) {
			continue
		}
		if all || res.Status == statusAlarm || res.Status == statusInfo {
			shown = append(shown, res)
		}
	}
	return shown, nil
}

// controlCounts is one control's number of results in each status.
type controlCounts struct {
	control
	counts map[string]int
}

// countsByControl are the results counted by control and status (accepted
// alarms are also counted as alarms), in the controls' report order.
func (r *report) countsByControl() []controlCounts {
	all := make([]controlCounts, len(r.controls))
	for i, c := range r.controls {
		all[i] = controlCounts{control: c, counts: r.byControl[c.ID]}
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
