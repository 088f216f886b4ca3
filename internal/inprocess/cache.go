package inprocess

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// The query cache knobs, under the names Turbot's Steampipe SQLite
// extensions and exporters read.
const (
	// EnvCache turns the query cache on ("true", the default) or off.
	EnvCache = "STEAMPIPE_CACHE"
	// EnvCacheMaxTTL is how long, in seconds, a scan's rows serve later
	// scans asking for the same rows.
	EnvCacheMaxTTL = "STEAMPIPE_CACHE_MAX_TTL"
	// EnvCacheMaxSizeMb bounds the memory the query cache may hold.
	EnvCacheMaxSizeMb = "STEAMPIPE_CACHE_MAX_SIZE_MB"
)

// DefaultCacheTTL is Steampipe's default: short enough that a revoked token
// drops out of results within minutes.
const DefaultCacheTTL = 300 * time.Second

// DefaultCacheMaxSizeMb bounds the cache of one engine: an engine lives in
// a process of its host (a sqlite3 shell, each PostgreSQL backend), and the
// SDK's store, left unbounded, reserves about 290 MB up front.
const DefaultCacheMaxSizeMb = 32

// cacheSettings decide whether a query may be served from, and feed, the
// SDK's query cache: rows of a scan serve every scan of the same table that
// asks for the same or fewer columns, the same key values and no more rows,
// until they are ttl old. A scan that asks while another is still fetching
// shares its requests.
type cacheSettings struct {
	enabled   bool
	ttl       time.Duration
	maxSizeMb int
}

// CacheOffByDefault leaves the query cache off unless STEAMPIPE_CACHE=true,
// for hosts that keep an engine in each of many processes and can repeat a
// scan themselves: PostgreSQL materialises a foreign scan it reads twice, and
// every backend holding a cache would cost tens of megabytes.
func CacheOffByDefault() Option {
	return func(s *settings) { s.cache.enabled = false }
}

func cacheSettingsFromEnv(defaults cacheSettings) (cacheSettings, error) {
	s := defaults
	if v, ok := os.LookupEnv(EnvCache); ok && v != "" {
		enabled, err := strconv.ParseBool(v)
		if err != nil {
			return s, fmt.Errorf("%s=%q: want true or false", EnvCache, v)
		}
		s.enabled = enabled
	}
	if v, ok := os.LookupEnv(EnvCacheMaxTTL); ok && v != "" {
		seconds, err := strconv.ParseInt(v, 10, 32)
		if err != nil || seconds < 1 {
			return s, fmt.Errorf("%s=%q: want a whole number of seconds, at least 1", EnvCacheMaxTTL, v)
		}
		s.ttl = time.Duration(seconds) * time.Second
	}
	if v, ok := os.LookupEnv(EnvCacheMaxSizeMb); ok && v != "" {
		mb, err := strconv.ParseInt(v, 10, 32)
		if err != nil || mb < 1 {
			return s, fmt.Errorf("%s=%q: want a whole number of megabytes, at least 1", EnvCacheMaxSizeMb, v)
		}
		s.maxSizeMb = int(mb)
	}
	return s, nil
}
