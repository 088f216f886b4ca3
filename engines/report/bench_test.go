package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
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
	api := testapi.Start(b, emulator.GenerateFixture(*benchTokens, 1))
	api.Server.SetFaults(emulator.Faults{Latency: *benchLatency})
	args := []string{"--config", api.HCL(), "--output", "json"}

	var reportTime, bareTime time.Duration
	var listRequests int
	for b.Loop() {
		api.Server.ResetStats()
		start := time.Now()
		if code := run(b.Context(), args, io.Discard, os.Stderr); code != exitOK {
			b.Fatalf("the report exited %d", code)
		}
		reportTime += time.Since(start)
		listRequests = api.Server.Count(emulator.EndpointList)

		start = time.Now()
		if n := barePager(b, api); n != *benchTokens {
			b.Fatalf("the bare pager read %d tokens, want %d", n, *benchTokens)
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

// barePager is the baseline: a plain sequential loop over the list endpoint
// that decodes every token, as a hand-written script would.
func barePager(b *testing.B, api *testapi.API) int {
	b.Helper()
	var until string
	total := 0
	for {
		q := url.Values{"limit": {"100"}}
		if until != "" {
			q.Set("until", until)
		}
		req, _ := http.NewRequestWithContext(b.Context(), http.MethodGet, api.URL+"/v6/user/tokens?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+api.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var page struct {
			Tokens     []map[string]any `json:"tokens"`
			Pagination struct {
				Next *json.Number `json:"next"`
			} `json:"pagination"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		total += len(page.Tokens)
		if page.Pagination.Next == nil {
			return total
		}
		if _, err := strconv.ParseInt(page.Pagination.Next.String(), 10, 64); err != nil {
			b.Fatalf("pagination.next %q is not a number", page.Pagination.Next)
		}
		until = page.Pagination.Next.String()
	}
}
