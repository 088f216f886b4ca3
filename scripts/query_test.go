// Package scripts holds the tests of the shell scripts the Makefile runs.
package scripts

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

const fixtureSize = 7

// awkwardSQL holds everything make's quoting used to mangle: double and
// single quotes, $ (make and shell variables) and line breaks.
const awkwardSQL = `select 'say "hi" for $HOME and $(X) and $$, it''s' as text,
  count(*) as n
from vercel_user_token`

const awkwardText = `say "hi" for $HOME and $(X) and $$, it's`

// built holds the SQLite extension and termsafe, built once per test binary.
var built = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "make-query-test-")
	if err != nil {
		return "", err
	}
	if err := testapi.GoBuild(filepath.Join(dir, "steampipe_sqlite_vercel.so"), "../engines/sqlite", "-buildmode=c-shared"); err != nil {
		return "", err
	}
	if err := testapi.GoBuild(filepath.Join(dir, "termsafe"), "./termsafe"); err != nil {
		return "", err
	}
	return dir, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := built(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// makeQuery runs `make query` in the repository with the prebuilt
// extension and filter (GO=true turns make's go builds into no-ops), the
// given variables on make's command line and stdin.
func makeQuery(t *testing.T, api *testapi.API, stdin *os.File, env []string, vars ...string) (stdout, stderr string, err error) {
	t.Helper()
	_, err = exec.LookPath("sqlite3")
	require.NoError(t, err, "sqlite3 is not installed: run make deps")
	dir, err := built()
	require.NoError(t, err)
	args := append([]string{"-s", "-C", "..", "query", "GO=true",
		"SQLITE_EXT=" + filepath.Join(dir, "steampipe_sqlite_vercel.so"),
		"TERMSAFE=" + filepath.Join(dir, "termsafe")}, vars...)
	cmd := exec.Command("make", args...)
	cmd.Env = append(cleanEnv(), "TMPDIR="+t.TempDir(),
		"VERCEL_API_TOKEN="+api.Secret, "VERCEL_BASE_URL="+api.URL)
	cmd.Env = append(cmd.Env, env...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// cleanEnv is the test's environment minus what would steer make or the
// plugin: an outer make's flags, and the variables make query reads.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "MAKEFLAGS", name == "MFLAGS", name == "MAKELEVEL",
			name == "SQL", name == "SQL_FILE", strings.HasPrefix(name, "VERCEL_"):
			continue
		}
		env = append(env, kv)
	}
	return env
}

func sqlFile(t *testing.T, sql string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.sql")
	require.NoError(t, os.WriteFile(path, []byte(sql), 0o600))
	return path
}

func open(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// assertAwkwardResult runs makeQuery, which is to run awkwardSQL.
func assertAwkwardResult(t *testing.T, api *testapi.API, stdin *os.File, env []string, vars ...string) {
	t.Helper()
	stdout, stderr, err := makeQuery(t, api, stdin, env, vars...)
	require.NoError(t, err, "stderr: %s", stderr)
	assert.Contains(t, stdout, "│ "+awkwardText+" │", "the SQL reached sqlite3 as typed")
	assert.Regexp(t, fmt.Sprintf(`│ %d +│`, fixtureSize), stdout)
}

func TestMakeQueryTakesSQLAsTyped(t *testing.T) {
	api := testapi.Start(t, emulator.GenerateFixture(fixtureSize, 3))
	path := sqlFile(t, awkwardSQL)

	t.Run("SQL on make's command line", func(t *testing.T) {
		assertAwkwardResult(t, api, nil, nil, "SQL="+awkwardSQL)
	})
	t.Run("SQL in the environment", func(t *testing.T) {
		assertAwkwardResult(t, api, nil, []string{"SQL=" + awkwardSQL})
	})
	t.Run("SQL_FILE", func(t *testing.T) {
		assertAwkwardResult(t, api, nil, nil, "SQL_FILE="+path)
	})
	t.Run("standard input", func(t *testing.T) {
		assertAwkwardResult(t, api, open(t, path), nil)
	})
	t.Run("SQL_FILE=-", func(t *testing.T) {
		assertAwkwardResult(t, api, open(t, path), []string{"SQL_FILE=-"})
	})
	t.Run("no SQL lists every token", func(t *testing.T) {
		stdout, stderr, err := makeQuery(t, api, open(t, os.DevNull), nil)
		require.NoError(t, err, "stderr: %s", stderr)
		assert.Contains(t, stdout, "scope_types")
		assert.Equal(t, fixtureSize+4, strings.Count(stdout, "\n"), "a header, three rules and a line per token:\n%s", stdout)
	})
}

func TestMakeQueryFailsClearly(t *testing.T) {
	api := testapi.Start(t, emulator.GenerateFixture(fixtureSize, 3))

	_, stderr, err := makeQuery(t, api, nil, nil, "SQL=select nope from vercel_user_token")
	require.Error(t, err)
	assert.Contains(t, stderr, "no such column: nope")

	_, stderr, err = makeQuery(t, api, nil, nil, "SQL_FILE="+filepath.Join(t.TempDir(), "missing.sql"))
	require.Error(t, err)
	assert.Contains(t, stderr, "missing.sql: no such readable file")

	_, stderr, err = makeQuery(t, api, nil, nil, "SQL_FILE="+sqlFile(t, " \n"))
	require.Error(t, err)
	assert.Contains(t, stderr, "holds no SQL")
}

// sqlite3's box mode breaks a cell's line at C0 controls such as ESC; C1
// controls (U+009B is CSI) and bidi overrides pass it untouched, and its
// error messages print everything raw.
func TestMakeQueryShowsControlCharactersAsEscapes(t *testing.T) {
	f := emulator.GenerateFixture(fixtureSize, 3)
	renameToken(t, f, 0, "\x1b[31mred\u009b2J\u202eevil")
	api := testapi.Start(t, f)

	stdout, stderr, err := makeQuery(t, api, nil, nil, "SQL=select name from vercel_user_token")
	require.NoError(t, err, "stderr: %s", stderr)
	assert.Contains(t, stdout, `red\x9b2J\u202eevil`)
	assert.False(t, strings.ContainsAny(stdout, "\x1b\u009b\u202e"), "a control character reached the terminal raw")

	_, stderr, err = makeQuery(t, api, nil, nil, "SQL=select * from \"\x1b[2Jnope\"")
	require.Error(t, err)
	assert.Contains(t, stderr, `no such table: \x1b[2Jnope`, "errors are filtered too")
	assert.False(t, strings.Contains(stderr, "\x1b"), "a control character reached the terminal raw")
}

func renameToken(t *testing.T, f *emulator.Fixture, i int, name string) {
	t.Helper()
	var token map[string]any
	require.NoError(t, json.Unmarshal(f.Tokens[i], &token))
	token["name"] = name
	raw, err := json.Marshal(token)
	require.NoError(t, err)
	f.Tokens[i] = raw
}

// TestMakeEmulatorPrintsWhatToExport runs make emulator as a user would and
// make query with exactly the lines it prints.
func TestMakeEmulatorPrintsWhatToExport(t *testing.T) {
	cmd := exec.Command("make", "-s", "-C", "..", "emulator", "ADDR=127.0.0.1:0")
	cmd.Env = append(cleanEnv(), "TMPDIR="+t.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr testapi.SyncBuffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
		_ = cmd.Wait()
	})

	// The lines up to "make query", read aside so a make emulator that
	// never prints them fails the test instead of hanging it.
	printed := make(chan map[string]string, 1)
	go func() {
		exports := map[string]string{}
		exportLine := regexp.MustCompile(`^export (VERCEL_[A-Z_]+)=(\S+)$`)
		lines := bufio.NewScanner(stdout)
		for lines.Scan() && lines.Text() != "make query" {
			if m := exportLine.FindStringSubmatch(lines.Text()); m != nil {
				exports[m[1]] = m[2]
			}
		}
		printed <- exports
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var exports map[string]string
	select {
	case exports = <-printed:
	case <-time.After(5 * time.Minute): // a guard only: it builds the emulator first
		t.Fatalf("make emulator did not print what to export; stderr: %s", stderr.String())
	}
	require.Len(t, exports, 2, "make emulator printed no export lines; stderr: %s", stderr.String())

	sample, err := emulator.LoadFixture("../emulator/fixtures/sample.json")
	require.NoError(t, err)
	api := &testapi.API{URL: exports["VERCEL_BASE_URL"], Secret: exports["VERCEL_API_TOKEN"]}
	out, errOut, err := makeQuery(t, api, nil, nil, "SQL=select count(*) as n from vercel_user_token")
	require.NoError(t, err, "stderr: %s", errOut)
	assert.Regexp(t, fmt.Sprintf(`│ %d +│`, len(sample.Tokens)), out)
}

// TestMakeQueryFeedsTheSQLOnStandardInput runs more SQL than an argument
// may hold (128 KB) through a sqlite3 that records its argv: the SQL, and
// whatever secret it carries, never shows in ps.
func TestMakeQueryFeedsTheSQLOnStandardInput(t *testing.T) {
	api := testapi.Start(t, emulator.GenerateFixture(fixtureSize, 3))
	realSQLite, err := exec.LookPath("sqlite3")
	require.NoError(t, err, "sqlite3 is not installed: run make deps")
	bin := t.TempDir()
	argvLog := filepath.Join(t.TempDir(), "argv")
	wrapper := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$@\" > %q\nexec %q \"$@\"\n", argvLog, realSQLite)
	require.NoError(t, os.WriteFile(filepath.Join(bin, "sqlite3"), []byte(wrapper), 0o755))

	const marker = "sql_marker_that_must_stay_out_of_argv"
	var sql strings.Builder
	fmt.Fprintf(&sql, "-- %s\nselect count(*) as n from vercel_user_token where name not in (", marker)
	for i := 0; sql.Len() < 200<<10; i++ {
		fmt.Fprintf(&sql, "'%s_%d', ", marker, i)
	}
	sql.WriteString("'');\n")
	path := sqlFile(t, sql.String())

	stdout, stderr, err := makeQuery(t, api, nil, []string{"PATH=" + bin + ":" + os.Getenv("PATH")}, "SQL_FILE="+path)
	require.NoError(t, err, "stderr: %s", stderr)
	assert.Regexp(t, fmt.Sprintf(`│ %d +│`, fixtureSize), stdout, "the whole 200 KB statement ran")
	argv, err := os.ReadFile(argvLog)
	require.NoError(t, err, "the sqlite3 wrapper did not run")
	assert.NotContains(t, string(argv), marker, "the SQL was an argument of sqlite3")
	assert.Less(t, len(argv), 1024, "sqlite3's arguments are its options and the extension only")
}
