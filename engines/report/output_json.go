package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// writeJSON writes the whole report; docs/compliance.md documents its
// schema.
func writeJSON(w io.Writer, r *report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}
