package vercelapi

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds how the client retries answers worth retrying: 429
// (after the wait the API asks for), 5xx and connection failures that may
// heal (after an exponential backoff with jitter). 401, 403 and other 4xx
// are never retried, nor failures that would recur (see mayHeal).
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
	// Clock reads the time that date-valued hints are measured from and
	// waits between tries; nil is the wall clock.
	Clock Clock
}

// Clock is the time source of a RetryPolicy; tests pass one that does not
// wait.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or until ctx is done, when it returns ctx.Err().
	Sleep(ctx context.Context, d time.Duration) error
}

func (p RetryPolicy) clock() Clock {
	if p.Clock == nil {
		return wallClock{}
	}
	return p.Clock
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
// (seconds or an HTTP date) first, else X-RateLimit-Reset (epoch seconds, or
// milliseconds for values too large to be seconds), else the backoff for
// this attempt. A hint that is not a valid wait (garbage, NaN, a negative
// number of seconds) is passed over for the next. hint names the header the
// wait comes from. ok is false when the wait exceeds MaxRateLimitWait: an
// infinite or absurd wait fails at once.
func (p RetryPolicy) rateLimitWait(h http.Header, now time.Time, attempt int) (wait time.Duration, hint string, ok bool) {
	for _, header := range []struct {
		name  string
		parse func(string, time.Time) (time.Duration, bool)
	}{{"Retry-After", retryAfter}, {"X-RateLimit-Reset", rateLimitReset}} {
		value := strings.TrimSpace(h.Get(header.name))
		if wait, found := header.parse(value, now); found {
			wait = max(wait, 0)
			return wait, header.name + ": " + value, wait <= p.MaxRateLimitWait
		}
	}
	return p.backoff(attempt), "", true
}

func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if math.IsNaN(secs) || secs < 0 {
			return 0, false
		}
		return secondsToDuration(secs), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now), true
	}
	return 0, false
}

// epochMillisFrom is where X-RateLimit-Reset values turn from seconds (year
// 5138 at most) into milliseconds (from March 1973).
const epochMillisFrom = 100_000_000_000

func rateLimitReset(v string, now time.Time) (time.Duration, bool) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	if n >= epochMillisFrom {
		return time.UnixMilli(n).Sub(now), true
	}
	return time.Unix(n, 0).Sub(now), true
}

// secondsToDuration converts without overflow: a wait past what a Duration
// holds saturates.
func secondsToDuration(secs float64) time.Duration {
	if secs >= float64(math.MaxInt64)/float64(time.Second) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(secs * float64(time.Second))
}

// describeWait prints a wait for a person; a saturated one is not a date.
func describeWait(d time.Duration) string {
	if d > 24*time.Hour {
		return "more than a day"
	}
	return d.Round(time.Second).String()
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Sleep(ctx context.Context, d time.Duration) error {
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
