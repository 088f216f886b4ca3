package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// writeJSON writes the whole report (schema in docs/compliance.md): the
// report's fields indented, and each result, resolved finding and stale
// exception on a line of its own, which keeps a large report quick to
// write and easy to grep and diff.
func writeJSON(w io.Writer, r *report) error {
	head, err := marshal(r.reportHead)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, head, "", "  "); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	// Reopen the head's object to append the lists.
	buf.Truncate(bytes.LastIndexByte(buf.Bytes(), '}'))
	buf.Truncate(len(bytes.TrimRight(buf.Bytes(), "\n")))
	if err := writeList(&buf, "results", r.Results, true); err != nil {
		return err
	}
	if err := writeList(&buf, "resolved", r.Resolved, false); err != nil {
		return err
	}
	if err := writeList(&buf, "stale_exceptions", r.StaleExceptions, false); err != nil {
		return err
	}
	buf.WriteString("\n}\n")
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}

// writeList appends `,\n  "name": [` and one item a line.
func writeList[T any](buf *bytes.Buffer, name string, items []T, always bool) error {
	if len(items) == 0 && !always {
		return nil
	}
	fmt.Fprintf(buf, ",\n  %q: [", name)
	for i, item := range items {
		line, err := marshal(item)
		if err != nil {
			return err
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(items) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteByte(']')
	return nil
}

// marshal is json.Marshal without HTML escaping.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("writing JSON: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
