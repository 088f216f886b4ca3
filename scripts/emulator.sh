#!/usr/bin/env bash
# make emulator: serve the Vercel API emulator with FIXTURE on ADDR until
# Ctrl-C, and print the variables that point make query, the exporter or
# the SQLite extension at it.
set -euo pipefail
cd "$(dirname "$0")/.."

fixture=${FIXTURE:-emulator/fixtures/sample.json}
addr=${ADDR:-127.0.0.1:8787}

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

go build -o "$work/vercel-emulator" ./cmd/vercel-emulator
"$work/vercel-emulator" -fixture "$fixture" -addr "$addr" >"$work/out" 2>"$work/err" &
emulator_pid=$!
until grep -qs '^listening on ' "$work/out"; do
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    cat "$work/err" >&2
    emulator_pid=""
    exit 1
  fi
  sleep 0.1
done
base_url=$(sed -n 's/^listening on //p' "$work/out")
token=$(sed -n 's/.*bearer_tokens: //p' "$work/err" | cut -d' ' -f1)

cat <<EOT
The Vercel API emulator serves $fixture on $base_url until Ctrl-C.
In another shell, run:

export VERCEL_BASE_URL=$base_url
export VERCEL_API_TOKEN=$token
make query

(The token is the fixture's, not a real credential.)
EOT
wait "$emulator_pid"
