package main

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is one self-contained page: inline style and script, no
// external assets.
// Text from the API or a file is clipped and its control characters and
// bidirectional overrides shown as escapes, as on a terminal: html/template
// escapes markup, not those.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"label":    statusLabel,
	"name":     func(s string) string { return display.Terminal(clip(s, maxShownName)) },
	"sentence": func(s string) string { return display.Terminal(clip(s, maxShownSentence)) },
	"note":     func(r result) string { return display.Terminal(clip(note(r), maxShownSentence)) },
	"token":    func(r result) string { return display.Terminal(tokenLabel(r)) },
	"rank":     func(s severity) int { return s.Rank() },
	"conns":    func(r *report) string { return display.Terminal(connectionList(r)) },
	"counts":   summary,
}).Parse(htmlSource))

// writeHTML writes the report as one HTML file whose table sorts by any
// column when its heading is clicked (severity by rank, not by name).
func writeHTML(w io.Writer, r *report, all bool) error {
	shown, err := r.findings(all)
	if err != nil {
		return err
	}
	data := struct {
		R     *report
		Shown []result
	}{r, shown}
	if err := htmlTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("writing HTML: %w", err)
	}
	return nil
}
