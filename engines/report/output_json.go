package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
)

// renderJSON renders the whole report (schema in docs/compliance.md): the
// report's fields indented, and each result, resolved finding and stale
// exception on a line of its own, which keeps a large report quick to
// write and easy to grep and diff. Results the run encoded as it collected
// them are referred to, not copied.
func renderJSON(r *report) (rendered, error) {
	head, err := marshal(r.reportHead)
	if err != nil {
		return nil, err
	}
	out := &jsonParts{buf: &bytes.Buffer{}}
	if err := json.Indent(out.buf, head, "", "  "); err != nil {
		return nil, fmt.Errorf("writing JSON: %w", err)
	}
	// Reopen the head's object to append the lists.
	out.buf.Truncate(bytes.LastIndexByte(out.buf.Bytes(), '}'))
	out.buf.Truncate(len(bytes.TrimRight(out.buf.Bytes(), "\n")))
	if err := writeList(out, "actions", r.Actions, encodeInChunks(anyItem[tokenAction])); err != nil {
		return nil, err
	}
	encodeResults := encodeInChunks(func() itemEncoder[result] { return newResultEncoder().encode })
	results := encodeResults
	if !slices.ContainsFunc(r.Results, func(r result) bool { return r.encoded == nil }) {
		results = referToEncoded
	}
	if err := writeList(out, "results", r.Results, results); err != nil {
		return nil, err
	}
	if err := writeList(out, "resolved", r.Resolved, encodeResults); err != nil {
		return nil, err
	}
	if err := writeList(out, "stale_exceptions", r.StaleExceptions, encodeInChunks(anyItem[exception])); err != nil {
		return nil, err
	}
	out.buf.WriteString("\n}\n")
	return out.done(), nil
}

// jsonParts is the JSON report being rendered: what is written to buf, and
// lines referred to as they are.
type jsonParts struct {
	parts rendered
	buf   *bytes.Buffer
}

// refer adds part after what buf holds so far.
func (p *jsonParts) refer(part []byte) {
	p.flush()
	p.parts = append(p.parts, part)
}

// flush makes what buf holds a part of its own.
func (p *jsonParts) flush() {
	if p.buf.Len() > 0 {
		p.parts = append(p.parts, p.buf.Bytes())
		p.buf = &bytes.Buffer{}
	}
}

func (p *jsonParts) done() rendered {
	p.flush()
	return p.parts
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

// writeList adds `,\n  "name": [`, one item a line written by lines, and
// the list's end: an empty list is [], never left out or null.
func writeList[T any](out *jsonParts, name string, items []T, lines func(*jsonParts, []T) error) error {
	fmt.Fprintf(out.buf, ",\n  %q: [", name)
	if err := lines(out, items); err != nil {
		return err
	}
	if len(items) > 0 {
		out.buf.WriteString("\n  ")
	}
	out.buf.WriteByte(']')
	return nil
}

// Line starts in a JSON list.
var (
	firstLine = []byte("\n    ")
	nextLine  = []byte(",\n    ")
)

// referToEncoded adds each result's kept line.
func referToEncoded(out *jsonParts, results []result) error {
	out.parts = slices.Grow(out.parts, 2*len(results)+1)
	for i := range results {
		if i == 0 {
			out.refer(firstLine)
		} else {
			out.refer(nextLine)
		}
		out.refer(results[i].encoded)
	}
	return nil
}

// encodeInChunks returns lines that encode a long list in chunks, one per
// CPU, concurrently, each with an encoder of its own from newEncoder; the
// first chunk goes straight into the output.
func encodeInChunks[T any](newEncoder func() itemEncoder[T]) func(*jsonParts, []T) error {
	return func(out *jsonParts, items []T) error {
		chunks := min(runtime.NumCPU(), len(items)/1000+1)
		size := (len(items) + chunks - 1) / chunks
		chunk := func(c int) []T { return items[min(c*size, len(items)):min((c+1)*size, len(items))] }
		later := make([]bytes.Buffer, chunks-1)
		errs := make([]error, chunks)
		var wg sync.WaitGroup
		for c := 1; c < chunks; c++ {
			wg.Go(func() { errs[c] = encodeLines(&later[c-1], chunk(c), false, newEncoder()) })
		}
		errs[0] = encodeLines(out.buf, chunk(0), true, newEncoder())
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
		for c := range later {
			out.refer(later[c].Bytes())
		}
		return nil
	}
}

// encodeLines writes each item on a line of its own, after a comma unless
// it is the list's first.
func encodeLines[T any](buf *bytes.Buffer, items []T, first bool, encode itemEncoder[T]) error {
	start := buf.Len()
	for i := range items {
		if i > 0 || !first {
			buf.Write(nextLine)
		} else {
			buf.Write(firstLine)
		}
		if err := encode(buf, &items[i]); err != nil {
			return err
		}
		if i == 0 {
			// Grow once, from the first line's length, not by doubling.
			buf.Grow((buf.Len() - start) * (len(items) - 1) * 5 / 4)
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
