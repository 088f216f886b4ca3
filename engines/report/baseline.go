package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// Baseline states of an alarm.
const (
	baselineNew       = "new"
	baselineStillOpen = "still_open"
)

// loadBaseline reads the alarms of an earlier JSON report.
func loadBaseline(path string) ([]result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var previous report
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

// applyBaseline marks each alarm new or still open, and returns the
// baseline's alarms that no longer alarm, in the baseline's order.
func applyBaseline(results []result, previous []result) (resolved []result) {
	before := make(map[findingKey]bool, len(previous))
	for _, r := range previous {
		before[r.key()] = true
	}
	now := map[findingKey]bool{}
	for i := range results {
		r := &results[i]
		if r.Status != statusAlarm {
			continue
		}
		now[r.key()] = true
		r.Baseline = baselineNew
		if before[r.key()] {
			r.Baseline = baselineStillOpen
		}
	}
	for _, r := range previous {
		if !now[r.key()] {
			r.Baseline, r.Exception = "resolved", nil
			resolved = append(resolved, r)
		}
	}
	return resolved
}
