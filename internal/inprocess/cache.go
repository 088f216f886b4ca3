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
)

// DefaultCacheTTL is Steampipe's default: short enough that a revoked token
// drops out of results within minutes.
const DefaultCacheTTL = 300 * time.Second

// cacheSettings decide whether a query may be served from, and feed, the
// SDK's query cache: rows of a scan serve every scan of the same table that
// asks for the same or fewer columns, the same key values and no more rows,
// until they are ttl old. A scan that asks while another is still fetching
// shares its requests.
type cacheSettings struct {
	enabled bool
	ttl     time.Duration
}

func cacheSettingsFromEnv() (cacheSettings, error) {
	s := cacheSettings{enabled: true, ttl: DefaultCacheTTL}
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
	return s, nil
}
