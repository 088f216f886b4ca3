package main

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strconv"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

var csvHeader = []string{
	"control", "severity", "status", "connection", "token_id", "name", "prefix", "suffix",
	"reason", "remediation", "accepted", "exception_reason", "accepted_by", "accepted_until", "exception_expired", "baseline",
}

// writeCSV writes one line per result, every result, with cells a
// spreadsheet cannot take for formulas and control characters shown as
// escapes, as in the other formats.
func writeCSV(w io.Writer, r *report) error {
	var readErr error
	err := writeCSVLines(w, csvHeader, func(yield func([]string) bool) {
		for res, err := range r.results() {
			if err != nil {
				readErr = err
				return
			}
			var exc appliedException
			if res.Exception != nil {
				exc = *res.Exception
			}
			if !yield([]string{
				res.Control, string(res.Severity), res.Status, res.Connection, res.TokenID, res.Name,
				deref(res.Prefix), deref(res.Suffix), res.Reason, res.Remediation,
				strconv.FormatBool(res.accepted()), exc.Reason, exc.AcceptedBy, exc.Until,
				strconv.FormatBool(res.Exception != nil && exc.Expired), res.Baseline,
			}) {
				return
			}
		}
	})
	return cmp.Or(readErr, err)
}

// writeCSVLines writes header and lines, each cell with control characters
// shown as escapes and neutralised for spreadsheets.
func writeCSVLines(w io.Writer, header []string, lines iter.Seq[[]string]) error {
	out := csv.NewWriter(w)
	if err := out.Write(header); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	var err error
	for line := range lines {
		for i, cell := range line {
			line[i] = display.CSVCell(display.Terminal(cell))
		}
		if err = out.Write(line); err != nil {
			break
		}
	}
	out.Flush()
	if err = cmp.Or(err, out.Error()); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}
