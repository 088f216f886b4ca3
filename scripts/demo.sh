#!/usr/bin/env bash
# make demo: serve the Vercel API emulator with the sample fixture (anchored to
# today) on 127.0.0.1, point the SQLite extension at it, and print a
# token-hygiene report made of the documented example queries.
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

# example TITLE: the sql+sqlite block under "### TITLE" in the table docs.
example() {
  awk -v title="### $1" '
    $0 == title { found = 1; next }
    found && /^```sql\+sqlite$/ { inblock = 1; next }
    inblock && /^```$/ { exit }
    inblock { print }
  ' docs/tables/vercel_user_token.md
}

report=(
  "Summarise the state of all tokens"
  "List leaked tokens that can still be used"
  "List never-expiring tokens with access to the whole account"
  "List tokens with a multi-factor (sudo) elevation"
  "Count tokens by origin"
)
{
  echo ".load ./steampipe_sqlite_vercel"
  echo ".output /dev/null"
  printf "select steampipe_configure_vercel('api_token = \"%s\"\nbase_url = \"%s\"');\n" "$secret" "$base_url"
  echo ".output"
  echo ".mode box"
  for title in "${report[@]}"; do
    sql=$(example "$title")
    [ -n "$sql" ] || { echo "no sql+sqlite example titled \"$title\" in docs/tables/vercel_user_token.md" >&2; exit 1; }
    echo ".print"
    echo ".print '$title'"
    echo "$sql"
  done
} >"$work/report.sql"

echo "Token-hygiene report over the emulator's sample tokens ($base_url)"
TMPDIR="$work" sqlite3 -batch :memory: <"$work/report.sql"
