package inprocess

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// allocatedDuring is how many bytes f allocated (with the rest of the
// process: these tests do not run in parallel).
func allocatedDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestAnEngineWithTheCacheOffBuildsNoCacheStore(t *testing.T) {
	testapi.IsolateEnv(t)
	t.Setenv(EnvCache, "")
	api := startAPI(t, 10)
	var e *Engine
	allocated := allocatedDuring(func() {
		var err error
		e, err = New(CacheOffByDefault())
		require.NoError(t, err)
		require.NoError(t, e.Configure(api.HCL()))
	})
	t.Cleanup(e.Close)
	// The SDK's store for 600,000 entries takes tens of megabytes; an
	// engine without a cache should cost next to nothing.
	assert.Less(t, allocated, uint64(4<<20), "bytes allocated by New and Configure with the cache off")
	ids, err := readAll(t.Context(), e, tokenQuery("token_id"), "token_id")
	require.NoError(t, err)
	assert.Len(t, ids, 10, "an engine with the cache off still answers")
}

func TestScansWithoutTheCacheForceNoGarbageCollection(t *testing.T) {
	testapi.IsolateEnv(t)
	t.Setenv(EnvCache, "")
	api := startAPI(t, 1000)
	// With the collector off, every collection during a scan is one the
	// SDK forced (debug.FreeOSMemory).
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	collectionsDuring := func(q sdkquery.Query, rows int, options ...Option) uint32 {
		e, err := New(options...)
		require.NoError(t, err)
		t.Cleanup(e.Close)
		require.NoError(t, e.Configure(api.HCL()))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ids, err := readAll(t.Context(), e, q, "token_id")
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		require.Len(t, ids, rows)
		return after.NumForcedGC - before.NumForcedGC
	}
	collectionsDuringScan := func(options ...Option) uint32 {
		return collectionsDuring(tokenQuery("token_id"), 1000, options...)
	}
	limited := tokenQuery("token_id")
	limited.Limit = rowlimit.Rows(150)

	// The SDK reads the setting at each query, for the whole process: each
	// case starts from the environment it names.
	t.Setenv(EnvFreeMemInterval, "")
	assert.Zero(t, collectionsDuringScan(CacheOffByDefault()), "an engine without a cache turns off the SDK's collection every 100 rows")
	assert.Equal(t, "0", os.Getenv(EnvFreeMemInterval), "through the SDK's own setting")
	// The SDK forces one more when a row comes past a LIMIT, whatever the
	// setting; the limit is the page size, so none ever does.
	assert.Zero(t, collectionsDuring(limited, 150, CacheOffByDefault()), "nor one when the LIMIT is met")

	t.Setenv(EnvFreeMemInterval, "")
	assert.GreaterOrEqual(t, collectionsDuringScan(), uint32(9), "an engine with a cache keeps them")

	t.Setenv(EnvFreeMemInterval, "100")
	assert.GreaterOrEqual(t, collectionsDuringScan(CacheOffByDefault()), uint32(9), "STEAMPIPE_FREE_MEM_INTERVAL still turns them on")
	assert.Equal(t, "100", os.Getenv(EnvFreeMemInterval), "a value the user set is kept")
}
