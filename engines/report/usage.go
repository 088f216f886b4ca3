package main

import (
	"fmt"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
)

const commandName = "steampipe_report_vercel"

// usage is the text --help prints, and bad invocations print after their
// error.
func usage() string {
	var vars strings.Builder
	for _, v := range controls.Variables {
		fmt.Fprintf(&vars, "  %-18s %d  %s\n", v.Name, v.Default, v.Description)
	}
	return fmt.Sprintf(`Usage: %[1]s [flags]

Audit the Vercel tokens of one or more users against the token benchmark
(docs/compliance.md), running the plugin in-process.

Who is audited (default: one connection from VERCEL_API_TOKEN, VERCEL_TEAM
and VERCEL_BASE_URL):
  --config HCL          one connection's config, as in a vercel.spc block,
                        e.g. 'api_token = "…"'
  --connections FILE    every connection "name" { plugin = "vercel" … } block
                        of a Steampipe .spc file, read concurrently

Report:
  --output FORMAT       %[2]s
                        (default table); revoke-sql writes DELETE statements for the tokens
                        to revoke now, to read and then run (it revokes
                        nothing itself)
  --results             table, csv, markdown, html: one row per control and
                        token instead of the action list (one row per token:
                        revoke now, rotate, narrow, clean up, review, keep)
  --all                 table, markdown, html: every result, ok and skip
                        too (implies --results; default: alarms and info)
  --min-severity SEV    table, markdown, html: list only tokens (findings
                        with --results) at least this severe
  --at TIME             judge the tokens at this RFC 3339 time instead of now
  --var NAME=DAYS       override a threshold; may be repeated
  --exceptions FILE     accepted findings (JSON; see docs/compliance.md)
  --baseline FILE       an earlier --output json report: marks each alarm
                        new or still open and lists the resolved ones
  --controls DIR        run the *.sql control files of DIR instead of the
                        built-in ones

Exit status:
  --fail-on SEVERITY    exit 1 when an alarm nobody accepted is at least
                        this severe: %[3]s
  --fail-on-new         exit 1 only for alarms the baseline does not have
                        (with --fail-on, only those at least that severe)
  0 nothing to fail on, 1 findings, 2 wrong command line or configuration,
  3 the audit could not read every token (no report is written).

Variables:
%[4]s
Progress goes to stderr when it is a terminal. STEAMPIPE_LOG_LEVEL sets the
plugin's log level on stderr (default %[5]s).

Examples:
  VERCEL_API_TOKEN=… %[1]s
  %[1]s --connections ~/.steampipe/config/vercel.spc --output sarif --fail-on high
  %[1]s --output json > this-week.json
  %[1]s --baseline last-week.json --fail-on-new --exceptions accepted.json
`, commandName, strings.Join(formats, ", "), controls.JoinSeverities(), vars.String(), inprocess.QuietLogLevel)
}
