#!/usr/bin/env bash
# make build is quiet: Go itself prints no warnings, so the cgo packages that the commands link,
# compiled afresh (an empty build cache), must print nothing at all. A pass is remembered under
# QUIET_BUILD_STAMPS (when set) by the hash of everything that compiles them: the Go version, the
# C compiler and its flags, and every file of each cgo package; any change checks afresh.
set -euo pipefail
go=${GO:-go}
pkgs=$("$go" list -deps -f '{{if .CgoFiles}}{{.ImportPath}}{{end}}' ./cmd/...)
stamp=
if [ -n "${QUIET_BUILD_STAMPS:-}" ]; then
  key=$({ "$go" version; "$go" env CC CGO_CFLAGS CGO_LDFLAGS GOFLAGS; $("$go" env CC) --version;
          "$go" list -deps -f '{{if .CgoFiles}}{{.Dir}}{{end}}' ./cmd/... | while read -r dir; do
            find "$dir" -maxdepth 1 -type f -print0 | sort -z | xargs -0 sha256sum; done; } | sha256sum | cut -c1-32)
  stamp=$QUIET_BUILD_STAMPS/$key
  [ -f "$stamp" ] && exit 0
fi
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
out=$(GOCACHE=$cache "$go" build $pkgs 2>&1) || true
if [ -n "$out" ]; then
  printf '%s\n' "$out" | head -20
  echo "check-quiet-build: a clean build of $(echo $pkgs) prints the compiler output above"
  exit 1
fi
if [ -n "$stamp" ]; then mkdir -p "$QUIET_BUILD_STAMPS" && touch "$stamp"; fi
