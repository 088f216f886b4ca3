#!/usr/bin/env bash
# make demo: serve the Vercel API emulator with the sample fixture (anchored to
# today) on 127.0.0.1 and run the token audit (steampipe_report_vercel, see
# docs/compliance.md) against it: the counts per control, then the critical
# findings, the tokens to revoke today. DEMO_ARGS replace the report's
# arguments, e.g. DEMO_ARGS='--output markdown'.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/vercel-emulator" ./cmd/vercel-emulator
go build -o "$work/steampipe_report_vercel" ./engines/report
"$work/vercel-emulator" -tokens 300 -seed 1 -relative-to-now -addr 127.0.0.1:0 \
  >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$work/emulator.out" 2>/dev/null && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.err" >&2; exit 1; }
  sleep 0.1
done
base_url=$(sed -n 's/^listening on //p' "$work/emulator.out")
secret=$(sed -n 's/.*bearer_tokens: //p' "$work/emulator.err" | cut -d' ' -f1)
[ -n "$base_url" ] && [ -n "$secret" ] || { echo "the emulator did not start" >&2; exit 1; }

# Only the report goes to stdout, so that it can be redirected to a file.
echo "Token audit of the emulator's 300 sample tokens ($base_url)" >&2
echo >&2
# The token travels in the environment, not on the command line.
status=0
TMPDIR="$work" VERCEL_API_TOKEN="$secret" "$work/steampipe_report_vercel" \
  --config "base_url = \"$base_url\"" ${DEMO_ARGS:---min-severity critical} || status=$?
echo >&2
echo "exit status $status (see docs/compliance.md: 0 nothing to fail on, 1 findings at --fail-on, 2 usage, 3 incomplete)" >&2
[ -n "${DEMO_ARGS:-}" ] || cat >&2 <<'MORE'

This is the short version (--min-severity critical). The same audit of the sample tokens:
  high findings too:       make demo DEMO_ARGS='--min-severity high'
  every token:             make demo DEMO_ARGS='--output table'
  every result:            make demo DEMO_ARGS='--all'
  in another format:       DEMO_ARGS='--output FORMAT' scripts/demo.sh > audit.FORMAT
                           FORMAT: markdown, html (a dashboard), csv (the action list; --results:
                           every result), json (both), sarif (alarms), revoke-sql (the revoke plan)
Your own tokens:           VERCEL_API_TOKEN=... scripts/report.sh --output html > audit.html
See docs/compliance.md for the controls, exceptions, baselines and scheduling.
MORE
[ "$status" -le 1 ]
