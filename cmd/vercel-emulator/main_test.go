package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func TestParseConfigRejectsBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no source", nil, "give -fixture or -tokens"},
		{"both sources", []string{"-fixture", "f.json", "-tokens", "3"}, "not both"},
		{"write without tokens", []string{"-fixture", "f.json", "-write-fixture", "out.json"}, "-write-fixture needs -tokens"},
		{"negative tokens", []string{"-tokens", "-1"}, "must not be negative"},
		{"bad cursor", []string{"-tokens", "3", "-cursor", "base64"}, "-cursor must be number or string"},
		{"all interfaces", []string{"-tokens", "3", "-addr", ":8787"}, "loopback"},
		{"any address", []string{"-tokens", "3", "-addr", "0.0.0.0:8787"}, "loopback"},
		{"public address", []string{"-tokens", "3", "-addr", "192.168.1.4:8787"}, "loopback"},
		{"host name", []string{"-tokens", "3", "-addr", "example.com:80"}, "loopback"},
		{"no port", []string{"-tokens", "3", "-addr", "127.0.0.1"}, "missing port"},
		{"stray argument", []string{"-tokens", "3", "serve"}, "unexpected arguments"},
		{"bad foreign 404", []string{"-tokens", "3", "-foreign-404", "xml"}, "-foreign-404 must be html or json"},
		{"not a status", []string{"-tokens", "3", "-always-status", "1000"}, "-always-status must be an HTTP status"},
		{"negative cursor size", []string{"-tokens", "3", "-cursor-bytes", "-1"}, "-cursor-bytes must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			_, err := parseConfig(tc.args, &stderr)
			if !errors.Is(err, errUsage) || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("err %v, stderr %q; want usage error mentioning %q", err, stderr.String(), tc.want)
			}
		})
	}
}

func TestParseConfigAcceptsLoopbackAddresses(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "127.0.0.1:8787", "localhost:9000", "[::1]:0"} {
		c, err := parseConfig([]string{"-tokens", "3", "-addr", addr, "-cursor", "string", "-latency", "20ms"}, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", addr, err)
		}
		if c.cursor != emulator.CursorString || c.latency != 20*time.Millisecond {
			t.Fatalf("%s: config %+v", addr, c)
		}
	}
}

func TestFaultFlags(t *testing.T) {
	c, err := parseConfig([]string{"-tokens", "3", "-always-status", "401", "-echo-headers", "-empty-pages", "-cursor-bytes", "4194304",
		"-repeat-token", "-foreign-404", "html", "-retry-after", "Inf", "-omit-retry-after", "-reset-ms"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.Faults{AlwaysStatus: 401, EchoHeaders: true, EmptyPages: true, CursorBytes: 4 << 20, RepeatToken: true,
		Foreign404: emulator.Foreign404HTML, RetryAfter: "Inf", OmitRetryAfter: true, ResetInMillis: true}
	if !reflect.DeepEqual(c.faults, want) {
		t.Fatalf("faults %+v, want %+v", c.faults, want)
	}
	if c, _ := parseConfig([]string{"-tokens", "3", "-foreign-404", "json"}, io.Discard); c.faults.Foreign404 != emulator.Foreign404JSON {
		t.Fatalf("-foreign-404 json gave %v", c.faults.Foreign404)
	}
}

func TestWriteFixtureWritesTheGeneratedFixture(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	if err := run(context.Background(), []string{"-tokens", "25", "-seed", "4", "-write-fixture", path}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := emulator.GenerateFixture(25, 4).MarshalPretty()
	if !bytes.Equal(written, want) {
		t.Fatal("written fixture differs from GenerateFixture(25, 4)")
	}
}

func TestServeAnnouncesItsAddressAndStopsOnCancel(t *testing.T) {
	fixturePath := filepath.Join(t.TempDir(), "f.json")
	f := emulator.GenerateFixture(12, 2)
	data, _ := f.MarshalPretty()
	if err := os.WriteFile(fixturePath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdoutR, stdoutW := io.Pipe()
	var stderr testapi.SyncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-fixture", fixturePath, "-addr", "127.0.0.1:0", "-cursor", "string"}, stdoutW, &stderr)
		_ = stdoutW.Close()
	}()

	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the announcement: %v (stderr %q)", err, stderr.String())
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("announcement %q", line)
	}
	if !strings.Contains(stderr.String(), f.Secret()) {
		t.Fatalf("stderr %q does not show the bearer secret", stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }()

	req, _ := http.NewRequest(http.MethodGet, base+"/v6/user/tokens?limit=5", nil)
	req.Header.Set("Authorization", "Bearer "+f.Secret())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"next":"`) {
		t.Fatalf("status %d, body %s", resp.StatusCode, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
}
