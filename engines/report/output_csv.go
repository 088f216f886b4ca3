package main

import (
	"encoding/csv"
	"fmt"
	"io"
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
	out := csv.NewWriter(w)
	if err := out.Write(csvHeader); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	for _, res := range r.Results {
		var exc appliedException
		if res.Exception != nil {
			exc = *res.Exception
		}
		line := []string{
			res.Control, string(res.Severity), res.Status, res.Connection, res.TokenID, res.Name,
			deref(res.Prefix), deref(res.Suffix), res.Reason, res.Remediation,
			strconv.FormatBool(res.accepted()), exc.Reason, exc.AcceptedBy, exc.Until,
			strconv.FormatBool(res.Exception != nil && exc.Expired), res.Baseline,
		}
		for i, cell := range line {
			line[i] = display.CSVCell(display.Terminal(cell))
		}
		if err := out.Write(line); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}
