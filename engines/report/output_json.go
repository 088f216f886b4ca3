package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
)

// writeJSON writes the whole report (schema in docs/compliance.md): the
// report's fields indented, then each action, result, resolved finding and
// stale exception on a line of its own, easy to grep and diff, encoded one at a
// time as they are read.
func writeJSON(w io.Writer, r *report) error {
	var head bytes.Buffer
	enc := newEncoder(&head)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r.reportHead); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	// Reopen the head's object to append the lists.
	if _, err := w.Write(bytes.TrimSuffix(head.Bytes(), []byte("\n}\n"))); err != nil {
		return err
	}
	if err := writeList(w, "actions", listOf(r.Actions)); err != nil {
		return err
	}
	if err := writeList(w, "results", r.results()); err != nil {
		return err
	}
	if err := writeList(w, "resolved", listOf(r.Resolved)); err != nil {
		return err
	}
	if err := writeList(w, "stale_exceptions", listOf(r.StaleExceptions)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n}\n")
	return err
}

// writeList writes `,\n  "name": [`, one item a line, and the list's end:
// an empty list is [], never left out or null.
func writeList[T any](w io.Writer, name string, items iter.Seq2[T, error]) error {
	if _, err := fmt.Fprintf(w, ",\n  %q: [", name); err != nil {
		return err
	}
	var line bytes.Buffer
	enc := newEncoder(&line)
	start := "\n    "
	for item, err := range items {
		if err != nil {
			return err
		}
		line.Reset()
		line.WriteString(start)
		if err := enc.Encode(item); err != nil {
			return fmt.Errorf("writing JSON: %w", err)
		}
		if _, err := w.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		start = ",\n    "
	}
	end := "]"
	if start != "\n    " {
		end = "\n  ]"
	}
	_, err := io.WriteString(w, end)
	return err
}

// listOf ranges over a list that cannot fail.
func listOf[T any](items []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, item := range items {
			if !yield(item, nil) {
				return
			}
		}
	}
}

// newEncoder writes JSON without HTML escaping.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
