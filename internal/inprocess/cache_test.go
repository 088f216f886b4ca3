package inprocess

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

func TestSecondScanIsServedFromTheCache(t *testing.T) {
	for _, tc := range []struct {
		cache string
		lists int
	}{{"", 3}, {"true", 3}, {"false", 9}} {
		t.Run("STEAMPIPE_CACHE="+tc.cache, func(t *testing.T) {
			testapi.IsolateEnv(t)
			t.Setenv(EnvCache, tc.cache)
			api := startAPI(t, 250)
			e := newEngine(t, api.HCL())
			for range 2 {
				ids, err := readAll(t.Context(), e, tokenQuery("token_id", "name"), "token_id")
				require.NoError(t, err)
				assert.Len(t, ids, 250)
			}
			// Fewer columns are served from the same rows.
			ids, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
			require.NoError(t, err)
			assert.Len(t, ids, 250)
			assert.Equal(t, tc.lists, api.Server.Count(emulator.EndpointList), "list requests for three scans of three pages")
		})
	}
}

func TestCacheOffByDefaultLeavesTheChoiceToTheEnvironment(t *testing.T) {
	for _, tc := range []struct {
		cache string
		lists int
	}{{"", 6}, {"false", 6}, {"true", 2}} {
		t.Run("STEAMPIPE_CACHE="+tc.cache, func(t *testing.T) {
			testapi.IsolateEnv(t)
			t.Setenv(EnvCache, tc.cache)
			api := startAPI(t, 150)
			e, err := New(CacheOffByDefault())
			require.NoError(t, err)
			t.Cleanup(e.Close)
			require.NoError(t, e.Configure(api.HCL()))
			for range 3 {
				ids, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
				require.NoError(t, err)
				assert.Len(t, ids, 150)
			}
			assert.Equal(t, tc.lists, api.Server.Count(emulator.EndpointList), "list requests for three scans of two pages")
		})
	}
}

func TestBadCacheSettingsFailNew(t *testing.T) {
	for _, env := range [][2]string{{EnvCache, "sometimes"}, {EnvCacheMaxTTL, "0"}, {EnvCacheMaxTTL, "-5"}, {EnvCacheMaxTTL, "1h"}, {EnvCacheMaxSizeMb, "0"}, {EnvCacheMaxSizeMb, "lots"}} {
		t.Run(env[0]+"="+env[1], func(t *testing.T) {
			testapi.IsolateEnv(t)
			t.Setenv(env[0], env[1])
			_, err := New()
			require.Error(t, err)
			assert.Contains(t, err.Error(), env[0]+"=")
		})
	}
}

// hangingAPI answers nothing for minutes, and counts the requests whose
// client went away while waiting.
func hangingAPI(t *testing.T) (srv *emulator.Server, url, secret string, abandoned *atomic.Int32) {
	t.Helper()
	f := emulator.GenerateFixture(1, 7)
	srv, err := emulator.New(f)
	require.NoError(t, err)
	srv.SetFaults(emulator.Faults{Latency: 5 * time.Minute})
	abandoned = new(atomic.Int32)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r)
		if r.Context().Err() != nil {
			abandoned.Add(1)
		}
	}))
	t.Cleanup(hs.Close)
	return srv, hs.URL, f.Secret(), abandoned
}

// The cache runs a scan apart from its callers, so that other scans can
// share it; when the last of them goes, the request must go too.
func TestClosingACachedScanAbandonsItsRequest(t *testing.T) {
	testapi.IsolateEnv(t)
	srv, url, secret, abandoned := hangingAPI(t)
	e := newEngine(t, "api_token = \""+secret+"\"\nbase_url = \""+url+"\"")

	rows, err := e.Query(t.Context(), tokenQuery("token_id"))
	require.NoError(t, err)
	require.Eventually(t, func() bool { return srv.Count(emulator.EndpointList) == 1 }, 10*time.Second, 10*time.Millisecond)
	done := make(chan struct{})
	go func() {
		rows.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Close still waits for the hanging request")
	}
	assert.Eventually(t, func() bool { return abandoned.Load() == 1 }, 10*time.Second, 10*time.Millisecond,
		"the server never saw the client go away")
}
