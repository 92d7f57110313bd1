#!/usr/bin/env bash
# Builds the Go command in <dir> once per source version and prints the binary's absolute path (last
# line). The binary is cached as <dir>/.bin/<name>-<hash of the Go sources>; a source change rebuilds it.
#   tools/go-build.sh tools/devstack devstack
set -euo pipefail
dir="$(cd "$1" && pwd)"
name="$2"
cd "$dir"
GO="$(command -v go || true)"
[ -n "$GO" ] || GO=/usr/local/go/bin/go
[ -x "$GO" ] || { echo "$name: Go not found (expected on PATH or at /usr/local/go/bin/go)" >&2; exit 1; }
hash="$(cat go.mod go.sum $(ls *.go | grep -v _test.go | sort) | sha256sum | cut -c1-16)"
binary="$dir/.bin/$name-$hash"
if [ ! -x "$binary" ]; then
  mkdir -p .bin
  echo "$name: building $binary (a first build takes a minute or two)" >&2
  # A private temporary name, then an atomic rename: concurrent builds (parallel test runs) never clash.
  GOFLAGS="-mod=mod" "$GO" build -trimpath -ldflags="-s -w" -o "$binary.tmp.$$" .
  mv -f "$binary.tmp.$$" "$binary"
  find .bin -name "$name-*" ! -name "$name-$hash" -delete
fi
ln -sf "$(basename "$binary")" ".bin/$name"
echo "$binary"
