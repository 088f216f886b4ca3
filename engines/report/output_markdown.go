package main

import (
	"fmt"
	"io"
	"strings"
)

// writeMarkdown writes the report for a ticket or a chat message: a
// summary, a table of findings and what to do for each control that alarms.
func writeMarkdown(w io.Writer, r *report, all bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Vercel token audit\n\n")
	fmt.Fprintf(&b, "Evaluated at %s over %s.\n\n", r.EvaluatedAt, mdText(connectionList(r)))
	fmt.Fprintf(&b, "**Results:** %s.\n\n", summary(r))
	fmt.Fprintln(&b, "| Severity | Status | Control | Connection | Token | Token ID | Reason | Note |")
	fmt.Fprintln(&b, "| --- | --- | --- | --- | --- | --- | --- | --- |")
	alarming := map[string]bool{}
	for _, res := range r.findings(all) {
		if res.open() {
			alarming[res.Control] = true
		}
		cells := []string{string(res.Severity), statusLabel(res), res.Control, res.Connection, tokenLabel(res), res.TokenID, res.Reason, note(res)}
		for i, cell := range cells {
			cells[i] = mdText(cell)
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	if len(alarming) > 0 {
		fmt.Fprintf(&b, "\n## What to do\n\n")
		for _, c := range r.controls {
			if alarming[c.ID] {
				fmt.Fprintf(&b, "- **%s** (%s, %s): %s\n", mdText(c.ID), mdText(c.Title), c.Severity, mdText(c.Remediation))
			}
		}
	}
	writeMarkdownLists(&b, r)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing Markdown: %w", err)
	}
	return nil
}

func writeMarkdownLists(b *strings.Builder, r *report) {
	if len(r.Resolved) > 0 {
		fmt.Fprintf(b, "\n## Resolved since the baseline\n\n")
		for _, res := range r.Resolved {
			fmt.Fprintf(b, "- %s: %s, %s (%s)\n", mdText(res.Control), mdText(res.Connection), mdText(tokenLabel(res)), mdText(res.TokenID))
		}
	}
	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(b, "\n## Exceptions that name no audited token\n\n")
		for _, e := range r.StaleExceptions {
			fmt.Fprintf(b, "- %s, %s (accepted by %s until %s): remove it from the exceptions file\n", mdText(e.TokenID), mdText(e.Control), mdText(e.AcceptedBy), mdText(e.Until))
		}
	}
}

// mdEscaper keeps text literal in Markdown: a token name cannot become a
// link, an image, emphasis, HTML or a new table cell.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "!", `\!`, "\r", " ", "\n", " ",
)

func mdText(s string) string { return mdEscaper.Replace(s) }
