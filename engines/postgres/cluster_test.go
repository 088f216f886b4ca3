package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cluster is a private, throw-away PostgreSQL: a copy of the machine's
// PostgreSQL 15 installation with the extension, in a temporary tree
// (scripts/postgres-private-install.sh), and a data directory, run by the
// postgres OS user when the tests run as root (initdb and postgres refuse
// root). The machine's own
// clusters and installation are never touched.
type cluster struct {
	dir     string
	port    int
	logPath string
	server  *exec.Cmd
	exited  chan error
}

// pgBindir is the PostgreSQL installation's binary directory.
func pgBindir() (string, error) {
	out, err := exec.Command("pg_config", "--bindir").Output()
	if err != nil {
		return "", fmt.Errorf("pg_config --bindir: %w (make deps installs postgresql-15 and postgresql-server-dev-15)", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// installation is the extension built and installed into a private copy
// of the machine's PostgreSQL.
type installation struct {
	dir string
	bin string
}

// prepareInstallation builds the extension and installs it into a private
// installation in dir, which the postgres user must be able to read, with
// scripts/postgres-private-install.sh, as make postgres-shell does.
func prepareInstallation(dir string) (*installation, error) {
	bindir, err := pgBindir()
	if err != nil {
		return nil, err
	}
	if out, err := exec.Command("../../scripts/postgres-private-install.sh", dir).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build and install the extension privately: %w\n%s", err, out)
	}
	return &installation{dir: dir, bin: filepath.Join(dir, "install", bindir)}, nil
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
