// Package controls is the token benchmark: its controls (one SQL file each,
// embedded), their severities and statuses, the variables they read, and
// the helper functions their SQL calls, defined once for SQLite and
// PostgreSQL. The report (engines/report) runs the controls in SQLite; the
// Powerpipe mod's generator (powerpipe/generate) writes them for
// PostgreSQL. docs/compliance.md documents them.
package controls

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// builtin are the benchmark's control files.
//
//go:embed *.sql
var builtin embed.FS

// Control is one check, defined by its SQL file: "-- key: value" header
// lines give the metadata, the query that follows gives one row per token.
type Control struct {
	ID          string
	Title       string
	Severity    Severity
	Anchor      string
	Remediation string
	// Query is the file's query, without its header and final semicolon,
	// in the controls' own dialect: SQLite's, with the helper functions
	// and :name parameters (see Rewrite).
	Query string
}

// Columns are what a control's query returns, by name, for every token.
var Columns = []string{"connection", "token_id", "name", "prefix", "suffix", "status", "reason", "risk"}

// headerFields are the header lines every control file has.
var headerFields = []string{"title", "severity", "anchor", "remediation"}

// Load reads every *.sql file of dir, or the built-in controls when dir is
// "", in report order: by severity, then id.
func Load(dir string) ([]Control, error) {
	files := fs.FS(builtin)
	if dir != "" {
		files = os.DirFS(dir)
	}
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("listing controls: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no control files (*.sql) in %s", dir)
	}
	controls := make([]Control, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, fmt.Errorf("reading control %s: %w", name, err)
		}
		c, err := Parse(strings.TrimSuffix(path.Base(name), ".sql"), string(data))
		if err == nil {
			_, err = Rewrite(c.Query, SQLite, nil)
		}
		if err != nil {
			return nil, fmt.Errorf("control file %s: %w", name, err)
		}
		controls = append(controls, c)
	}
	slices.SortFunc(controls, func(a, b Control) int {
		if d := a.Severity.Rank() - b.Severity.Rank(); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	return controls, nil
}

// Parse reads a control file: its header, then its query.
func Parse(id, text string) (Control, error) {
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
	for _, key := range headerFields {
		if fields[key] == "" {
			return Control{}, fmt.Errorf("missing header line \"-- %s: …\"", key)
		}
	}
	sev, err := ParseSeverity(fields["severity"])
	if err != nil {
		return Control{}, err
	}
	query := strings.TrimSpace(strings.Join(lines[body:], "\n"))
	query = strings.TrimSpace(strings.TrimSuffix(query, ";"))
	if query == "" {
		return Control{}, errors.New("no query after the header")
	}
	return Control{
		ID: id, Title: fields["title"], Severity: sev,
		Anchor: fields["anchor"], Remediation: fields["remediation"], Query: query,
	}, nil
}
