package main

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// builtinControls are the benchmark's controls, one SQL file each. --controls
// DIR loads another set of files of the same form instead.
//
//go:embed controls/*.sql
var builtinControls embed.FS

// control is one check, defined by its SQL file: the header comments give
// the metadata, the query gives one row per token.
type control struct {
	ID          string
	Title       string
	Severity    severity
	Anchor      string
	Remediation string
	SQL         string
	// PerToken is set by "-- per-token: true": the query judges each token
	// by its own row (and its connection's teams, loaded before any token)
	// only, so it can run on each batch as tokens arrive.
	PerToken bool
}

// headerFields are the "-- key: value" lines every control file starts with.
var headerFields = []string{"title", "severity", "anchor", "remediation"}

// loadControls reads every *.sql file of dir ("" for the built-in set), in
// the order results are reported: by severity, then id.
func loadControls(dir string) ([]control, error) {
	files, root := fs.FS(builtinControls), "controls"
	if dir != "" {
		files, root = os.DirFS(dir), "."
	}
	names, err := fs.Glob(files, path.Join(root, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("listing controls: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no control files (*.sql) in %s", dir)
	}
	controls := make([]control, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, fmt.Errorf("reading control %s: %w", name, err)
		}
		c, err := parseControl(strings.TrimSuffix(path.Base(name), ".sql"), string(data))
		if err != nil {
			return nil, fmt.Errorf("control file %s: %w", name, err)
		}
		controls = append(controls, c)
	}
	slices.SortFunc(controls, func(a, b control) int {
		if d := a.Severity.rank() - b.Severity.rank(); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	return controls, nil
}

// parseControl reads a control file: its header, then its query.
func parseControl(id, text string) (control, error) {
	c := control{ID: id, SQL: inlineFunctions(text)}
	fields := map[string]string{}
	scanner := bufio.NewScanner(strings.NewReader(text))
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		rest, isComment := strings.CutPrefix(line, "--")
		if !isComment {
			break
		}
		key, value, found := strings.Cut(rest, ":")
		if found {
			fields[strings.TrimSpace(key)] = strings.TrimSpace(value)
		}
	}
	for _, key := range headerFields {
		if fields[key] == "" {
			return control{}, fmt.Errorf("missing header line \"-- %s: …\"", key)
		}
	}
	sev, err := parseSeverity(fields["severity"])
	if err != nil {
		return control{}, err
	}
	c.Title, c.Severity, c.Anchor, c.Remediation = fields["title"], sev, fields["anchor"], fields["remediation"]
	switch fields["per-token"] {
	case "", "false":
	case "true":
		c.PerToken = true
	default:
		return control{}, fmt.Errorf("\"-- per-token: %s\": want true or false", fields["per-token"])
	}
	return c, nil
}
