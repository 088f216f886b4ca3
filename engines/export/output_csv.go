package main

import (
	"bufio"
	"encoding/csv"
	"fmt"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/render"
)

// csvWriter writes a header row, then one record per row.
type csvWriter struct {
	out *bufio.Writer
	csv *csv.Writer
}

func newCSVWriter(out *bufio.Writer, columns []string) (*csvWriter, error) {
	w := &csvWriter{out: out, csv: csv.NewWriter(out)}
	if err := w.write(columns); err != nil {
		return nil, fmt.Errorf("writing the CSV header: %w", err)
	}
	return w, nil
}

func (w *csvWriter) WriteRow(values []any) error {
	record := make([]string, len(values))
	for i, v := range values {
		text, err := render.CSV(v)
		if err != nil {
			return err
		}
		record[i] = text
	}
	return w.write(record)
}

func (w *csvWriter) write(record []string) error {
	if err := w.csv.Write(record); err != nil {
		return err
	}
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		return err
	}
	return w.out.Flush()
}

func (w *csvWriter) Close() error { return w.out.Flush() }
