package main

import "time"

// resultMarks is what the run knows of a result before it has them all:
// the exceptions, the baseline's alarms and, for a JSON report, how it is
// written. The evaluation hands each control's results to apply as it
// collects them, most while later pages are still on the network, so that
// little is left to do after the last page.
type resultMarks struct {
	exceptions []exception
	now        time.Time
	baseline   baselineAlarms // nil without --baseline
	json       *resultEncoder // nil unless the report is JSON
}

// apply attaches exceptions, marks baseline alarms and keeps each result's
// JSON line.
func (m *resultMarks) apply(results []result) error {
	for i := range results {
		attachException(&results[i], m.exceptions, m.now)
		if m.baseline != nil {
			m.baseline.mark(&results[i])
		}
	}
	if m.json == nil {
		return nil
	}
	return m.json.encodeEach(results)
}
