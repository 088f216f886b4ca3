package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cluster is a private, throw-away PostgreSQL: a copy of the machine's
// PostgreSQL 15 binaries in a temporary tree (PostgreSQL finds its share and
// lib directories relative to its binary), the extension installed there by
// its install.sh, and a data directory, run by the postgres OS user when the
// tests run as root (initdb and postgres refuse root). The machine's own
// clusters and installation are never touched.
type cluster struct {
	dir     string
	port    int
	logPath string
	server  *exec.Cmd
	exited  chan error
}

// pgDirs are the installation directories pg_config reports.
type pgDirs struct{ bin, share, lib, version string }

func readPGConfig() (pgDirs, error) {
	var d pgDirs
	for _, f := range []struct {
		flag string
		out  *string
	}{{"--bindir", &d.bin}, {"--sharedir", &d.share}, {"--pkglibdir", &d.lib}, {"--version", &d.version}} {
		out, err := exec.Command("pg_config", f.flag).Output()
		if err != nil {
			return d, fmt.Errorf("pg_config %s: %w (make deps installs postgresql-15 and postgresql-server-dev-15)", f.flag, err)
		}
		*f.out = strings.TrimSpace(string(out))
	}
	return d, nil
}

// installation is the extension built and installed into a private copy
// of the machine's PostgreSQL.
type installation struct {
	dir string
	bin string
}

// prepareInstallation builds the extension and installs it with its own
// install.sh into a private installation in dir, which the postgres user
// must be able to read.
func prepareInstallation(dir string) (*installation, error) {
	pg, err := readPGConfig()
	if err != nil {
		return nil, err
	}
	build := filepath.Join(dir, "build")
	if err := buildExtension(build); err != nil {
		return nil, err
	}
	inst := filepath.Join(dir, "install")
	if err := privateInstallation(inst, pg); err != nil {
		return nil, fmt.Errorf("create the private installation: %w", err)
	}
	if err := runInstallScript(dir, build, inst, pg); err != nil {
		return nil, err
	}
	return &installation{dir: dir, bin: filepath.Join(inst, pg.bin)}, nil
}

// start creates and starts a cluster named name; env is added to the
// server's environment, which the plugin in each backend sees.
func (inst *installation) start(name string, env ...string) (*cluster, error) {
	dir := filepath.Join(inst.dir, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, logPath: filepath.Join(dir, "server.log")}
	owner, err := clusterOwner()
	if err != nil {
		return nil, err
	}
	data, tmp := filepath.Join(dir, "data"), filepath.Join(dir, "tmp")
	for _, d := range []string{data, tmp} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(c.logPath, nil, 0o600); err != nil {
		return nil, err
	}
	if owner != nil {
		for _, p := range []string{data, tmp, c.logPath} {
			if err := os.Chown(p, int(owner.Uid), int(owner.Gid)); err != nil {
				return nil, err
			}
		}
	}
	// Its own TMPDIR: the SDK deletes a directory there.
	baseEnv := []string{"PATH=/usr/bin:/bin", "TMPDIR=" + tmp}
	initdb := exec.Command(filepath.Join(inst.bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: owner}
	initdb.Env = baseEnv
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	if c.port, err = freePort(); err != nil {
		return nil, err
	}
	log, err := os.OpenFile(c.logPath, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, err
	}
	defer log.Close()
	c.server = exec.Command(filepath.Join(inst.bin, "postgres"), "-D", data, "-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
		"-c", "timezone=UTC", "-c", "max_connections=40", "-c", "shared_buffers=16MB")
	c.server.SysProcAttr = &syscall.SysProcAttr{Credential: owner}
	c.server.Env = append(baseEnv, env...)
	c.server.Stdout, c.server.Stderr = log, log
	if err := c.server.Start(); err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	c.exited = make(chan error, 1)
	go func() { c.exited <- c.server.Wait() }()
	if err := c.waitReady(); err != nil {
		c.stop()
		return nil, err
	}
	return c, nil
}

func buildExtension(build string) error {
	src, err := filepath.Abs("fdw")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(build, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("make", "-s", "-C", build, "-f", filepath.Join(src, "Makefile"), "VPATH="+src, "with_llvm=no")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build the extension: %w\n%s", err, out)
	}
	return nil
}

// privateInstallation mirrors the PostgreSQL installation under inst:
// copies of the binaries, links to every share and lib file, and an empty
// place for the extension's own files.
func privateInstallation(inst string, pg pgDirs) error {
	bin := filepath.Join(inst, pg.bin)
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"postgres", "initdb"} {
		data, err := os.ReadFile(filepath.Join(pg.bin, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(bin, name), data, 0o755); err != nil {
			return err
		}
	}
	if err := linkEntries(pg.lib, filepath.Join(inst, pg.lib)); err != nil {
		return err
	}
	if err := linkEntries(pg.share, filepath.Join(inst, pg.share), "extension"); err != nil {
		return err
	}
	return linkEntries(filepath.Join(pg.share, "extension"), filepath.Join(inst, pg.share, "extension"))
}

// linkEntries makes to a directory of symbolic links to the entries of
// from, except those named in skip.
func linkEntries(from, to string, skip ...string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !slices.Contains(skip, e.Name()) {
			if err := os.Symlink(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// runInstallScript installs the build with its own install.sh, given a
// pg_config that describes the private installation.
func runInstallScript(dir, build, inst string, pg pgDirs) error {
	stub := filepath.Join(dir, "pg_config")
	script := fmt.Sprintf("#!/bin/sh\ncase \"$1\" in\n--version) echo %q;;\n--pkglibdir) echo %q;;\n--sharedir) echo %q;;\n*) exit 1;;\nesac\n",
		pg.version, filepath.Join(inst, pg.lib), filepath.Join(inst, pg.share))
	if err := os.WriteFile(stub, []byte(script), 0o755); err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(build, "install.sh"))
	cmd.Env = append(os.Environ(), "PG_CONFIG="+stub)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("install.sh: %w\n%s", err, out)
	}
	return nil
}

// clusterOwner is the postgres user's credential when running as root, nil
// otherwise (the cluster then runs as the current user).
func clusterOwner() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("initdb refuses root and there is no postgres user (the postgresql-15 package creates it): %w", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady waits for the server to accept connections; the deadline is a
// generous guard, not a measure.
func (c *cluster) waitReady() error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		out, err := exec.Command("psql", c.connArgs("postgres", "-Atc", "select 1")...).CombinedOutput()
		if err == nil && strings.TrimSpace(string(out)) == "1" {
			return nil
		}
		select {
		case err := <-c.exited:
			return fmt.Errorf("postgres exited: %v\n%s", err, c.log())
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not accept connections: %s\n%s", out, c.log())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (c *cluster) connArgs(db string, extra ...string) []string {
	return c.connArgsAs("postgres", db, extra...)
}

// connArgsAs are psql's arguments to connect to db as role.
func (c *cluster) connArgsAs(role, db string, extra ...string) []string {
	return append([]string{"-X", "-h", "127.0.0.1", "-p", strconv.Itoa(c.port), "-U", role, "-d", db}, extra...)
}

// log is the server log so far.
func (c *cluster) log() string {
	data, _ := os.ReadFile(c.logPath)
	return string(data)
}

// stop shuts the server down (fast shutdown) and waits for it.
func (c *cluster) stop() {
	if c.server == nil || c.server.Process == nil {
		return
	}
	_ = c.server.Process.Signal(syscall.SIGINT)
	select {
	case <-c.exited:
	case <-time.After(60 * time.Second):
		_ = c.server.Process.Kill()
		<-c.exited
	}
}

var errNoCluster = errors.New("no test cluster")
