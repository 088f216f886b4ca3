#!/usr/bin/env bash
# Builds steampipe_postgres_vercel and installs it into a private copy of
# the machine's PostgreSQL under DIR, never into the machine's own:
#
#   scripts/postgres-private-install.sh DIR
#
# DIR/build holds the build; DIR/install mirrors the installation that
# pg_config (or $PG_CONFIG) describes: copies of initdb and postgres (which
# find their share and lib directories relative to themselves), links to
# every other share and lib file, and the extension's own files, installed
# by its install.sh through a pg_config that describes the copy. Run initdb
# and postgres from DIR/install$(pg_config --bindir). make postgres-shell
# and the engine's tests use it.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
dir=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
pg_config=${PG_CONFIG:-pg_config}
if ! version=$("$pg_config" --version); then
	echo "error: cannot run $pg_config: make deps installs postgresql-15 and postgresql-server-dev-15, or set PG_CONFIG" >&2
	exit 1
fi
bindir=$("$pg_config" --bindir)
sharedir=$("$pg_config" --sharedir)
libdir=$("$pg_config" --pkglibdir)

src=$root/engines/postgres/fdw
mkdir -p "$dir/build"
make -s -C "$dir/build" -f "$src/Makefile" VPATH="$src" PG_CONFIG="$pg_config" GO="${GO:-go}" with_llvm=no

inst=$dir/install
mkdir -p "$inst$bindir" "$inst$libdir" "$inst$sharedir/extension"
cp "$bindir/initdb" "$bindir/postgres" "$inst$bindir/"
# link_entries FROM TO [SKIP]: TO gets a link to each entry of FROM but SKIP.
link_entries() {
	local entry
	for entry in "$1"/*; do
		[ "$(basename "$entry")" = "${3:-}" ] || ln -s "$entry" "$2/"
	done
}
link_entries "$libdir" "$inst$libdir"
link_entries "$sharedir" "$inst$sharedir" extension
link_entries "$sharedir/extension" "$inst$sharedir/extension"

cat >"$dir/pg_config" <<EOF
#!/bin/sh
case "\$1" in
--version) echo '$version';;
--pkglibdir) echo '$inst$libdir';;
--sharedir) echo '$inst$sharedir';;
*) exit 1;;
esac
EOF
chmod 0755 "$dir/pg_config"
PG_CONFIG=$dir/pg_config "$dir/build/install.sh" >/dev/null
