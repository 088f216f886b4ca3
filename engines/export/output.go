package main

import (
	"bufio"
	"fmt"
	"io"
)

// rowWriter writes rows in one output format. Each row reaches the
// underlying writer before WriteRow returns, so output streams.
type rowWriter interface {
	WriteRow(values []any) error
	// Close ends the output (e.g. closes the JSON array). It is not called
	// when the export fails, so a truncated document stays visibly so.
	Close() error
}

// outputFormats are the formats newRowWriter knows.
func outputFormats() []string { return []string{"csv", "json", "jsonl"} }

// newRowWriter returns the writer for format, writing columns (in order)
// to w.
func newRowWriter(format string, w io.Writer, columns []string) (rowWriter, error) {
	out := bufio.NewWriter(w)
	switch format {
	case "csv":
		return newCSVWriter(out, columns)
	case "json":
		return newJSONArrayWriter(out, columns), nil
	case "jsonl":
		return newJSONLinesWriter(out, columns), nil
	default:
		return nil, fmt.Errorf("unknown output format %q", format)
	}
}
