package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// control is one of the report's control files, in the form
// docs/compliance.md documents: "-- key: value" header lines, then a query.
type control struct {
	ID, Title, Severity, Anchor, Remediation string
	Query                                    string
}

// severities in the report's order, most severe first.
var severities = []string{"critical", "high", "medium", "low", "info"}

// readControls reads every *.sql file of dir, in the report's order: by
// severity, then id.
func readControls(dir string) ([]control, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no control files (*.sql) in %s", dir)
	}
	var controls []control
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("reading control: %w", err)
		}
		c, err := parseControl(strings.TrimSuffix(filepath.Base(p), ".sql"), string(data))
		if err != nil {
			return nil, fmt.Errorf("control file %s: %w", p, err)
		}
		controls = append(controls, c)
	}
	slices.SortFunc(controls, func(a, b control) int {
		if d := slices.Index(severities, a.Severity) - slices.Index(severities, b.Severity); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	return controls, nil
}

// parseControl splits a control file into its header fields and its query
// (without the trailing semicolon).
func parseControl(id, text string) (control, error) {
	fields := map[string]string{}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	body := 0
	for ; body < len(lines); body++ {
		rest, isComment := strings.CutPrefix(strings.TrimSpace(lines[body]), "--")
		if !isComment {
			break
		}
		if key, value, found := strings.Cut(rest, ":"); found {
			fields[strings.TrimSpace(key)] = strings.TrimSpace(value)
		}
	}
	for _, key := range []string{"title", "severity", "anchor", "remediation"} {
		if fields[key] == "" {
			return control{}, fmt.Errorf("missing header line \"-- %s: …\"", key)
		}
	}
	if !slices.Contains(severities, fields["severity"]) {
		return control{}, fmt.Errorf("severity %q, want one of %s", fields["severity"], strings.Join(severities, ", "))
	}
	query := strings.TrimSpace(strings.Join(lines[body:], "\n"))
	query = strings.TrimSpace(strings.TrimSuffix(query, ";"))
	if query == "" {
		return control{}, fmt.Errorf("no query after the header")
	}
	return control{
		ID: id, Title: fields["title"], Severity: fields["severity"],
		Anchor: fields["anchor"], Remediation: fields["remediation"], Query: query,
	}, nil
}
