#!/usr/bin/env bash
# Builds tools/devstack once per source version (cached) and prints the binary's path (last line).
exec bash "$(dirname "$0")/../go-build.sh" "$(dirname "$0")" devstack
