package main

import (
	"flag"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

var benchRevokeTokens = flag.Int("revoke-tokens", 500, "BenchmarkPostgresRevoke: tokens one DELETE revokes")

// BenchmarkPostgresRevoke revokes N tokens with one DELETE through psql
// and the extension, and the same N tokens of an identical emulator with N
// bare sequential DELETE requests, both with -latency per request. It
// reports both wall times, their ratio and the statement's requests by
// kind: one DELETE per token, and no reads beyond its own scan (the list's
// pages and one is_current lookup). It measures; it asserts nothing about
// time.
//
//	go test ./engines/postgres -run '^$' -bench PostgresRevoke -benchtime 3x -args -revoke-tokens 500 -latency 20ms
func BenchmarkPostgresRevoke(b *testing.B) {
	n := *benchRevokeTokens
	db := newDatabase(b, "")
	var m testapi.RevokeMeasure
	for b.Loop() {
		b.StopTimer()
		api := startAPI(b, n+1, 1)
		bare := startAPI(b, n+1, 1)
		ids := otherIDs(b, bare)
		db.mustExec("alter server vercel options (set config " + sqlString(api.HCL()) + ");")
		api.Server.SetFaults(emulator.Faults{Latency: *benchLatency})
		bare.Server.SetFaults(emulator.Faults{Latency: *benchLatency})
		b.StartTimer()

		start := time.Now()
		cmd := exec.Command("psql", db.c.connArgs(db.name, "-At", "-c", "delete from vercel_user_token where not is_current;")...)
		out, err := cmd.CombinedOutput()
		engineTime := time.Since(start)
		if err != nil || strings.TrimSpace(string(out)) != "DELETE "+strconv.Itoa(n) {
			b.Fatalf("psql: %v\n%s", err, out)
		}

		start = time.Now()
		if err := bare.BareRevoker(b.Context(), ids); err != nil {
			b.Fatal(err)
		}
		bareTime := time.Since(start)

		m.Add(engineTime, bareTime, api)
	}
	m.Report(b)
}
