package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

var (
	benchTokens  = flag.Int("tokens", 5000, "BenchmarkReport: tokens the emulator serves")
	benchLatency = flag.Duration("latency", 20*time.Millisecond, "BenchmarkReport: latency the emulator adds to every request")
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
