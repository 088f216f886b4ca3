package main

import (
	"cmp"
	"encoding/binary"
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
	// encoded is the result's JSON object, kept when the report is JSON
	// (resultEncoder.encodeEach); nil otherwise.
	encoded []byte
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

// Report order is severity, status, risk (higher first: a leaked token
// used after the leak first of all), then token, control and connection,
// so that the same input always gives the same order.
//
// Results are not sorted themselves: each swap would move two 200-byte
// structs full of pointers, with write barriers while the collector runs,
// which took a 55,000-result report about 100 ms. Sorting keys without
// pointers, then placing each result once, takes a tenth of that.

// sortKey is a result's place in report order.
type sortKey struct {
	order uint32 // severity rank, then status
	risk  int64
	token uint64 // the token id's first 8 bytes, in string order
	index int32  // the result's index in the slice the keys are for
}

// sortedKeys returns the keys of results in report order; index counts
// from first.
func sortedKeys(results []result, first int) []sortKey {
	keys := make([]sortKey, len(results))
	for i := range results {
		r := &results[i]
		keys[i] = sortKey{
			order: uint32(r.Severity.Rank())<<8 | uint32(slices.Index(statuses, r.Status)),
			risk:  r.risk,
			token: stringPrefix(r.TokenID),
			index: int32(first + i),
		}
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		return compareKeys(a, b, &results[int(a.index)-first], &results[int(b.index)-first])
	})
	return keys
}

// compareKeys compares two results in report order, by their keys first.
func compareKeys(a, b sortKey, ra, rb *result) int {
	if a.order != b.order {
		return cmp.Compare(a.order, b.order)
	}
	if a.risk != b.risk {
		return cmp.Compare(b.risk, a.risk)
	}
	if a.token != b.token {
		return cmp.Compare(a.token, b.token)
	}
	return cmp.Or(
		strings.Compare(ra.TokenID, rb.TokenID),
		strings.Compare(ra.Control, rb.Control),
		strings.Compare(ra.Connection, rb.Connection),
	)
}

// stringPrefix is s's first 8 bytes as a number that orders as they do.
func stringPrefix(s string) uint64 {
	var prefix [8]byte
	copy(prefix[:], s)
	return binary.BigEndian.Uint64(prefix[:])
}

// mergeKeys merges two lists of keys for results, each in report order.
func mergeKeys(a, b []sortKey, results []result) []sortKey {
	merged := make([]sortKey, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compareKeys(b[0], a[0], &results[b[0].index], &results[a[0].index]) < 0 {
			merged, b = append(merged, b[0]), b[1:]
		} else {
			merged, a = append(merged, a[0]), a[1:]
		}
	}
	return append(append(merged, a...), b...)
}

// placed puts results in the order of keys, in place (no second copy of
// tens of megabytes), and returns them. keys must cover every result once;
// placing uses up their indexes.
func placed(results []result, keys []sortKey) []result {
	// Follow each cycle of the permutation: position i receives the result
	// at keys[i].index, whose position receives the next, and so on.
	for start := range keys {
		if keys[start].index < 0 {
			continue
		}
		held := results[start]
		at := start
		for {
			from := int(keys[at].index)
			keys[at].index = -1
			if from == start {
				results[at] = held
				break
			}
			results[at] = results[from]
			at = from
		}
	}
	return results
}
