#!/usr/bin/env bash
# The token audit (docs/compliance.md): builds bin/steampipe_report_vercel and
# runs it with these arguments, on the connection from VERCEL_API_TOKEN,
# VERCEL_TEAM and VERCEL_BASE_URL unless the arguments say otherwise. Its exit
# status is the command's (0 nothing to fail on, 1 findings, 2 usage or
# configuration, 3 incomplete); a failed build exits 3 too, never 0 or 1. Only the report goes
# to stdout, and relative paths in the arguments are read from where it is run.
#   scripts/report.sh --output sarif --fail-on high > vercel-tokens.sarif
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary="$root/bin/steampipe_report_vercel"
if ! go -C "$root" build -o "$binary" ./engines/report >&2; then
  echo "scripts/report.sh: building $binary failed: no audit was run" >&2
  exit 3
fi
exec "$binary" "$@"
