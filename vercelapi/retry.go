package vercelapi

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds how the client retries answers worth retrying: 429
// (after the wait the API asks for), 5xx and connection errors (after an
// exponential backoff with jitter). 401, 403 and other 4xx are never retried.
type RetryPolicy struct {
	// MaxAttempts is the number of tries in all, the first included.
	MaxAttempts int
	// BaseDelay is the first backoff after a 5xx or connection error; it
	// doubles each time up to MaxDelay.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MaxRateLimitWait is the longest wait a 429 may ask for. When the API
	// asks for longer, the client fails at once rather than hang the query.
	MaxRateLimitWait time.Duration
}

// DefaultRetryPolicy is used when Config.Retry is nil.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxAttempts:      5,
		BaseDelay:        250 * time.Millisecond,
		MaxDelay:         8 * time.Second,
		MaxRateLimitWait: 60 * time.Second,
	}
}

// backoff returns the wait before try number attempt+1 after a 5xx or a
// connection error: BaseDelay·2^(attempt-1), capped, with half of it jittered
// so that many clients do not retry in step.
func (p RetryPolicy) backoff(attempt int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(half+1)
}

// rateLimitWait reads how long a 429 asks the client to wait: Retry-After
// (seconds or an HTTP date) first, else X-RateLimit-Reset (epoch seconds),
// else the backoff for this attempt.
// ok is false when the wait exceeds MaxRateLimitWait.
func (p RetryPolicy) rateLimitWait(h http.Header, now time.Time, attempt int) (wait time.Duration, ok bool) {
	wait, found := retryAfter(h.Get("Retry-After"), now)
	if !found {
		wait, found = rateLimitReset(h.Get("X-RateLimit-Reset"), now)
	}
	if !found {
		wait = p.backoff(attempt)
	}
	wait = max(wait, 0)
	return wait, wait <= p.MaxRateLimitWait
}

func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now), true
	}
	return 0, false
}

func rateLimitReset(v string, now time.Time) (time.Duration, bool) {
	secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, false
	}
	return time.Unix(secs, 0).Sub(now), true
}

// sleep waits for d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
