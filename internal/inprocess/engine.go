package inprocess

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/turbot/go-kit/helpers"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// ConnectionName is the name of the engine's only connection.
const ConnectionName = "vercel"

// ErrClosed is returned by an Engine, and by its running queries, once
// Close has been called.
var ErrClosed = errors.New("inprocess: engine closed")

// Engine is the plugin server and its connection. It is safe for concurrent
// use.
type Engine struct {
	plugin Plugin
	server *grpc.PluginServer
	// life is cancelled by Close, which stops every running query.
	life    context.Context
	stop    context.CancelCauseFunc
	running sync.WaitGroup
	cache   cacheSettings

	mu     sync.Mutex
	closed bool
	// configured is set by the first Configure; configErr is the outcome
	// of the latest one.
	configured bool
	configErr  error
	secrets    redactor
	// cacheBuilt is set once the SDK's query cache exists, connected once
	// the connection does: later configs change it (see setConnectionConfig).
	cacheBuilt bool
	connected  bool
	// writer writes with the configuration of the latest Configure that
	// succeeded (see TokenWriter).
	writer       *vercel.TokenWriter
	writerConfig string
}

// New creates the plugin server of DefaultPlugin, or the one WithPlugin
// names. The connection is configured by Configure,
// or from the environment by the first call that needs it. The query cache
// follows STEAMPIPE_CACHE, STEAMPIPE_CACHE_MAX_TTL and STEAMPIPE_CACHE_MAX_SIZE_MB
// over the defaults the options set (see cacheSettings).
func New(options ...Option) (_ *Engine, err error) {
	s := settings{plugin: DefaultPlugin(), cache: cacheSettings{enabled: true, ttl: DefaultCacheTTL, maxSizeMb: DefaultCacheMaxSizeMb}}
	for _, option := range options {
		option(&s)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("starting the %s plugin: %w", s.plugin.Name, helpers.ToError(r))
		}
	}()
	cache, err := cacheSettingsFromEnv(s.cache)
	if err != nil {
		return nil, fmt.Errorf("query cache: %w", err)
	}
	if !cache.enabled {
		if err := turnOffForcedCollections(); err != nil {
			return nil, fmt.Errorf("turning off forced garbage collections: %w", err)
		}
	}
	server := plugin.Server(&plugin.ServeOpts{PluginFunc: s.plugin.Func})
	life, stop := context.WithCancelCause(context.Background())
	return &Engine{plugin: s.plugin, server: server, life: life, stop: stop, cache: cache}, nil
}

// EnvFreeMemInterval is the SDK's setting for how many rows a scan streams
// between forced garbage collections (debug.FreeOSMemory); 0 turns them off.
const EnvFreeMemInterval = "STEAMPIPE_FREE_MEM_INTERVAL"

// turnOffForcedCollections sets EnvFreeMemInterval to 0 unless it is set: the
// SDK's full collection every 100 rows took half the CPU of a scan. Without a
// query cache an engine holds at most two pages, and the collector's own
// pacing keeps its memory flat; with one, the cache's store counts as live
// memory and lets garbage grow as large before the collector runs, so the
// forced collections stay. The SDK reads the variable at each query, for the
// whole process: every engine of a program is built with the same options
// and the same STEAMPIPE_CACHE, so they all agree.
func turnOffForcedCollections() error {
	if os.Getenv(EnvFreeMemInterval) != "" {
		return nil
	}
	return os.Setenv(EnvFreeMemInterval, "0")
}

// Close cancels the running queries, waits for them to stop and makes every
// later call fail with ErrClosed. It is safe to call more than once.
func (e *Engine) Close() {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	e.closed = true
	e.mu.Unlock()
	e.stop(ErrClosed)
	e.running.Wait()
}

// startQuery registers a query that is about to run, so Close waits for it.
func (e *Engine) startQuery() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return ErrClosed
	}
	e.running.Add(1)
	return nil
}
