package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

var testCluster struct {
	inst *installation
	c    *cluster
	err  error
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "steampipe-postgres-vercel-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "create the test directory:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The postgres user reads the private installation and writes below it.
	if err := os.Chmod(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	testCluster.inst, testCluster.err = prepareInstallation(dir)
	if testCluster.err == nil {
		testCluster.c, testCluster.err = testCluster.inst.start("main")
	}
	if testCluster.c != nil {
		defer testCluster.c.stop()
	}
	return m.Run()
}

// requireCluster fails the test when the cluster could not start: CI
// installs PostgreSQL, so a missing one is a broken setup, not a skip.
func requireCluster(t testing.TB) *cluster {
	t.Helper()
	if testCluster.c == nil {
		err := testCluster.err
		if err == nil {
			err = errNoCluster
		}
		t.Fatalf("the test cluster did not start: %v", err)
	}
	return testCluster.c
}

var databases atomic.Int64

// database is one test's own database in the cluster.
type database struct {
	t    testing.TB
	c    *cluster
	name string
}

// newDatabase creates a database with the extension, and a server named
// vercel, configured with hcl, whose tables are imported into schema vercel
// (on the search path, as Steampipe's connections are).
func newDatabase(t testing.TB, hcl string) *database {
	t.Helper()
	return newDatabaseIn(t, requireCluster(t), hcl)
}

// otherCluster starts a cluster of its own for one test, with env added to
// the server's environment.
func otherCluster(t *testing.T, name string, env ...string) *cluster {
	t.Helper()
	requireCluster(t)
	c, err := testCluster.inst.start(name, env...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.stop)
	return c
}

func newDatabaseIn(t testing.TB, c *cluster, hcl string) *database {
	t.Helper()
	db := &database{t: t, c: c, name: fmt.Sprintf("test_%d", databases.Add(1))}
	if _, stderr := db.runIn("postgres", "create database "+db.name+";"); stderr != "" {
		t.Fatalf("create database: %s", stderr)
	}
	db.mustExec(fmt.Sprintf("alter database %s set search_path = vercel, public;", db.name))
	db.mustExec("create extension steampipe_postgres_vercel;")
	db.addServer("vercel", hcl)
	return db
}

// addServer adds a server and imports its tables into the schema of the
// same name: one connection.
func (db *database) addServer(name, hcl string) {
	db.t.Helper()
	db.mustExec(fmt.Sprintf(`create server %[1]s foreign data wrapper steampipe_postgres_vercel options (config %[2]s);
create schema %[1]s;
import foreign schema vercel from server %[1]s into %[1]s;`, name, sqlString(hcl)))
}

// run runs a psql script in a new session (one backend) with verbose
// errors (SQLSTATE included) and returns what psql printed.
func (db *database) run(script string) (stdout, stderr string) {
	db.t.Helper()
	return db.runIn(db.name, script)
}

func (db *database) runIn(name, script string) (stdout, stderr string) {
	db.t.Helper()
	return db.psql("postgres", name, script)
}

// runAs runs a psql script in the test's database as role, like run.
func (db *database) runAs(role, script string) (stdout, stderr string) {
	db.t.Helper()
	return db.psql(role, db.name, script)
}

func (db *database) psql(role, name, script string) (stdout, stderr string) {
	db.t.Helper()
	cmd := exec.Command("psql", db.c.connArgsAs(role, name, "-q", "-At", "-v", "VERBOSITY=verbose")...)
	cmd.Stdin = strings.NewReader(script)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil && errOut.Len() == 0 {
		db.t.Fatalf("psql as %s: %v", role, err)
	}
	return out.String(), errOut.String()
}

// mustExec runs statements that must not fail.
func (db *database) mustExec(script string) string {
	db.t.Helper()
	stdout, stderr := db.run(script)
	if stderr != "" {
		db.t.Fatalf("%s\n%s", script, stderr)
	}
	return stdout
}

// query runs one SELECT and decodes its rows, in order, through jsonb_agg
// (on one line, unlike json_agg).
func (db *database) query(sql string) []map[string]any {
	db.t.Helper()
	out := db.mustExec(asJSON(sql))
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		db.t.Fatalf("%s: decode %q: %v", sql, out, err)
	}
	return rows
}

func asJSON(sql string) string {
	return fmt.Sprintf("select coalesce(jsonb_agg(q), '[]') from (%s) q;\n", strings.TrimSuffix(strings.TrimSpace(sql), ";"))
}

func sqlString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// startAPI serves a generated fixture with n tokens.
func startAPI(t testing.TB, n int, seed int64, opts ...emulator.Option) *testapi.API {
	t.Helper()
	return testapi.Start(t, emulator.GenerateFixture(n, seed), opts...)
}
