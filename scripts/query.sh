#!/usr/bin/env bash
# make query: run SQL over the vercel_user_token table in the sqlite3 shell,
# with the SQLite extension loaded, and print it as a box table.
#
# The SQL comes, first found, from
#   SQL_FILE  a file to read, or - for standard input;
#   SQL       the SQL itself (make passes it on unexpanded: quotes and $ stay);
#   standard input, when it is not a terminal (make query < audit.sql);
#   else a default query listing every token.
# Everything sqlite3 prints goes through termsafe, which shows control
# characters (a token name's ANSI escapes, say) as visible \x.. escapes.
#
# SQLITE_EXTENSION and TERMSAFE name the built extension (without .so) and
# filter; the Makefile sets them.
set -euo pipefail

default_sql="select name, type, scope_types, active_at, expires_at from vercel_user_token order by active_at desc"

if [ -n "${SQL_FILE:-}" ]; then
  if [ "$SQL_FILE" = - ]; then
    sql=$(cat)
  else
    [ -r "$SQL_FILE" ] || { echo "make query: SQL_FILE=$SQL_FILE: no such readable file" >&2; exit 2; }
    sql=$(cat -- "$SQL_FILE")
  fi
  [ -n "${sql//[[:space:]]/}" ] || { echo "make query: SQL_FILE=$SQL_FILE holds no SQL" >&2; exit 2; }
elif [ -n "${SQL:-}" ]; then
  sql=$SQL
elif [ ! -t 0 ]; then
  sql=$(cat)
  [ -n "${sql//[[:space:]]/}" ] || sql=$default_sql
else
  sql=$default_sql
fi

: "${SQLITE_EXTENSION:?set by the Makefile: the extension to load, without .so}"
: "${TERMSAFE:?set by the Makefile: the termsafe filter}"

# The SQL goes to sqlite3 on standard input, never as an argument: an
# argument shows in ps for the whole query (with any api_token in a
# steampipe_configure_vercel() call) and cannot exceed 128 KB. sqlite3 reads
# it as it reads a file (dot-commands at the start of a line work, -bail
# stops at the first error) and never waits for more.
# stdout and stderr each go through their own termsafe (fd 3 carries stdout
# past the stderr pipe); pipefail keeps sqlite3's exit status.
unset SQL SQL_FILE
{
  sqlite3 -bail -box -cmd ".load \"$SQLITE_EXTENSION\"" :memory: <<<"$sql" 2>&1 >&3 3>&- |
    "$TERMSAFE" >&2 3>&-
} 3>&1 | "$TERMSAFE"
