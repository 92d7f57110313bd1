#!/usr/bin/env bash
# Builds tools/devstack once per source version and prints the binary's absolute path (last line).
# The binary is cached under .bin/devstack-<hash of the Go sources>; a source change rebuilds it.
set -euo pipefail
cd "$(dirname "$0")"
GO="$(command -v go || true)"
[ -n "$GO" ] || GO=/usr/local/go/bin/go
[ -x "$GO" ] || { echo "devstack: Go not found (expected on PATH or at /usr/local/go/bin/go)" >&2; exit 1; }
hash="$(cat go.mod go.sum $(ls *.go | grep -v _test.go | sort) | sha256sum | cut -c1-16)"
binary="$PWD/.bin/devstack-$hash"
if [ ! -x "$binary" ]; then
  mkdir -p .bin
  echo "devstack: building $binary (first run takes a minute or two)" >&2
  GOFLAGS="-mod=mod" "$GO" build -trimpath -ldflags="-s -w" -o "$binary.tmp" .
  mv "$binary.tmp" "$binary"
  find .bin -name 'devstack-*' ! -name "devstack-$hash" -delete
fi
ln -sf "$(basename "$binary")" .bin/devstack
echo "$binary"
