package display

import "time"

// TimestampLayout is RFC 3339 in UTC with exactly three fractional digits:
// Vercel's timestamps are milliseconds, and a fixed width keeps outputs of
// different engines and runs comparable byte for byte.
const TimestampLayout = "2006-01-02T15:04:05.000Z07:00"

// Timestamp formats t in UTC with TimestampLayout.
func Timestamp(t time.Time) string {
	return t.UTC().Format(TimestampLayout)
}
