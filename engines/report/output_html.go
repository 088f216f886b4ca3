package main

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is one self-contained page: inline style and script, no
// external assets.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"label":  statusLabel,
	"note":   note,
	"token":  tokenLabel,
	"rank":   func(s severity) int { return s.rank() },
	"conns":  connectionList,
	"counts": summary,
}).Parse(htmlSource))

// writeHTML writes the report as one HTML file whose table sorts by any
// column when its heading is clicked (severity by rank, not by name).
func writeHTML(w io.Writer, r *report, all bool) error {
	data := struct {
		R     *report
		Shown []result
	}{r, r.findings(all)}
	if err := htmlTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("writing HTML: %w", err)
	}
	return nil
}
