#!/usr/bin/env bash
# The weekly token audit for cron (docs/compliance.md, "Scheduling"):
#   scripts/weekly.sh DIR [REPORT ARGS…]
# e.g. scripts/weekly.sh /var/lib/vercel-audit --connections /etc/vercel-audit/vercel.spc --fail-on high
#
# Keeps one JSON report a day in DIR/reports/YYYY-MM-DD.json (UTC) and a link
# DIR/latest.json to the newest. The baseline is the newest report of an
# earlier day: the first run has none and its report becomes the first
# baseline; later runs add --baseline and --fail-on-new, so that they fail
# only on what is new. A rerun on the same day compares with the same
# baseline again and replaces that day's report. Each report is written to a
# hidden temporary file in DIR/reports and renamed into place only once
# complete, so no run, failed or interrupted, ever empties or loses an
# earlier report (an interrupted run may leave a hidden .DATE.XXXXXX file,
# which is never read).
#
# Exit status, for a wrapper to act on:
#   0  report saved; nothing new to fail on
#   1  report saved; new alarms (at least --fail-on's severity, if given)
#   2  nothing saved: the command line or a connection's configuration is
#      wrong (no token, a token Vercel rejects or whose scope falls short…):
#      a person must fix it
#   3  nothing saved: the audit could not complete (the API kept failing,
#      the build failed): run it again later
#   4  nothing saved: the report could not be written to DIR (missing,
#      not writable, disk full)
# Earlier reports are left as they were in every case.
#
# REPORT_BINARY names a built steampipe_report_vercel to run; without it,
# scripts/report.sh builds one (which needs Go). VERCEL_AUDIT_DATE
# (YYYY-MM-DD) replaces today's date, to redo a day or in tests.
set -uo pipefail

if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then
  echo "usage: scripts/weekly.sh DIR [steampipe_report_vercel arguments…]" >&2
  exit 2
fi
dir=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
today=${VERCEL_AUDIT_DATE:-$(date -u +%F)}
if ! [[ $today =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "scripts/weekly.sh: VERCEL_AUDIT_DATE=$today: want YYYY-MM-DD" >&2
  exit 2
fi
if ! mkdir -p "$dir/reports" || ! [ -w "$dir/reports" ]; then
  echo "scripts/weekly.sh: cannot write to $dir/reports: nothing was run" >&2
  exit 4
fi

# The baseline: the newest report of a day before today (names sort by date).
baseline=""
for report in "$dir"/reports/????-??-??.json; do
  [ -f "$report" ] || continue
  day=$(basename "$report" .json)
  [[ $day < $today ]] && baseline=$report
done
args=(--output json "$@")
[ -n "$baseline" ] && args+=(--baseline "$baseline" --fail-on-new)

new=$(mktemp "$dir/reports/.$today.XXXXXX") || {
  echo "scripts/weekly.sh: cannot create a file in $dir/reports: nothing was run" >&2
  exit 4
}
trap 'rm -f "$new"' EXIT
if [ -n "${REPORT_BINARY:-}" ]; then
  "$REPORT_BINARY" "${args[@]}" >"$new"
else
  "$root/scripts/report.sh" "${args[@]}" >"$new"
fi
status=$?
if [ "$status" -le 1 ] && ! [ -s "$new" ]; then
  status=3 # the command said it wrote a report, but there is none
fi
if [ "$status" -gt 1 ]; then
  echo "scripts/weekly.sh: the audit exited $status: no report saved, earlier reports unchanged" >&2
  exit "$status"
fi

# On disk before it replaces anything; then two renames, each atomic.
sync "$new" 2>/dev/null
saved="$dir/reports/$today.json"
link="$dir/.latest.$$"
if ! mv -f "$new" "$saved" || ! ln -sfn "reports/$today.json" "$link" || ! mv -fT "$link" "$dir/latest.json"; then
  rm -f "$link"
  echo "scripts/weekly.sh: could not save $saved: earlier reports unchanged" >&2
  exit 4
fi
if [ -n "$baseline" ]; then
  echo "scripts/weekly.sh: saved $saved, compared with $baseline; exit $status"
else
  echo "scripts/weekly.sh: saved $saved, the first baseline; exit $status"
fi
exit "$status"
