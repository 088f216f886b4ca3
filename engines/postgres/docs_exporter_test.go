package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// exportable matches the queries the exporter may run itself: columns of one
// table, at most one column = 'value' (the exporter takes key columns only,
// and says so with its usage status), at most a LIMIT; nothing to sort,
// compute or join.
var exportable = regexp.MustCompile(`(?is)^select\s+([a-z_]+(?:\s*,\s*[a-z_]+)*)\s+from\s+([a-z_]+)(?:\s+where\s+([a-z_]+)\s*=\s*'([^']*)')?(?:\s+limit\s+(\d+))?$`)

// exporter runs the export command.
type exporter struct {
	binary, hcl string
}

func newExporter(t *testing.T, hcl string) *exporter {
	t.Helper()
	binary := filepath.Join(t.TempDir(), "steampipe_export_vercel")
	require.NoError(t, testapi.GoBuild(binary, "../export"))
	return &exporter{binary: binary, hcl: hcl}
}

// args are the export's arguments for sql, or false when the exporter
// cannot run it.
func exportArgs(sql string) ([]string, bool) {
	m := exportable.FindStringSubmatch(strings.TrimSpace(sql))
	if m == nil {
		return nil, false
	}
	columns := strings.Join(strings.Fields(strings.ReplaceAll(m[1], ",", " ")), ",")
	args := []string{m[2], "--select", columns, "--output", "json"}
	if m[3] != "" {
		args = append(args, "--where", m[3]+" = '"+m[4]+"'")
	}
	if m[5] != "" {
		args = append(args, "--limit", m[5])
	}
	return args, true
}

// query runs the export; ok is false when the exporter refuses the query as
// one it cannot run (its usage status: a --where on a column that is no key).
func (e *exporter) query(t *testing.T, args []string) (rows []map[string]any, ok bool) {
	t.Helper()
	cmd := exec.Command(e.binary, append(args, "--config", e.hcl)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + t.TempDir()}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == cli.ExitUsage && slices.Contains(args, "--where") {
		return nil, false
	}
	require.NoError(t, err, "export %v: %s", args, errOut.String())
	require.NoError(t, json.Unmarshal(out.Bytes(), &rows))
	return rows, true
}
