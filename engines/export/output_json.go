package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/render"
)

// jsonObject renders a row as one JSON object with the columns in order.
// Timestamps become display.Timestamp strings and JSON columns nest as JSON.
type jsonObject struct {
	columns []string
}

func (o jsonObject) append(buf *bytes.Buffer, values []any) error {
	buf.WriteByte('{')
	for i, column := range o.columns {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := appendJSON(buf, column); err != nil {
			return err
		}
		buf.WriteByte(':')
		if err := appendJSON(buf, render.JSON(values[i])); err != nil {
			return fmt.Errorf("column %s: %w", column, err)
		}
	}
	buf.WriteByte('}')
	return nil
}

// appendJSON encodes v without HTML escaping, so URLs stay readable.
func appendJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode ends with a newline
	return nil
}

// jsonLinesWriter writes one object per line.
type jsonLinesWriter struct {
	out    *bufio.Writer
	object jsonObject
	buf    bytes.Buffer
}

func newJSONLinesWriter(out *bufio.Writer, columns []string) *jsonLinesWriter {
	return &jsonLinesWriter{out: out, object: jsonObject{columns: columns}}
}

func (w *jsonLinesWriter) WriteRow(values []any) error {
	w.buf.Reset()
	if err := w.object.append(&w.buf, values); err != nil {
		return err
	}
	w.buf.WriteByte('\n')
	return writeAndFlush(w.out, w.buf.Bytes())
}

func (w *jsonLinesWriter) Close() error { return w.out.Flush() }

// jsonArrayWriter writes an array, one element per line, each element as
// soon as its row arrives.
type jsonArrayWriter struct {
	out    *bufio.Writer
	object jsonObject
	buf    bytes.Buffer
	rows   int
}

func newJSONArrayWriter(out *bufio.Writer, columns []string) *jsonArrayWriter {
	return &jsonArrayWriter{out: out, object: jsonObject{columns: columns}}
}

func (w *jsonArrayWriter) WriteRow(values []any) error {
	w.buf.Reset()
	if w.rows == 0 {
		w.buf.WriteString("[\n")
	} else {
		w.buf.WriteString(",\n")
	}
	if err := w.object.append(&w.buf, values); err != nil {
		return err
	}
	w.rows++
	return writeAndFlush(w.out, w.buf.Bytes())
}

func (w *jsonArrayWriter) Close() error {
	end := "\n]\n"
	if w.rows == 0 {
		end = "[]\n"
	}
	return writeAndFlush(w.out, []byte(end))
}

func writeAndFlush(out *bufio.Writer, data []byte) error {
	if _, err := out.Write(data); err != nil {
		return err
	}
	return out.Flush()
}
