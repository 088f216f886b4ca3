#!/usr/bin/env bash
# Installs what the SQLite engine and its tests need and a fresh Debian
# machine may lack: the sqlite3 shell and libsqlite3-dev (sqlite3ext.h), and
# chromium for the report's HTML test, and PostgreSQL 15 with its server
# headers (PGXS) for the Postgres engine and its tests.
set -euo pipefail

missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
[ -f /usr/include/sqlite3ext.h ] || missing+=(libsqlite3-dev)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
# The report's HTML test renders the page in headless Chromium.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The Postgres engine is built with PGXS for PostgreSQL 15 and its tests run
# a private cluster with that server's initdb and postgres.
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
[ -f /usr/include/postgresql/15/server/foreign/fdwapi.h ] || missing+=(postgresql-server-dev-15)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing ${missing[*]} from Debian's packages" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "error: ${missing[*]} missing and not root: install them with apt-get" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
