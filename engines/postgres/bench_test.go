package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

var (
	benchTokens       = flag.Int("tokens", 5000, "BenchmarkPostgresFullScan: tokens the emulator serves")
	benchLatency      = flag.Duration("latency", 20*time.Millisecond, "BenchmarkPostgresFullScan: latency the emulator adds to every request")
	benchMemoryTokens = flag.Int("memory-tokens", 100000, "BenchmarkPostgresBackendMemory: tokens of the large scan, compared with 1,000")
)

// BenchmarkPostgresFullScan compares a full scan through psql and the
// extension with a bare pager over the same emulator in the same run. Each
// scan is the first query of a new session, so it includes loading the
// extension and starting the plugin. It reports the scan's time as psql's
// \timing gives it, the wall time of the whole psql command (which adds
// starting psql and connecting), the bare pager's time and both ratios. It
// measures; it asserts nothing about time.
//
//	go test ./engines/postgres -run '^$' -bench PostgresFullScan -benchtime 3x -args -tokens 5000 -latency 20ms
func BenchmarkPostgresFullScan(b *testing.B) {
	api := startAPI(b, *benchTokens, 1)
	api.Server.SetFaults(emulator.Faults{Latency: *benchLatency})
	db := newDatabase(b, api.HCL())
	var scanTime, psqlTime, bareTime time.Duration
	for b.Loop() {
		start := time.Now()
		// Every column but is_current, printed by psql and thrown away;
		// psql prints its timing on standard output all the same.
		cmd := exec.Command("psql", db.c.connArgs(db.name, "-q", "-At", "-o", os.DevNull, "-c", `\timing on`, "-c",
			"select token_id, name, type, origin, scopes, scope_types, active_at, created_at, expires_at, leaked_at, leaked_url, revoked_at, prefix, suffix from vercel_user_token")...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("psql: %v\n%s", err, out)
		}
		psqlTime += time.Since(start)
		scanTime += psqlTiming(b, string(out))

		start = time.Now()
		n, err := api.BarePager(b.Context())
		if err != nil || n != *benchTokens {
			b.Fatalf("the bare pager read %d tokens (%v), want %d", n, err, *benchTokens)
		}
		bareTime += time.Since(start)
	}
	rows := strings.TrimSpace(db.mustExec("select count(*) from vercel_user_token;"))
	if rows != strconv.Itoa(*benchTokens) {
		b.Fatalf("the extension returned %s rows, want %d", rows, *benchTokens)
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(scanTime.Milliseconds())/float64(b.N), "scan-ms")
	b.ReportMetric(float64(psqlTime.Milliseconds())/float64(b.N), "psql-command-ms")
	b.ReportMetric(float64(bareTime.Milliseconds())/float64(b.N), "bare-ms")
	b.ReportMetric(float64(scanTime)/float64(bareTime), "ratio")
	b.ReportMetric(float64(psqlTime)/float64(bareTime), "command-ratio")
}

// psqlTiming reads the duration psql's \timing printed for the query.
func psqlTiming(b *testing.B, out string) time.Duration {
	b.Helper()
	for line := range strings.Lines(out) {
		if ms, ok := strings.CutPrefix(line, "Time: "); ok {
			ms, _, _ = strings.Cut(ms, " ms")
			v, err := strconv.ParseFloat(ms, 64)
			if err != nil {
				b.Fatalf("psql's timing %q: %v", line, err)
			}
			return time.Duration(v * float64(time.Millisecond))
		}
	}
	b.Fatalf("psql printed no timing:\n%s", out)
	return 0
}

// BenchmarkPostgresBackendMemory reports a backend's peak memory (VmHWM)
// after a full scan of 1,000 tokens and of -memory-tokens, each in a
// session of its own, and their ratio: rows stream, so it should stay flat.
//
//	go test ./engines/postgres -run '^$' -bench PostgresBackendMemory -benchtime 1x
func BenchmarkPostgresBackendMemory(b *testing.B) {
	small := newDatabase(b, startAPI(b, 1000, 1).HCL())
	large := newDatabase(b, startAPI(b, *benchMemoryTokens, 1).HCL())
	var smallKiB, largeKiB float64
	for b.Loop() {
		smallKiB = backendPeakKiB(b, small, 1000)
		largeKiB = backendPeakKiB(b, large, *benchMemoryTokens)
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(smallKiB/1024, "MiB-at-1000")
	b.ReportMetric(largeKiB/1024, fmt.Sprintf("MiB-at-%d", *benchMemoryTokens))
	b.ReportMetric(largeKiB/smallKiB, "ratio")
}

// backendPeakKiB scans every token in a new session and returns the
// backend's VmHWM afterwards, read by the backend itself.
func backendPeakKiB(b *testing.B, db *database, want int) float64 {
	b.Helper()
	out := db.mustExec(`select count(*) from (select token_id, name, scopes, created_at, prefix from vercel_user_token) t;
select substring(pg_read_file('/proc/self/status') from 'VmHWM:\s+(\d+)');
`)
	lines := strings.Fields(out)
	if len(lines) != 2 || lines[0] != strconv.Itoa(want) {
		b.Fatalf("scan: %q, want %d rows and a VmHWM", out, want)
	}
	kib, err := strconv.ParseFloat(lines[1], 64)
	if err != nil {
		b.Fatalf("VmHWM %q: %v", lines[1], err)
	}
	return kib
}
