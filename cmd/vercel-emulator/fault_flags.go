package main

import (
	"flag"
	"fmt"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// faultFlags are the flags that make a served emulator misbehave, to
// reproduce a hostile API by hand.
type faultFlags struct {
	faults     emulator.Faults
	foreign404 string
}

func (f *faultFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.faults.AlwaysStatus, "always-status", 0, "answer every request with this HTTP `status` (0: off)")
	fs.StringVar(&f.faults.RetryAfter, "retry-after", "", "raw Retry-After `value` of 429 answers, sent as it is (Inf, NaN, -5…)")
	fs.BoolVar(&f.faults.OmitRetryAfter, "omit-retry-after", false, "send 429 answers without Retry-After")
	fs.BoolVar(&f.faults.ResetInMillis, "reset-ms", false, "send X-RateLimit-Reset in epoch milliseconds")
	fs.BoolVar(&f.faults.EchoHeaders, "echo-headers", false, "echo the request's headers, Authorization included, in error bodies")
	fs.BoolVar(&f.faults.EmptyPages, "empty-pages", false, "answer every list with no tokens and a fresh cursor: endless paging")
	fs.IntVar(&f.faults.CursorBytes, "cursor-bytes", 0, "pad pagination cursors to `N` bytes")
	fs.BoolVar(&f.faults.RepeatToken, "repeat-token", false, "start each page with the last token of the page before")
	fs.StringVar(&f.foreign404, "foreign-404", "", "answer every request with a 404 that is not Vercel's: html or json")
}

// finish checks what the flags cannot check themselves.
func (f *faultFlags) finish() (emulator.Faults, error) {
	switch f.foreign404 {
	case "":
	case "html":
		f.faults.Foreign404 = emulator.Foreign404HTML
	case "json":
		f.faults.Foreign404 = emulator.Foreign404JSON
	default:
		return f.faults, fmt.Errorf("-foreign-404 must be html or json, not %q", f.foreign404)
	}
	switch {
	case f.faults.AlwaysStatus != 0 && (f.faults.AlwaysStatus < 100 || f.faults.AlwaysStatus > 599):
		return f.faults, fmt.Errorf("-always-status must be an HTTP status (100 to 599), not %d", f.faults.AlwaysStatus)
	case f.faults.CursorBytes < 0:
		return f.faults, fmt.Errorf("-cursor-bytes must not be negative")
	}
	return f.faults, nil
}
