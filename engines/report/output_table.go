package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// writeTable writes the report for a terminal: a heading, the findings
// under aligned columns, and what to fix.
func writeTable(w io.Writer, r *report, all bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Vercel token audit at %s\n", r.EvaluatedAt)
	fmt.Fprintf(&b, "Connections: %s\n", display.Terminal(connectionList(r)))
	fmt.Fprintf(&b, "Results: %s\n\n", summary(r))
	if err := writeControlCounts(&b, r); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n%s:\n", findingsHeading(r, all))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tSTATUS\tCONTROL\tCONNECTION\tTOKEN\tTOKEN ID\tREASON\tNOTE")
	shown, err := r.findings(all)
	if err != nil {
		return err
	}
	for _, res := range shown {
		cells := findingCells(res)
		for i, cell := range cells {
			// A tab or newline inside a cell would break the columns.
			cells[i] = display.Terminal(cell)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	writeResolvedAndStale(&b, r)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	return nil
}

// writeControlCounts writes how many results of each status every control
// has, most severe control first.
func writeControlCounts(b *strings.Builder, r *report) error {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tCONTROL\tALARM\tACCEPTED\tINFO\tOK\tSKIP")
	for _, c := range r.countsByControl() {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\n", c.Severity, c.ID,
			c.counts[statusAlarm], c.counts["accepted"], c.counts[statusInfo], c.counts[statusOK], c.counts[statusSkip])
	}
	return tw.Flush()
}

// findingsHeading says which results the list below holds.
func findingsHeading(r *report, all bool) string {
	what := "Alarms and info"
	if all {
		what = "Every result"
	}
	switch r.minSeverity {
	case "", severities[len(severities)-1]:
	case severities[0]:
		what += fmt.Sprintf(" of %s severity", r.minSeverity)
	default:
		what += fmt.Sprintf(" of %s severity or above", r.minSeverity)
	}
	return what
}

// writeResolvedAndStale lists what the baseline says is fixed and the
// exceptions that name no token, in plain text. Every field may come from
// a hand-edited file: each is shown terminal-safe.
func writeResolvedAndStale(b *strings.Builder, r *report) {
	clean := func(s string) string { return display.Terminal(clip(s, maxShownName)) }
	if len(r.Resolved) > 0 {
		fmt.Fprintf(b, "\nResolved since the baseline:\n")
		for _, res := range r.Resolved {
			fmt.Fprintf(b, "  %s %s %s %s\n", clean(res.Control), clean(res.Connection), display.Terminal(tokenLabel(res)), clean(res.TokenID))
		}
	}
	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(b, "\nExceptions that name no audited token (remove them from the file):\n")
		for _, e := range r.StaleExceptions {
			fmt.Fprintf(b, "  %s %s (accepted by %s until %s)\n", clean(e.TokenID), clean(e.Control), clean(e.AcceptedBy), clean(e.Until))
		}
	}
}
