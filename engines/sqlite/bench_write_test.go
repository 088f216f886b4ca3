package main

import (
	"flag"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

var (
	benchRevokeTokens = flag.Int("revoke-tokens", 500, "BenchmarkSQLiteRevoke: tokens one DELETE revokes")
	benchLatency      = flag.Duration("latency", 20*time.Millisecond, "BenchmarkSQLiteRevoke: latency the emulator adds to every request")
)

// BenchmarkSQLiteRevoke revokes N tokens with one DELETE in the sqlite3
// shell, and the same N tokens of an identical emulator with N bare
// sequential DELETE requests, both with -latency per request. It reports
// both wall times (the shell's includes starting sqlite3 and loading the
// extension), their ratio and the statement's requests by kind. It
// measures; it asserts nothing about time.
//
//	go test ./engines/sqlite -run '^$' -bench SQLiteRevoke -benchtime 3x -args -revoke-tokens 500 -latency 20ms
func BenchmarkSQLiteRevoke(b *testing.B) {
	n := *benchRevokeTokens
	var m testapi.RevokeMeasure
	for b.Loop() {
		b.StopTimer()
		a := startAPIWith(b, emulator.GenerateFixture(n+1, 1))
		bare := startAPIWith(b, emulator.GenerateFixture(n+1, 1))
		var ids []string
		for _, tok := range bare.tokens {
			if tok.ID != bare.CurrentID {
				ids = append(ids, tok.ID)
			}
		}
		sh := newShell(b)
		a.Server.SetFaults(emulator.Faults{Latency: *benchLatency})
		bare.Server.SetFaults(emulator.Faults{Latency: *benchLatency})
		b.StartTimer()

		start := time.Now()
		stdout, stderr := sh.run(quietly(a.configured()) + "delete from vercel_user_token where not is_current;\nselect changes();\n")
		engineTime := time.Since(start)
		if stderr != "" || strings.TrimSpace(stdout) != strconv.Itoa(n) {
			b.Fatalf("sqlite3: %s%s", stdout, stderr)
		}

		start = time.Now()
		if err := bare.BareRevoker(b.Context(), ids); err != nil {
			b.Fatal(err)
		}
		bareTime := time.Since(start)

		m.Add(engineTime, bareTime, a.API)
	}
	m.Report(b)
}
