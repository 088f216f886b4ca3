package e2e

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

var (
	benchTokens  = flag.Int("tokens", 5000, "BenchmarkFullScan: tokens the emulator serves")
	benchLatency = flag.Duration("latency", 20*time.Millisecond, "BenchmarkFullScan: latency the emulator adds to every request")
	benchFill    = flag.Float64("fill-rate", 0, "BenchmarkFullScan: override the vercel_api limiter with this many requests a second (0: the plugin's default)")
)

// BenchmarkFullScan compares a full scan through the plugin binary, over the
// plugin protocol, with a bare Go loop paging the same emulator. It reports
// both wall times, their ratio, the plugin's list requests and the plugin
// process's peak RSS. It measures; it asserts nothing about time.
//
//	go test ./e2e -run '^$' -bench FullScan -benchtime 3x -args -tokens 5000 -latency 20ms
//
// Past 50 pages the plugin's default limiter (10 requests a second) sets the
// pace; -fill-rate overrides it, as a user's limiter block would.
func BenchmarkFullScan(b *testing.B) {
	api := testapi.Start(b, emulator.GenerateFixture(*benchTokens, 1))
	api.Server.SetFaults(emulator.Faults{Latency: *benchLatency})
	query := sdkquery.Query{Table: "vercel_user_token", Columns: withoutColumn(allColumns(), "is_current")}

	var pluginTime, bareTime time.Duration
	var listRequests int
	var rss float64
	for b.Loop() {
		// A fresh process per scan: the plugin's rate limiter starts with
		// a full bucket, as it does for a user's first query.
		b.StopTimer()
		p := startPlugin(b, processOptions{env: []string{"STEAMPIPE_LOG_LEVEL=WARN"}})
		p.configure(b, api.HCL())
		if *benchFill > 0 {
			p.overrideLimiter(b, float32(*benchFill), int64(*benchFill))
		}
		api.Server.ResetStats()
		b.StartTimer()

		start := time.Now()
		rows := 0
		if err := p.stream(query, func(*proto.Row) { rows++ }); err != nil {
			b.Fatal(err)
		}
		pluginTime += time.Since(start)
		listRequests = api.Server.Count(emulator.EndpointList)
		if rows != *benchTokens {
			b.Fatalf("the plugin returned %d rows, want %d", rows, *benchTokens)
		}
		rss = max(rss, peakRSSMiB(b, p))
		p.stop()

		start = time.Now()
		if n, err := api.BarePager(b.Context()); err != nil || n != *benchTokens {
			b.Fatalf("the bare pager read %d tokens (%v), want %d", n, err, *benchTokens)
		}
		bareTime += time.Since(start)
	}
	ratio := float64(pluginTime) / float64(bareTime)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(pluginTime.Milliseconds())/float64(b.N), "plugin-ms/scan")
	b.ReportMetric(float64(bareTime.Milliseconds())/float64(b.N), "bare-ms/scan")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(float64(listRequests), "list-requests/scan")
	b.ReportMetric(rss, "plugin-peak-RSS-MiB")
	fmt.Fprintf(os.Stderr, "tokens=%d latency=%s fill_rate=%g scans=%d plugin=%s bare=%s ratio=%.3f list_requests=%d peak_rss=%.1fMiB\n",
		*benchTokens, *benchLatency, *benchFill, b.N, (pluginTime / time.Duration(b.N)).Round(time.Millisecond),
		(bareTime / time.Duration(b.N)).Round(time.Millisecond), ratio, listRequests, rss)
}

// peakRSSMiB reads the plugin process's high-water resident set size.
func peakRSSMiB(b *testing.B, p *pluginProcess) float64 {
	b.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.client.ReattachConfig().Pid))
	if err != nil {
		b.Fatalf("reading the plugin's memory use: %v", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if fields := strings.Fields(line); len(fields) >= 2 && fields[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(fields[1], 64)
			return kb / 1024
		}
	}
	b.Fatal("no VmHWM in /proc status")
	return 0
}

func withoutColumn(columns []string, drop string) []string {
	var out []string
	for _, c := range columns {
		if c != drop {
			out = append(out, c)
		}
	}
	return out
}
