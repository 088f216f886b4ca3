package main

import (
	"strings"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// selfJoin scans the table once for a and once per row of a for b: the
// join is on a column the API cannot filter.
const selfJoin = "select count(*) as n from vercel_user_token a join vercel_user_token b on a.name = b.name"

const cacheTokens = 250 // three list pages

func startCacheAPI(t *testing.T) *api {
	t.Helper()
	return startAPIWith(t, emulator.GenerateFixture(cacheTokens, 42))
}

func TestSelfJoinListsOnce(t *testing.T) {
	t.Parallel()
	a := startCacheAPI(t)
	rows := newShell(t).query(a.configured(), selfJoin)
	if len(rows) != 1 || rows[0]["n"].(float64) < cacheTokens {
		t.Fatalf("got %v, want at least %d pairs", rows, cacheTokens)
	}
	if got := a.Server.Count(emulator.EndpointList); got != 3 {
		t.Errorf("%d list requests, want 3: the pages of %d tokens, once", got, cacheTokens)
	}
}

func TestCacheOffListsPerScan(t *testing.T) {
	t.Parallel()
	a := startCacheAPI(t)
	newShell(t, "STEAMPIPE_CACHE=false").query(a.configured(), selfJoin)
	if got := a.Server.Count(emulator.EndpointList); got <= 3 {
		t.Errorf("%d list requests with STEAMPIPE_CACHE=false, want one listing per scan", got)
	}
}

func TestCachedRowsExpire(t *testing.T) {
	t.Parallel()
	a := startCacheAPI(t)
	const scan = "select count(*) as n from vercel_user_token;\n"
	// Within the TTL the second statement is served from the cache; once
	// the TTL has passed, the third lists again.
	stdout, stderr := newShell(t, "STEAMPIPE_CACHE_MAX_TTL=1").run(quietly(a.configured()) +
		scan + scan + ".shell sleep 1.5\n" + scan)
	if stderr != "" {
		t.Fatalf("stderr: %s\nstdout: %s", stderr, stdout)
	}
	if got := a.Server.Count(emulator.EndpointList); got != 6 {
		t.Errorf("%d list requests, want 6: three pages, then none from the cache, then three after the TTL", got)
	}
}

func TestBadCacheSettingFailsTheLoad(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"STEAMPIPE_CACHE=maybe", "STEAMPIPE_CACHE_MAX_TTL=0", "STEAMPIPE_CACHE_MAX_TTL=5m"} {
		_, stderr := newShell(t, env).run("select 1;\n")
		name, _, _ := strings.Cut(env, "=")
		if !strings.Contains(stderr, name) || !strings.Contains(stderr, "load steampipe_sqlite_vercel") {
			t.Errorf("%s: stderr does not explain the bad setting:\n%s", env, stderr)
		}
	}
}
