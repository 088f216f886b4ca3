package main

import (
	"time"
)

// bucket is a chart's bar: the tokens whose whole days fall in [from, to].
type bucket struct {
	label    string
	from, to int
}

const forever = 1 << 30

var (
	lastUseBuckets = []bucket{{"in the last 7 days", 0, 7}, {"8–30 days ago", 8, 30}, {"31–90 days ago", 31, 90}, {"91–365 days ago", 91, 365}, {"over a year ago", 366, forever}}
	ageBuckets     = []bucket{{"under 31 days", 0, 30}, {"31–90 days", 31, 90}, {"91–365 days", 91, 365}, {"over a year", 366, forever}}
	expiryBuckets  = []bucket{{"within 7 days", 0, 7}, {"in 8–30 days", 8, 30}, {"in 31–90 days", 31, 90}, {"in 91–365 days", 91, 365}, {"in over a year", 366, forever}}
)

// dashboardCharts count the listed tokens by last use and age (live ones)
// and by when they expire (expired ones too).
func dashboardCharts(list []tokenAction, now time.Time) []dashboardChart {
	lastUse := newCounts(len(lastUseBuckets) + 1)
	age := newCounts(len(ageBuckets))
	expiry := newCounts(len(expiryBuckets) + 2)
	for _, a := range list {
		if a.Live {
			if days, ok := daysBetween(a.LastUsedAt, now); ok {
				lastUse[bucketOf(lastUseBuckets, days)]++
			} else {
				lastUse[len(lastUseBuckets)]++ // never used
			}
			if days, ok := daysBetween(a.CreatedAt, now); ok {
				age[bucketOf(ageBuckets, days)]++
			}
		}
		switch days, ok := daysBetween(a.ExpiresAt, now); {
		case !ok:
			expiry[len(expiryBuckets)+1]++ // never expires
		case !a.Live:
			expiry[0]++ // expired
		default:
			expiry[1+bucketOf(expiryBuckets, -days)]++
		}
	}
	return []dashboardChart{
		chart("Last use (live tokens)", labels(lastUseBuckets, "never used"), lastUse),
		chart("Age (live tokens)", labels(ageBuckets), age),
		chart("Expiry horizon", append(append([]string{"expired"}, labels(expiryBuckets)...), "never"), expiry),
	}
}

func newCounts(n int) []int { return make([]int, n) }

// daysBetween is the whole days from t to now; not ok without t.
func daysBetween(t *string, now time.Time) (int, bool) {
	if t == nil {
		return 0, false
	}
	at, err := time.Parse(time.RFC3339, *t)
	if err != nil {
		return 0, false
	}
	return int(now.Sub(at).Hours() / 24), true
}

func bucketOf(buckets []bucket, days int) int {
	for i, b := range buckets {
		if days >= b.from && days <= b.to {
			return i
		}
	}
	return 0 // a time after now: the first bucket
}

func labels(buckets []bucket, more ...string) []string {
	names := make([]string, 0, len(buckets)+len(more))
	for _, b := range buckets {
		names = append(names, b.label)
	}
	return append(names, more...)
}

// chart makes bars whose widths are their counts against the largest.
func chart(title string, names []string, counts []int) dashboardChart {
	largest := 0
	for _, n := range counts {
		largest = max(largest, n)
	}
	c := dashboardChart{Title: title}
	for i, name := range names {
		width := 0
		if largest > 0 {
			width = counts[i] * 100 / largest
		}
		c.Bars = append(c.Bars, dashboardBar{Label: name, Count: counts[i], Width: width})
	}
	return c
}
