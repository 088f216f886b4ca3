#!/usr/bin/env bash
# make postgres-shell: psql on a throw-away PostgreSQL with the extension.
#
# Creates a cluster in a temporary directory on a free port of 127.0.0.1 (run
# by the postgres OS user when this runs as root, since PostgreSQL refuses
# root), builds the extension and installs it into that cluster's private
# installation only (scripts/postgres-private-install.sh), creates the
# server vercel and a user mapping from VERCEL_API_TOKEN (with
# VERCEL_BASE_URL and VERCEL_TEAM when set), imports the tables into schema
# vercel, puts it on the search path and opens psql on standard input.
# Leaving psql stops the cluster and removes the directory; psql's exit
# status is this script's.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
pg_config=${PG_CONFIG:-pg_config}

if [ -z "${VERCEL_API_TOKEN:-}" ]; then
	echo "error: set VERCEL_API_TOKEN to your Vercel token (or run make emulator and export the lines it prints)" >&2
	exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/steampipe-postgres-shell.XXXXXX")
server_pid=
cleanup() {
	if [ -n "$server_pid" ]; then
		# SIGINT: fast shutdown, which ends every session.
		kill -INT "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# as_owner runs a command as the cluster's owner: the postgres user when
# this runs as root, else the current user. setpriv execs the command, so
# its pid is the server's.
as_owner=()
if [ "$(id -u)" = 0 ]; then
	as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
	chmod 0755 "$dir"
	if ! setpriv --reuid=postgres --regid=postgres --init-groups -- test -x "$dir"; then
		echo "error: the postgres user cannot reach $dir: set TMPDIR to a directory it can reach" >&2
		exit 1
	fi
fi

echo "building the extension into a private PostgreSQL in $dir ..." >&2
"$root/scripts/postgres-private-install.sh" "$dir"
bin=$dir/install$("$pg_config" --bindir)

mkdir -m 0700 "$dir/data" "$dir/tmp"
touch "$dir/server.log"
if [ ${#as_owner[@]} -gt 0 ]; then
	chown postgres: "$dir/data" "$dir/tmp" "$dir/server.log"
fi
if ! "${as_owner[@]}" env -i PATH=/usr/bin:/bin "$bin/initdb" -D "$dir/data" -U postgres \
	--auth=trust --no-locale -E UTF8 --no-sync >"$dir/initdb.log" 2>&1; then
	cat "$dir/initdb.log" >&2
	exit 1
fi

# port_taken PORT: whether something listens on 127.0.0.1:PORT.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# pick_port: a port nothing listens on now; another process may still take
# it before postgres binds it, so start_server tries again on a new one.
pick_port() {
	port=$((20000 + RANDOM % 40000))
	while port_taken "$port"; do
		port=$((20000 + RANDOM % 40000))
	done
}

# ready: whether the server accepts connections, waiting up to a minute.
ready() {
	local _
	for _ in $(seq 600); do
		psql "${psql_args[@]}" -Atc 'select 1' >/dev/null 2>&1 && return 0
		kill -0 "$server_pid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# start_server: postgres on a free port, in a clean environment (the token
# reaches the server only through the user mapping below) and in its own
# session (Ctrl-C in psql must not reach it).
start_server() {
	local attempt
	for attempt in 1 2 3 4 5; do
		pick_port
		: >"$dir/server.log"
		setsid "${as_owner[@]}" env -i PATH=/usr/bin:/bin TMPDIR="$dir/tmp" "$bin/postgres" -D "$dir/data" -p "$port" \
			-c listen_addresses=127.0.0.1 -c unix_socket_directories= -c timezone=UTC -c fsync=off \
			>>"$dir/server.log" 2>&1 &
		server_pid=$!
		psql_args=(-X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres)
		ready && return 0
		grep -q 'Address already in use' "$dir/server.log" || return 1
		wait "$server_pid" 2>/dev/null || true
	done
	return 1
}
if ! start_server; then
	echo "error: postgres did not start:" >&2
	cat "$dir/server.log" >&2
	exit 1
fi

# hcl_string and sql_string quote a value for HCL and for SQL.
hcl_string() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
sql_string() { printf "'%s'" "${1//\'/\'\'}"; }
config=
[ -z "${VERCEL_BASE_URL:-}" ] || config+="base_url = $(hcl_string "$VERCEL_BASE_URL")"$'\n'
[ -z "${VERCEL_TEAM:-}" ] || config+="team = $(hcl_string "$VERCEL_TEAM")"$'\n'

# On standard input, so that the token shows in no process list.
if ! psql "${psql_args[@]}" -v ON_ERROR_STOP=1 >/dev/null <<SQL; then
create extension steampipe_postgres_vercel;
create server vercel foreign data wrapper steampipe_postgres_vercel options (config $(sql_string "$config"));
create user mapping for current_user server vercel options (api_token $(sql_string "$VERCEL_API_TOKEN"));
create schema vercel;
import foreign schema vercel from server vercel into vercel;
alter database postgres set search_path = vercel, public;
SQL
	echo "error: setting up the server vercel failed (above)" >&2
	exit 1
fi

echo "PostgreSQL on 127.0.0.1:$port with the tables in schema vercel; leave psql (\\q) to remove it." >&2
# From here Ctrl-C belongs to psql, which cancels the running query.
trap - INT
status=0
psql -X -h 127.0.0.1 -p "$port" -U postgres -d postgres || status=$?
exit "$status"
