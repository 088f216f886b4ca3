package main

import (
	"io"
	"strconv"
	"strings"
)

var actionCSVHeader = []string{
	"action", "reason", "severity", "new", "live", "connection", "owner", "token_id", "name", "prefix", "suffix",
	"created_at", "last_used_at", "expires_at", "teams", "whole_account", "failing", "accepted",
}

// writeActionCSV writes the action list, one line per token not revoked,
// every value whole: timestamps in RFC 3339, lists separated by "; ".
func writeActionCSV(w io.Writer, r *report) error {
	return writeCSVLines(w, actionCSVHeader, func(yield func([]string) bool) {
		for _, a := range r.Actions {
			if !yield([]string{
				string(a.Action), a.Reason, string(a.Severity), strconv.FormatBool(a.New), strconv.FormatBool(a.Live),
				a.Connection, a.Owner, a.TokenID, a.Name, deref(a.Prefix), deref(a.Suffix),
				deref(a.CreatedAt), deref(a.LastUsedAt), deref(a.ExpiresAt), strings.Join(a.Teams, "; "),
				strconv.FormatBool(a.WholeAccount), strings.Join(a.Failing, "; "), strings.Join(a.Accepted, "; "),
			}) {
				return
			}
		}
	})
}
