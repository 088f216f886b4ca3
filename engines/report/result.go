package main

import (
	"cmp"
	"slices"
	"strings"
)

// result is one control's verdict on one token.
type result struct {
	Control     string   `json:"control"`
	Severity    severity `json:"severity"`
	Status      string   `json:"status"`
	Connection  string   `json:"connection"`
	TokenID     string   `json:"token_id"`
	Name        string   `json:"name"`
	Prefix      *string  `json:"prefix"`
	Suffix      *string  `json:"suffix"`
	Reason      string   `json:"reason"`
	Remediation string   `json:"remediation"`
	// Exception is the accepted exception covering an alarm, or one that
	// covered it and has expired (Exception.Expired).
	Exception *appliedException `json:"exception,omitempty"`
	// Baseline is "new" or "still_open" for an alarm when --baseline is
	// given.
	Baseline string `json:"baseline,omitempty"`

	// risk orders results of one severity and status: higher first.
	risk int64
}

// key identifies a finding across runs.
func (r result) key() findingKey {
	return findingKey{Connection: r.Connection, Control: r.Control, TokenID: r.TokenID}
}

type findingKey struct {
	Connection, Control, TokenID string
}

// accepted tells whether an alarm is covered by an exception in force.
func (r result) accepted() bool {
	return r.Status == statusAlarm && r.Exception != nil && !r.Exception.Expired
}

// open tells whether r is an alarm nobody accepted: a finding to act on.
func (r result) open() bool { return r.Status == statusAlarm && !r.accepted() }

// sortResults puts results in report order: severity, status, risk (a
// leaked token used after the leak first of all), then token, control and
// connection, so that the same input always gives the same order.
func sortResults(results []result) {
	slices.SortFunc(results, compareResults)
}

// compareResults is report order.
func compareResults(a, b result) int {
	// Cheap comparisons first, one at a time: a report sorts tens of
	// thousands of results.
	if c := cmp.Compare(a.Severity.rank(), b.Severity.rank()); c != 0 {
		return c
	}
	if a.Status != b.Status {
		return cmp.Compare(slices.Index(statuses, a.Status), slices.Index(statuses, b.Status))
	}
	return cmp.Or(
		cmp.Compare(b.risk, a.risk),
		strings.Compare(a.TokenID, b.TokenID),
		strings.Compare(a.Control, b.Control),
		strings.Compare(a.Connection, b.Connection),
	)
}

// mergeResults merges two lists in report order into one.
func mergeResults(a, b []result) []result {
	merged := make([]result, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compareResults(b[0], a[0]) < 0 {
			merged, b = append(merged, b[0]), b[1:]
		} else {
			merged, a = append(merged, a[0]), a[1:]
		}
	}
	return append(append(merged, a...), b...)
}
