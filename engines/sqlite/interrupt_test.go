package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// stalledAPI is the emulator behind a handler that counts the requests
// whose client went away before the answer.
type stalledAPI struct {
	*emulator.Server
	url       string
	secret    string
	abandoned atomic.Int32
}

func startStalledAPI(t *testing.T, faults emulator.Faults) *stalledAPI {
	t.Helper()
	f := emulator.GenerateFixture(fixtureSize, 42)
	srv, err := emulator.New(f)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(faults)
	a := &stalledAPI{Server: srv, secret: f.Secret()}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r)
		if r.Context().Err() != nil {
			a.abandoned.Add(1)
		}
	}))
	t.Cleanup(hs.Close)
	a.url = hs.URL
	return a
}

// One Ctrl-C stops a query whose request hangs: the shell reports the
// interrupt long before the request would end, and the request is dropped.
func TestInterruptStopsHangingQuery(t *testing.T) {
	t.Parallel()
	a := startStalledAPI(t, emulator.Faults{Latency: 5 * time.Minute})
	sh := newShell(t)
	cmd := exec.Command("sqlite3", "-batch")
	cmd.Dir = sh.dir
	cmd.Env = append(environWithout("VERCEL_", "STEAMPIPE_", "SP_LOG", "TMPDIR="), sh.env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	hcl := "api_token = \"" + a.secret + "\"\nbase_url = \"" + a.url + "\"\n"
	_, _ = io.WriteString(stdin, ".load ./steampipe_sqlite_vercel\n"+quietly(configureCall(hcl))+
		"select count(*) from vercel_user_token;\n")
	waitFor(t, "the list request", func() bool { return a.Count(emulator.EndpointList) == 1 })

	interrupted := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	_ = stdin.Close()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Fatalf("sqlite3 still runs 10 s after SIGINT; stderr: %s", stderr.String())
	}
	t.Logf("sqlite3 ended %v after SIGINT", time.Since(interrupted).Round(time.Millisecond))
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not report the interrupt:\n%s", stderr.String())
	}
	waitFor(t, "the server to see the client go", func() bool { return a.abandoned.Load() == 1 })
}

// waitFor polls cond, failing the test after a generous guard.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}
