package testapi

import (
	"bufio"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// StartProcess serves n generated tokens (emulator.GenerateFixture(n, seed))
// from the emulator's own binary, in a process of its own, with latency
// added to every request, until the end of the test. The API it returns
// has no Server: the emulator's state lives in the other process.
//
// Benchmarks use it so that the API server does not share the Go scheduler
// of the code they time, as a real API would not: an emulator in the same
// process started answering the next request about a millisecond late
// while the report decoded the page before.
func StartProcess(t testing.TB, n int, seed int64, latency time.Duration) *API {
	t.Helper()
	binary := filepath.Join(t.TempDir(), "vercel-emulator")
	if err := GoBuild(binary, "github.com/tokenaudit/steampipe-plugin-vercel/cmd/vercel-emulator"); err != nil {
		t.Fatalf("building the emulator: %v", err)
	}
	cmd := exec.Command(binary, "-tokens", strconv.Itoa(n), "-seed", strconv.FormatInt(seed, 10),
		"-latency", latency.String(), "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill() //nolint:errcheck // it may have exited
		cmd.Wait()         //nolint:errcheck // killed
	})
	errLines, outLines := bufio.NewReader(stderr), bufio.NewReader(stdout)
	secretLine, err := errLines.ReadString('\n')
	if err != nil {
		t.Fatalf("the emulator printed no token: %v", err)
	}
	urlLine, err := outLines.ReadString('\n')
	if err != nil {
		t.Fatalf("the emulator printed no address: %v", err)
	}
	// Whatever else it prints must not fill a pipe and block it.
	go io.Copy(io.Discard, errLines) //nolint:errcheck // drained until it exits
	go io.Copy(io.Discard, outLines) //nolint:errcheck // drained until it exits
	_, secrets, _ := strings.Cut(strings.TrimSpace(secretLine), "bearer_tokens: ")
	url, listening := strings.CutPrefix(strings.TrimSpace(urlLine), "listening on ")
	if secrets == "" || !listening {
		t.Fatalf("unexpected emulator output: %q, %q", secretLine, urlLine)
	}
	return &API{URL: url, Secret: strings.Fields(secrets)[0]}
}
