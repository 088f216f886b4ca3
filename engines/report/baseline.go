package main

import (
	"context"
	"encoding/json"
	"fmt"
)

// Baseline states of an alarm.
const (
	baselineNew       = "new"
	baselineStillOpen = "still_open"
)

// loadBaseline reads the alarms of an earlier JSON report.
func loadBaseline(ctx context.Context, path string) ([]result, error) {
	data, err := readInputFile(ctx, path, maxBaselineFile)
	if err != nil {
		return nil, err
	}
	var previous jsonReport
	if err := json.Unmarshal(data, &previous); err != nil {
		return nil, fmt.Errorf("%s: not a JSON report (--output json): %w", path, err)
	}
	if previous.Schema != reportSchema {
		return nil, fmt.Errorf("%s: schema %q, want %q: make the baseline with --output json", path, previous.Schema, reportSchema)
	}
	var alarms []result
	for _, r := range previous.Results {
		if r.Status == statusAlarm {
			alarms = append(alarms, r)
		}
	}
	return alarms, nil
}

// baselineAlarms are the findings of a baseline, by key.
type baselineAlarms map[findingKey]bool

func newBaselineAlarms(previous []result) baselineAlarms {
	before := make(baselineAlarms, len(previous))
	for _, r := range previous {
		before[r.key()] = true
	}
	return before
}

// mark marks an alarm new or still open.
func (b baselineAlarms) mark(r *result) {
	if r.Status != statusAlarm {
		return
	}
	r.Baseline = baselineNew
	if b[r.key()] {
		r.Baseline = baselineStillOpen
	}
}

// resolvedAlarms are the baseline's alarms that no longer alarm (are not
// still open), in the baseline's order.
func resolvedAlarms(previous []result, stillOpen map[findingKey]bool) (resolved []result) {
	for _, r := range previous {
		if !stillOpen[r.key()] {
			r.Baseline, r.Exception = "resolved", nil
			resolved = append(resolved, r)
		}
	}
	return resolved
}
