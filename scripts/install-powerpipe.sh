#!/usr/bin/env bash
# Installs Powerpipe v1.5.2, which the mod's tests run (powerpipe/README.md),
# as $(go env GOPATH)/bin/powerpipe: outside the clone, so it is built once
# per machine. `go install …@v1.5.2` cannot be used: the module proxy refuses
# Powerpipe's version list. So the module is downloaded at that version and
# built in a writable copy of it, the way its own Makefile stamps a version.
# The first build takes several minutes.
set -euo pipefail

version=1.5.2
module=github.com/turbot/powerpipe
go=${GO:-go}

gopath=$("$go" env GOPATH)
bin="${gopath%%:*}/bin/powerpipe"

# installed_version prints the version a powerpipe binary reports, run with a
# throw-away home and install dir so that checking touches nothing of the user's.
installed_version() {
  local scratch out
  scratch=$(mktemp -d)
  out=$(HOME="$scratch" POWERPIPE_INSTALL_DIR="$scratch/.powerpipe" POWERPIPE_UPDATE_CHECK=false \
    POWERPIPE_TELEMETRY=none "$1" --version 2>/dev/null || true)
  rm -rf "$scratch"
  printf '%s\n' "$out" | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -n1
}

if [ -x "$bin" ] && [ "$(installed_version "$bin")" = "$version" ]; then
  exit 0
fi

echo "building Powerpipe v$version into $bin (once per machine; several minutes)" >&2
dir=$("$go" mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$dir" ] || [ ! -f "$dir/main.go" ]; then
  echo "error: go mod download $module@v$version gave no module directory; check GOPROXY and the network" >&2
  exit 1
fi

mkdir -p "$(dirname "$bin")"
work=$(mktemp -d)
partial="$bin.partial.$$"
trap 'rm -rf "$work" "$partial"' EXIT
# The module cache is read-only: build in a writable copy.
cp -R "$dir" "$work/src"
chmod -R u+w "$work/src"
(cd "$work/src" && "$go" build -buildvcs=false -ldflags "-X main.version=$version" -o "$partial" .)
# Renamed within its directory, so an interrupted build never leaves a
# half-written powerpipe behind.
mv -f "$partial" "$bin"

got=$(installed_version "$bin")
if [ "$got" != "$version" ]; then
  echo "error: the built $bin reports version '${got:-none}', want $version" >&2
  exit 1
fi
echo "installed Powerpipe v$version as $bin" >&2
