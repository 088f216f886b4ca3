package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// writeJSON writes the whole report (schema in docs/compliance.md): the
// report's fields indented, and each result, resolved finding and stale
// exception on a line of its own, which keeps a large report quick to
// write and easy to grep and diff.
func writeJSON(buf *bytes.Buffer, r *report) error {
	head, err := marshal(r.reportHead)
	if err != nil {
		return err
	}
	if err := json.Indent(buf, head, "", "  "); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	// Reopen the head's object to append the lists.
	buf.Truncate(bytes.LastIndexByte(buf.Bytes(), '}'))
	buf.Truncate(len(bytes.TrimRight(buf.Bytes(), "\n")))
	results := func() itemEncoder[result] { return newResultEncoder().encode }
	if err := writeList(buf, "results", r.Results, true, results); err != nil {
		return err
	}
	if err := writeList(buf, "resolved", r.Resolved, false, results); err != nil {
		return err
	}
	if err := writeList(buf, "stale_exceptions", r.StaleExceptions, false, anyItem[exception]); err != nil {
		return err
	}
	buf.WriteString("\n}\n")
	return nil
}

// itemEncoder appends one item's JSON to buf.
type itemEncoder[T any] func(buf *bytes.Buffer, item *T) error

// anyItem encodes any item through encoding/json.
func anyItem[T any]() itemEncoder[T] {
	return func(buf *bytes.Buffer, item *T) error {
		encoded, err := marshal(item)
		buf.Write(encoded)
		return err
	}
}

// writeList appends `,\n  "name": [` and one item a line. Long lists are
// encoded in chunks, one per CPU, concurrently, each with an encoder of its
// own from newEncoder.
func writeList[T any](buf *bytes.Buffer, name string, items []T, always bool, newEncoder func() itemEncoder[T]) error {
	if len(items) == 0 && !always {
		return nil
	}
	fmt.Fprintf(buf, ",\n  %q: [", name)
	chunks := make([]bytes.Buffer, min(runtime.NumCPU(), len(items)/1000+1))
	size := (len(items) + len(chunks) - 1) / len(chunks)
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	for c := range chunks {
		wg.Go(func() {
			first := c * size
			errs[c] = encodeLines(&chunks[c], items[first:min(first+size, len(items))], first == 0, newEncoder())
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	total := 0
	for c := range chunks {
		total += chunks[c].Len()
	}
	buf.Grow(total + 8)
	for c := range chunks {
		chunks[c].WriteTo(buf) //nolint:errcheck // a bytes.Buffer does not fail
	}
	if len(items) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteByte(']')
	return nil
}

// encodeLines writes each item on a line of its own, after a comma unless
// it is the list's first.
func encodeLines[T any](buf *bytes.Buffer, items []T, first bool, encode itemEncoder[T]) error {
	for i := range items {
		if i > 0 || !first {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		if err := encode(buf, &items[i]); err != nil {
			return err
		}
		if i == 0 {
			// Grow once, from the first line's length, not by doubling.
			buf.Grow(buf.Len() * (len(items) - 1) * 5 / 4)
		}
	}
	return nil
}

// marshal is json.Marshal without HTML escaping.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := newEncoder(&buf).Encode(v); err != nil {
		return nil, fmt.Errorf("writing JSON: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// newEncoder writes JSON without HTML escaping.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
