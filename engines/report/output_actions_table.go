package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// writeActionTable writes the action list for a terminal: a heading, the
// tokens new since the baseline, then every token, most urgent first.
func writeActionTable(w io.Writer, r *report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Vercel token audit at %s\n", r.EvaluatedAt)
	fmt.Fprintf(&b, "Connections: %s\n", display.Terminal(connectionList(r)))
	fmt.Fprintf(&b, "Tokens: %s\n", actionSummary(r))
	fmt.Fprintf(&b, "Results: %s (--results lists them)\n", summary(r))
	listed := r.listedActions()
	if r.hasBaseline {
		fresh := newActions(listed)
		fmt.Fprintf(&b, "\nNew since the baseline (%d):\n", len(fresh))
		if err := writeActionRows(&b, fresh); err != nil {
			return err
		}
	}
	fmt.Fprintf(&b, "\n%s:\n", actionListHeading(r))
	if err := writeActionRows(&b, listed); err != nil {
		return err
	}
	writeResolvedAndStale(&b, r)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	return nil
}

// writeActionRows writes rows under aligned columns.
func writeActionRows(b *strings.Builder, list []tokenAction) error {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(actionHeader, "\t"))
	for _, a := range list {
		cells := actionCells(a)
		for i, cell := range cells {
			// A tab or newline inside a cell would break the columns.
			cells[i] = display.Terminal(cell)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// actionListHeading says which tokens the list holds.
func actionListHeading(r *report) string {
	what := "Every token not revoked, most urgent first"
	if r.minSeverity != "" {
		what = fmt.Sprintf("Tokens with a finding of %s severity or above, most urgent first", r.minSeverity)
	}
	return what
}
