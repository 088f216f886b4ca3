package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
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
	shown, err := r.findings(all)
	if err != nil {
		return err
	}
	for _, res := range shown {
		if res.open() {
			alarming[res.Control] = true
		}
		cells := findingCells(res)
		for i, cell := range cells {
			cells[i] = mdText(cell)
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	if len(alarming) > 0 {
		fmt.Fprintf(&b, "\n## What to do\n\n")
		for _, c := range r.controls {
			if alarming[c.ID] {
				fmt.Fprintf(&b, "- **%s** (%s, %s): %s\n", mdText(c.ID), mdLiteral(c.Title), c.Severity, mdLiteral(c.Remediation))
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
			fmt.Fprintf(b, "- %s: %s, %s (%s)\n", mdText(clip(res.Control, maxShownName)), mdText(clip(res.Connection, maxShownName)), mdText(tokenLabel(res)), mdText(clip(res.TokenID, maxShownName)))
		}
	}
	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(b, "\n## Exceptions that name no audited token\n\n")
		for _, e := range r.StaleExceptions {
			fmt.Fprintf(b, "- %s, %s (accepted by %s until %s): remove it from the exceptions file\n",
				mdText(clip(e.TokenID, maxShownName)), mdText(e.Control), mdText(clip(e.AcceptedBy, maxShownName)), mdText(e.Until))
		}
	}
}

// mdEscaper keeps text literal in Markdown: it cannot become a link, an
// image, emphasis, a strike-through, math, an HTML tag or entity, or a new
// table cell. Control characters are already escaped (display.Terminal), so
// no line break is left.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "!", `\!`, "~", `\~`, "$", `\$`,
)

// zeroWidthSpace breaks what GitHub turns into a mention, a link or an
// emoji after rendering the Markdown, where escapes no longer count.
const zeroWidthSpace = "\u200b"

// githubTriggers are where GitHub's own features start: @mentions (and
// e-mail links), the colon of a link's scheme (https://) or of an emoji
// (:warning:), and a bare www. link. Each is broken after its first
// character (an ASCII one).
var githubTriggers = regexp.MustCompile(`@|:[^\s]|(?i:www)\.`)

// mdLiteral is our own text (a control's title or remediation), made
// literal Markdown.
func mdLiteral(s string) string { return mdEscaper.Replace(display.Terminal(s)) }

// mdText is text from the API or a file (a token's name, a reason quoting
// it, an exception's fields) made literal Markdown that GitHub renders as
// it is: no mention, no link, no emoji.
func mdText(s string) string {
	return githubTriggers.ReplaceAllStringFunc(mdLiteral(s), func(trigger string) string {
		return trigger[:1] + zeroWidthSpace + trigger[1:]
	})
}
