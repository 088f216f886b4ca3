package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// extensionFile is the name .load looks for: SQLite derives the entry point
// sqlite3_steampipesqlitevercel_init from it.
const extensionFile = "steampipe_sqlite_vercel.so"

// buildExtension builds the extension once per test binary, into a directory
// removed when the tests end (see TestMain).
var buildExtension = sync.OnceValues(func() (string, error) {
	if err := testapi.GoBuild(filepath.Join(buildDir, extensionFile), ".", "-buildmode=c-shared"); err != nil {
		return "", err
	}
	return buildDir, nil
})

var buildDir string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "steampipe-sqlite-vercel-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "create build directory:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	buildDir = dir
	return m.Run()
}

// shell runs the sqlite3 command-line shell with the extension loaded.
type shell struct {
	t   testing.TB
	dir string   // holds the extension; the shell's working directory
	env []string // besides a cleaned os.Environ
}

func newShell(t testing.TB, env ...string) *shell {
	t.Helper()
	requireSQLite3(t)
	dir, err := buildExtension()
	if err != nil {
		t.Fatal(err)
	}
	// The SDK deletes os.TempDir()/steampipe-plugin-vercel when a plugin
	// shuts down: every shell gets its own.
	return &shell{t: t, dir: dir, env: append([]string{"TMPDIR=" + t.TempDir()}, env...)}
}

// requireSQLite3 skips the test when the sqlite3 shell is missing, except
// in CI: CI installs it, so there a missing shell is a broken setup step.
func requireSQLite3(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("sqlite3"); err == nil {
		return
	}
	const missing = "sqlite3 is not installed (apt-get install sqlite3 libsqlite3-dev)"
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatal(missing + "; CI must install it to run the extension's end-to-end tests")
	}
	t.Skip(missing + "; skipping the extension's end-to-end tests")
}

// run feeds script to a new shell after loading the extension and returns
// what the shell printed.
func (s *shell) run(script string) (stdout, stderr string) {
	s.t.Helper()
	cmd := exec.Command("sqlite3", "-batch")
	cmd.Dir = s.dir
	cmd.Env = append(environWithout("VERCEL_", "STEAMPIPE_", "SP_LOG", "TMPDIR="), s.env...)
	cmd.Stdin = strings.NewReader(".load ./steampipe_sqlite_vercel\n" + script)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		s.t.Logf("sqlite3 exited: %v", err)
	}
	return out.String(), errOut.String()
}

// query runs one SELECT in JSON mode after the configuration statements and
// decodes its rows. Anything on stderr fails the test: the happy path must
// leave the terminal clean.
func (s *shell) query(setup, sql string) []map[string]any {
	s.t.Helper()
	stdout, stderr := s.run(quietly(setup) + ".mode json\n" + sql + ";\n")
	if stderr != "" {
		s.t.Fatalf("%s\nstderr: %s", sql, stderr)
	}
	var rows []map[string]any
	if strings.TrimSpace(stdout) == "" {
		return rows // JSON mode prints nothing for no rows
	}
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		s.t.Fatalf("%s: decode the shell's JSON output: %v\n%s", sql, err, stdout)
	}
	return rows
}

// quietly runs statements with their result rows discarded.
func quietly(statements string) string {
	if statements == "" {
		return ""
	}
	return ".output /dev/null\n" + statements + "\n.output\n"
}

// configureCall is the call that points the plugin at the emulator.
func configureCall(hcl string) string {
	return "select steampipe_configure_vercel(" + sqlString(hcl) + ");"
}

func sqlString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func environWithout(prefixes ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		keep := true
		for _, p := range prefixes {
			if strings.HasPrefix(kv, p) {
				keep = false
			}
		}
		if keep {
			env = append(env, kv)
		}
	}
	return env
}
