package main

import (
	"fmt"
	"io"
	"strings"
)

// writeActionMarkdown writes the action list for a ticket or a chat
// message: a summary, the tokens new since the baseline, every token, and
// what each action means.
func writeActionMarkdown(w io.Writer, r *report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Vercel token audit\n\n")
	fmt.Fprintf(&b, "Evaluated at %s over %s.\n\n", r.EvaluatedAt, mdText(connectionList(r)))
	fmt.Fprintf(&b, "**Tokens:** %s.\n\n", actionSummary(r))
	listed := r.listedActions()
	if r.hasBaseline {
		fmt.Fprintf(&b, "## New since the baseline\n\n")
		writeActionMarkdownRows(&b, newActions(listed))
	}
	fmt.Fprintf(&b, "## %s\n\n", actionListHeading(r))
	writeActionMarkdownRows(&b, listed)
	fmt.Fprintf(&b, "\n## What each action means\n\n")
	for _, act := range actions {
		fmt.Fprintf(&b, "- **%s**: %s\n", act.label(), mdLiteral(actionMeanings[act]))
	}
	writeMarkdownLists(&b, r)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing Markdown: %w", err)
	}
	return nil
}

func writeActionMarkdownRows(b *strings.Builder, list []tokenAction) {
	header := make([]string, len(actionHeader))
	for i, h := range actionHeader {
		header[i] = h
		if len(h) > 2 { // ID stays ID
			header[i] = h[:1] + strings.ToLower(h[1:])
		}
	}
	fmt.Fprintf(b, "| %s |\n", strings.Join(header, " | "))
	fmt.Fprintf(b, "|%s\n", strings.Repeat(" --- |", len(header)))
	for _, a := range list {
		cells := actionCells(a)
		for i, cell := range cells {
			cells[i] = mdText(cell)
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
	}
}
