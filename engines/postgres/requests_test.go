package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// What a query asks of the API: a get is one request, a full scan of 250
// tokens three list requests, LIMIT 5 one request for 5 tokens, and EXPLAIN
// says so beforehand.
func TestRequests(t *testing.T) {
	a := startAPI(t, 250, 7)
	db := newDatabase(t, a.HCL())
	ids := a.TokenIDs(t)
	require.NotEmpty(t, a.Fixture.Teams)
	team := a.Fixture.Teams[0]
	cases := []struct {
		name, sql, explain string
		lists, gets, rows  int
		teamGets           int
		listLimit          string
	}{
		{name: "team by id", sql: fmt.Sprintf("select slug from vercel_team where id = '%s'", team.ID),
			explain: "get 1 row by id", teamGets: 1, rows: 1},
		{name: "team by slug", sql: fmt.Sprintf("select id from vercel_team where slug = '%s'", team.Slug),
			explain: "get 1 row by slug", teamGets: 1, rows: 1},
		{name: "teams by slug in", sql: fmt.Sprintf("select id from vercel_team where slug in ('%s', 'no-such-team')", team.Slug),
			explain: "get 2 rows by slug", teamGets: 2, rows: 1},
		{name: "get", sql: fmt.Sprintf("select name from vercel_user_token where token_id = '%s'", ids[3]),
			explain: "get 1 row by token_id", gets: 1, rows: 1},
		{name: "gets for in", sql: fmt.Sprintf("select name from vercel_user_token where token_id in ('%s', '%s', 'no-such-token')", ids[1], ids[2]),
			explain: "get 3 rows by token_id", gets: 3, rows: 2},
		{name: "full scan", sql: "select token_id from vercel_user_token",
			explain: "list all (page size 100)", lists: 3, rows: 250, listLimit: "100"},
		{name: "limit", sql: "select name from vercel_user_token limit 5",
			explain: "list, stopping after 5 rows (page size 5)", lists: 1, rows: 5, listLimit: "5"},
		{name: "limit with a filter the API cannot apply", sql: "select name from vercel_user_token where name like 'Vercel%' limit 5",
			explain: "list all (page size 100)", listLimit: "100"},
		{name: "limit under order by", sql: "select name from vercel_user_token order by name limit 5",
			explain: "list all (page size 100)", lists: 3, rows: 5, listLimit: "100"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Contains(t, db.mustExec("explain "+tc.sql+";"), "Vercel API: "+tc.explain)
			a.Server.ResetStats()
			rows := db.query(tc.sql)
			if tc.lists == 0 && tc.gets == 0 && tc.teamGets == 0 {
				return
			}
			assert.Len(t, rows, tc.rows)
			assert.Equal(t, tc.lists, a.Server.Count(emulator.EndpointList), "list requests")
			assert.Equal(t, tc.gets, a.Server.Count(emulator.EndpointGet), "get requests")
			assert.Equal(t, tc.teamGets, a.Server.Count(emulator.EndpointTeam), "team get requests")
			assert.Len(t, a.Server.Requests(), tc.lists+tc.gets+tc.teamGets, "no other request: is_current is not asked for, no team list")
			for _, r := range a.Server.RequestsTo(emulator.EndpointList) {
				assert.Equal(t, tc.listLimit, r.Query().Get("limit"))
			}
		})
	}
}

// statement_timeout stops paging in the middle, and the next query of the
// same session runs.
func TestStatementTimeoutStopsPaging(t *testing.T) {
	a := startAPI(t, 2000, 3)
	a.Server.SetFaults(emulator.Faults{Latency: 100 * time.Millisecond})
	db := newDatabase(t, a.HCL())
	stdout, stderr := db.run("set statement_timeout = '500ms';\nselect count(*) from vercel_user_token;\nreset statement_timeout;\nselect 'session goes on';\n")
	assert.Contains(t, stderr, "ERROR:  57014: canceling statement due to statement timeout")
	assert.Equal(t, "session goes on\n", stdout)
	assertPagingStopped(t, a.Server)
}

// pg_cancel_backend stops paging in the middle, and the session goes on.
func TestCancelStopsPaging(t *testing.T) {
	a := startAPI(t, 2000, 3)
	a.Server.SetFaults(emulator.Faults{Latency: 100 * time.Millisecond})
	db := newDatabase(t, a.HCL())
	var stdout, stderr string
	done := make(chan struct{})
	go func() {
		defer close(done)
		stdout, stderr = db.run("select count(*) from vercel_user_token;\nselect 'session goes on';\n")
	}()
	secondPage, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	require.NoError(t, a.Server.AwaitRequests(secondPage, emulator.EndpointList, 2), "the scan never asked for its second page")
	require.Equal(t, "t\n", db.mustExec("select pg_cancel_backend(pid) from pg_stat_activity where query like 'select count(*) from vercel_user_token%';"))
	<-done
	assert.Contains(t, stderr, "ERROR:  57014: canceling statement due to user request")
	assert.Equal(t, "session goes on\n", stdout)
	assertPagingStopped(t, a.Server)
}

// assertPagingStopped checks that list requests stop after a stopped query
// (the plugin's request in flight may still finish) short of the 20 pages.
func assertPagingStopped(t *testing.T, s *emulator.Server) {
	t.Helper()
	pages := testapi.ListRequestsOnceQuiet(t, s, 500*time.Millisecond)
	assert.Less(t, pages, 20, "paging went on to the last page: the stop was not honoured")
}

// Five sessions at once each get every row; two servers are two
// connections whose tables join.
func TestConcurrentSessionsAndTwoServers(t *testing.T) {
	a, b := startAPI(t, 150, 42), startAPI(t, 30, 5)
	db := newDatabase(t, a.HCL())
	db.addServer("other_user", b.HCL())
	var wg sync.WaitGroup
	counts := make([]string, 5)
	for i := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[i] = db.mustExec("select count(*) from vercel_user_token;")
		}()
	}
	wg.Wait()
	for _, c := range counts {
		assert.Equal(t, "150\n", c)
	}
	out := db.mustExec(`select sp_connection_name, count(*) from (
  select sp_connection_name from vercel.vercel_user_token
  union all
  select sp_connection_name from other_user.vercel_user_token
) t group by 1 order by 1;
create table approved (token_id text primary key);
insert into approved select token_id from vercel.vercel_user_token limit 7;
select count(*) from vercel.vercel_user_token t join approved using (token_id);`)
	assert.Equal(t, "other_user|30\nvercel|150\n7\n", out)
}

// A hundred queries in one session leave the backend's memory flat: rows
// stream and scans release what they hold.
func TestBackendMemoryStaysFlat(t *testing.T) {
	a := startAPI(t, 100, 8)
	db := newDatabase(t, a.HCL())
	const rss = "select substring(pg_read_file('/proc/self/status') from 'VmRSS:\\s+(\\d+)');\n"
	var script strings.Builder
	query := "select count(*) from (select * from vercel_user_token) t \\g /dev/null\n"
	for range 10 {
		script.WriteString(query)
	}
	script.WriteString(rss)
	for range 100 {
		script.WriteString(query)
	}
	script.WriteString(rss)
	stdout, stderr := db.run(script.String())
	require.Empty(t, stderr)
	var kb []int
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		n, err := strconv.Atoi(line)
		require.NoError(t, err, line)
		kb = append(kb, n)
	}
	require.Len(t, kb, 2)
	t.Logf("backend RSS after 10 queries %d kB, after 110 %d kB", kb[0], kb[1])
	assert.Less(t, kb[1], kb[0]+16*1024, "the backend grew by more than 16 MB over 100 queries")
}
