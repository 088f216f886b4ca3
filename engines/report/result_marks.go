package main

import (
	"iter"
	"time"
)

// resultMarks is what the run knows of a result besides the control's
// verdict: the exceptions and the baseline's alarms.
type resultMarks struct {
	exceptions []exception
	now        time.Time
	baseline   baselineAlarms // nil without --baseline
}

// marked gives results with their exceptions attached and, with a
// baseline, their alarms marked new or still open.
func (m *resultMarks) marked(results iter.Seq2[result, error]) iter.Seq2[result, error] {
	return func(yield func(result, error) bool) {
		for r, err := range results {
			if err == nil {
				attachException(&r, m.exceptions, m.now)
				if m.baseline != nil {
					m.baseline.mark(&r)
				}
			}
			if !yield(r, err) {
				return
			}
		}
	}
}
