package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// formats are the --output values, the first the default.
var formats = []string{"table", "csv", "json", "markdown", "html", "sarif", "revoke-sql"}

// humanFormats are the formats people read, which take --min-severity and
// --all.
var humanFormats = []string{"table", "markdown", "html"}

// viewFormats show the action list unless --results asks for one row per
// control and token.
var viewFormats = []string{"table", "csv", "markdown", "html"}

// view is what a report shows.
type view struct {
	// results lists one row per control and token instead of the action
	// list.
	results bool
	// all lists every result, ok and skip too (with results).
	all bool
}

// writeReport renders the report in format into a temporary file, then
// copies it to w: nothing is written before the report is complete, so a
// failure leaves no partial report, and the results are never held in
// memory all at once.
func writeReport(w io.Writer, format string, r *report, v view) error {
	spool, err := os.CreateTemp("", commandName+"-*")
	if err != nil {
		return fmt.Errorf("creating a temporary file for the report: %w", err)
	}
	defer spool.Close()
	// Gone from the directory now, and from the disk once closed, however
	// the run ends.
	if err := os.Remove(spool.Name()); err != nil {
		return fmt.Errorf("creating a temporary file for the report: %w", err)
	}
	out := bufio.NewWriterSize(spool, 64<<10)
	if err := renderReport(out, format, r, v); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("writing the report to a temporary file: %w", err)
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("reading the report back: %w", err)
	}
	if _, err := io.Copy(w, spool); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

// renderReport writes r in format. Table, csv, markdown and html show the
// action list, or with v.results the results (human formats list alarms
// and info unless v.all is set, csv every result); json holds both; sarif
// lists alarms; revoke-sql revokes the tokens to revoke now.
func renderReport(w io.Writer, format string, r *report, v view) error {
	switch {
	case format == "json":
		return writeJSON(w, r)
	case format == "table" && v.results:
		return writeTable(w, r, v.all)
	case format == "table":
		return writeActionTable(w, r)
	case format == "csv" && v.results:
		return writeCSV(w, r)
	case format == "csv":
		return writeActionCSV(w, r)
	case format == "markdown" && v.results:
		return writeMarkdown(w, r, v.all)
	case format == "markdown":
		return writeActionMarkdown(w, r)
	case format == "html" && v.results:
		return writeHTML(w, r, v.all)
	case format == "html":
		return writeDashboard(w, r)
	case format == "sarif":
		return writeSARIF(w, r)
	case format == "revoke-sql":
		return writeRevokeSQL(w, r)
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

// The longest text from the API or a file that the formats people read
// (table, markdown, html and the SARIF message) show whole: a name, id or
// connection, and a sentence (a reason or a note, which may quote names).
// A 200,000-character token name must not make every row that long.
const (
	maxShownName     = 200
	maxShownSentence = 500
)

// clip cuts s after max characters, marking the cut with "…".
func clip(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// findingCells are a finding's cells in the order of the table and
// Markdown columns, long text clipped; each format escapes them its way.
func findingCells(r result) []string {
	return []string{
		string(r.Severity), statusLabel(r), r.Control, clip(r.Connection, maxShownName), tokenLabel(r),
		clip(r.TokenID, maxShownName), clip(r.Reason, maxShownSentence), clip(note(r), maxShownSentence),
	}
}

// tokenLabel shows a token as people recognise it: its name and the ends of
// its secret, each clipped.
func tokenLabel(r result) string {
	name := clip(r.Name, maxShownName)
	if r.Prefix == nil && r.Suffix == nil {
		return name
	}
	return fmt.Sprintf("%s (%s…%s)", name, clip(deref(r.Prefix), maxShownName), clip(deref(r.Suffix), maxShownName))
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
		parts[i] = fmt.Sprintf("%s (%d tokens)", clip(c.Name, maxShownName), c.Tokens)
	}
	return strings.Join(parts, ", ")
}
