package main

import (
	"bytes"
	"fmt"
	"strings"
)

// formats are the --output values, the first the default.
var formats = []string{"table", "csv", "json", "markdown", "html", "sarif"}

// humanFormats are the formats people read, which list findings (alarms and
// info) and take --all and --min-severity.
var humanFormats = []string{"table", "markdown", "html"}

// writeReport writes r in format. Human formats (table, markdown, html) list
// alarms and info unless all is set; csv and json list every result; sarif
// lists alarms. The report is rendered whole in w before anything is
// written out.
func writeReport(w *bytes.Buffer, format string, r *report, all bool) error {
	switch format {
	case "table":
		return writeTable(w, r, all)
	case "csv":
		return writeCSV(w, r)
	case "json":
		return writeJSON(w, r)
	case "markdown":
		return writeMarkdown(w, r, all)
	case "html":
		return writeHTML(w, r, all)
	case "sarif":
		return writeSARIF(w, r)
	}
	return fmt.Errorf("unknown output format %q", format)
}

// statusLabel is a result's status as people read it: an alarm covered by
// an exception in force is "accepted".
func statusLabel(r result) string {
	if r.accepted() {
		return "accepted"
	}
	return r.Status
}

// note says what the exceptions file and the baseline say of a result.
func note(r result) string {
	var parts []string
	if e := r.Exception; e != nil {
		verb := "accepted"
		if e.Expired {
			verb = "exception expired"
		}
		parts = append(parts, fmt.Sprintf("%s: %s (by %s, until %s)", verb, e.Reason, e.AcceptedBy, e.Until))
	}
	if r.Baseline != "" {
		parts = append(parts, strings.ReplaceAll(r.Baseline, "_", " "))
	}
	return strings.Join(parts, "; ")
}

// tokenLabel shows a token as people recognise it: its name and the ends of
// its secret.
func tokenLabel(r result) string {
	if r.Prefix == nil && r.Suffix == nil {
		return r.Name
	}
	return fmt.Sprintf("%s (%s…%s)", r.Name, deref(r.Prefix), deref(r.Suffix))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// summary is the one-line count of results by status.
func summary(r *report) string {
	parts := []string{}
	for _, s := range append(append([]string{}, statuses...), "accepted") {
		parts = append(parts, fmt.Sprintf("%d %s", r.Counts[s], s))
	}
	if r.hasBaseline {
		parts = append(parts, fmt.Sprintf("%d new", r.Counts[baselineNew]), fmt.Sprintf("%d still open", r.Counts[baselineStillOpen]), fmt.Sprintf("%d resolved", r.Counts["resolved"]))
	}
	return strings.Join(parts, ", ")
}

// connectionList names the audited connections with their token counts.
func connectionList(r *report) string {
	parts := make([]string, len(r.Connections))
	for i, c := range r.Connections {
		parts[i] = fmt.Sprintf("%s (%d tokens)", c.Name, c.Tokens)
	}
	return strings.Join(parts, ", ")
}
