package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

var (
	benchTokens      = flag.Int("tokens", 5000, "BenchmarkReport: tokens the emulator serves")
	benchLatency     = flag.Duration("latency", 20*time.Millisecond, "BenchmarkReport, BenchmarkReportOrganisation: latency the emulator adds to every request")
	benchConnections = flag.String("connections", "50,200,500", "BenchmarkReportOrganisation: numbers of connections, comma-separated")
	benchOrgTokens   = flag.Int("org-tokens", 300, "BenchmarkReportOrganisation: tokens of each connection")
)

// BenchmarkReport compares a whole report (read, eleven controls, JSON) with a
// bare Go loop paging the same emulator, and counts the report's list
// requests, which must stay at ⌈N/100⌉ whatever the number of controls. It
// measures; it asserts nothing about time.
//
//	go test ./engines/report -run '^$' -bench Report -benchtime 3x -args -tokens 5000 -latency 20ms
func BenchmarkReport(b *testing.B) {
	testapi.IsolateEnv(b)
	listRequests := countListRequests(b)
	api := testapi.StartProcess(b, *benchTokens, 1, *benchLatency)
	args := []string{"--config", api.HCL(), "--output", "json"}

	var reportTime, bareTime time.Duration
	for b.Loop() {
		start := time.Now()
		if code := run(b.Context(), args, io.Discard, os.Stderr); code != exitOK {
			b.Fatalf("the report exited %d", code)
		}
		reportTime += time.Since(start)

		start = time.Now()
		if n, err := api.BarePager(b.Context()); err != nil || n != *benchTokens {
			b.Fatalf("the bare pager read %d tokens (%v), want %d", n, err, *benchTokens)
		}
		bareTime += time.Since(start)
	}
	wantRequests := (*benchTokens + 99) / 100
	if listRequests != wantRequests {
		b.Errorf("the report made %d list requests, want ⌈%d/100⌉ = %d", listRequests, *benchTokens, wantRequests)
	}
	ratio := float64(reportTime) / float64(bareTime)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(reportTime.Milliseconds())/float64(b.N), "report-ms/run")
	b.ReportMetric(float64(bareTime.Milliseconds())/float64(b.N), "bare-ms/scan")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(float64(listRequests), "list-requests/run")
	fmt.Fprintf(os.Stderr, "tokens=%d latency=%s runs=%d report=%s bare=%s ratio=%.3f list_requests=%d\n",
		*benchTokens, *benchLatency, b.N, (reportTime / time.Duration(b.N)).Round(time.Millisecond),
		(bareTime / time.Duration(b.N)).Round(time.Millisecond), ratio, listRequests)
}

// countListRequests runs one report, untimed, over an emulator in this
// process, which counts the requests it answers.
func countListRequests(b *testing.B) int {
	api := testapi.Start(b, emulator.GenerateFixture(*benchTokens, 1))
	if code := run(b.Context(), []string{"--config", api.HCL(), "--output", "json"}, io.Discard, os.Stderr); code != exitOK {
		b.Fatalf("the report exited %d", code)
	}
	return api.Server.Count(emulator.EndpointList)
}

// BenchmarkReportOrganisation runs the report's binary over an organisation:
// connections of -org-tokens tokens each (all reading the same emulator,
// in a process of its own), for each number of -connections, with a JSON
// report, and as many bare pagers in parallel over the same emulator. It
// reports both wall times, their ratio, the report's peak RSS (the
// kernel's maxrss of its process) and the report's size. It measures; it
// asserts nothing about time or memory.
//
//	go test ./engines/report -run '^$' -bench ReportOrganisation -benchtime 1x -args -connections 50,200,500
func BenchmarkReportOrganisation(b *testing.B) {
	testapi.IsolateEnv(b)
	binary := filepath.Join(b.TempDir(), commandName)
	if err := testapi.GoBuild(binary, "."); err != nil {
		b.Fatal(err)
	}
	api := testapi.StartProcess(b, *benchOrgTokens, 1, *benchLatency)
	for _, field := range strings.Split(*benchConnections, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			b.Fatalf("-connections %q: want numbers of connections, such as 50,200,500", *benchConnections)
		}
		b.Run(fmt.Sprintf("connections=%d", n), func(b *testing.B) {
			var spc strings.Builder
			for i := range n {
				fmt.Fprintf(&spc, "connection \"c%03d\" {\n  plugin = \"vercel\"\n  %s\n}\n", i, strings.ReplaceAll(api.HCL(), "\n", "\n  "))
			}
			connections := filepath.Join(b.TempDir(), "vercel.spc")
			if err := os.WriteFile(connections, []byte(spc.String()), 0o600); err != nil {
				b.Fatal(err)
			}
			var reportTime, bareTime time.Duration
			var peakKiB, written int64
			for b.Loop() {
				var out countingWriter
				var stderr bytes.Buffer
				cmd := exec.Command(binary, "--connections", connections, "--output", "json")
				cmd.Env = append(os.Environ(), "TMPDIR="+b.TempDir())
				cmd.Stdout, cmd.Stderr = &out, &stderr
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatalf("the report: %v\n%s", err, stderr.String())
				}
				reportTime += time.Since(start)
				peakKiB = max(peakKiB, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
				written = out.n

				start = time.Now()
				var pagers sync.WaitGroup
				errs := make([]error, n)
				for i := range n {
					pagers.Go(func() {
						read, err := api.BarePager(b.Context())
						if err == nil && read != *benchOrgTokens {
							err = fmt.Errorf("read %d tokens, want %d", read, *benchOrgTokens)
						}
						errs[i] = err
					})
				}
				pagers.Wait()
				if err := errors.Join(errs...); err != nil {
					b.Fatalf("a bare pager: %v", err)
				}
				bareTime += time.Since(start)
			}
			ratio := float64(reportTime) / float64(bareTime)
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(reportTime.Milliseconds())/float64(b.N), "report-ms/run")
			b.ReportMetric(float64(bareTime.Milliseconds())/float64(b.N), "bare-ms/run")
			b.ReportMetric(ratio, "ratio")
			b.ReportMetric(float64(peakKiB)/1024, "peak-RSS-MiB")
			b.ReportMetric(float64(written)/1e6, "JSON-MB")
			fmt.Fprintf(os.Stderr, "connections=%d tokens=%d latency=%s runs=%d report=%s bare(parallel)=%s ratio=%.2f peak_rss=%.0fMiB json=%.0fMB\n",
				n, *benchOrgTokens, *benchLatency, b.N, (reportTime / time.Duration(b.N)).Round(time.Millisecond),
				(bareTime / time.Duration(b.N)).Round(time.Millisecond), ratio, float64(peakKiB)/1024, float64(written)/1e6)
		})
	}
}

// countingWriter counts and discards what is written.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
