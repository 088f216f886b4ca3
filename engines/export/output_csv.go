package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
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
		text, err := csvText(v)
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

// csvText renders a value: NULL as an empty field, timestamps as
// display.Timestamp, JSON as compact JSON text, and text neutralised for
// spreadsheets (display.CSVCell: a name like =HYPERLINK(…) is not run).
func csvText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return display.CSVCell(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case time.Time:
		return display.Timestamp(v), nil
	case json.RawMessage:
		var compact bytes.Buffer
		if err := json.Compact(&compact, v); err != nil {
			return "", fmt.Errorf("the plugin returned invalid JSON: %w", err)
		}
		return compact.String(), nil
	default:
		return fmt.Sprint(v), nil
	}
}
