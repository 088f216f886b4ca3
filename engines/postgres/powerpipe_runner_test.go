package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// powerpipeVersion is the Powerpipe the mod is tested with; make test-deps
// (scripts/install-powerpipe.sh) builds it.
const powerpipeVersion = "1.5.2"

// powerpipe runs the Powerpipe binary on the mod with a home, an install
// directory and a config of its own, never the user's.
type powerpipe struct {
	bin, home, installDir, modDir string
}

// newPowerpipe finds Powerpipe, $POWERPIPE_BIN or $(go env GOPATH)/bin/powerpipe.
// A missing one fails the test: make test installs it, so it is a broken
// setup, not a reason to skip.
func newPowerpipe(t *testing.T) *powerpipe {
	t.Helper()
	bin := os.Getenv("POWERPIPE_BIN")
	if bin == "" {
		out, err := exec.Command("go", "env", "GOPATH").Output()
		if err != nil {
			t.Fatalf("go env GOPATH: %v", err)
		}
		gopath, _, _ := strings.Cut(strings.TrimSpace(string(out)), string(os.PathListSeparator))
		bin = filepath.Join(gopath, "bin", "powerpipe")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("Powerpipe v%s is not installed at %s (%v): run make test-deps, or scripts/install-powerpipe.sh", powerpipeVersion, bin, err)
	}
	mod, err := filepath.Abs(modDir)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pp := &powerpipe{bin: bin, home: filepath.Join(dir, "home"), installDir: filepath.Join(dir, "install"), modDir: mod}
	for _, d := range []string{pp.home, filepath.Join(pp.installDir, "config")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := pp.run(t, "--version")
	if err != nil || !strings.Contains(out, "v"+powerpipeVersion) {
		t.Fatalf("%s --version says %q (%v), want v%s: run scripts/install-powerpipe.sh", bin, strings.TrimSpace(out), err, powerpipeVersion)
	}
	return pp
}

// useDatabase makes db Powerpipe's default database, as docs/index.md tells
// a user to: the connection block connection.steampipe.default, with the
// schema the tables were imported into first on its search path.
func (pp *powerpipe) useDatabase(t *testing.T, db *database) {
	t.Helper()
	config := fmt.Sprintf(`connection "steampipe" "default" {
  host        = "127.0.0.1"
  port        = %d
  db          = %q
  username    = "postgres"
  search_path = ["vercel", "public"]
}
`, db.c.port, db.name)
	if err := os.WriteFile(filepath.Join(pp.installDir, "config", "database.ppc"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
}

// run runs powerpipe in the mod's directory and returns its standard output
// and error; err is an *exec.ExitError when it exits non-zero.
func (pp *powerpipe) run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(pp.bin, args...)
	cmd.Dir = pp.modDir
	cmd.Env = []string{
		"PATH=/usr/bin:/bin",
		"HOME=" + pp.home,
		"TMPDIR=" + t.TempDir(),
		"POWERPIPE_INSTALL_DIR=" + pp.installDir,
		"POWERPIPE_UPDATE_CHECK=false",
		"POWERPIPE_TELEMETRY=none",
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run %s: %v", pp.bin, err)
	}
	return out.String(), errOut.String(), err
}

// exitCode is the exit status err reports, 0 for nil.
func exitCode(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	return 0
}

// varArgs are vars as powerpipe's --var flags, in a stable order.
func varArgs(vars [][2]string) []string {
	var args []string
	for _, v := range vars {
		args = append(args, "--var", v[0]+"="+v[1])
	}
	return args
}
