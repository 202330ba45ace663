#!/usr/bin/env bash
# make check-generate: regenerates every IDL's client/<name>/gen and programs-idl/golden into a
# scratch directory and fails on any difference from the committed files. A pass is remembered
# under GENERATE_STAMPS (when set) by the hash of everything the check reads: the Go toolchain and
# anchor-go, go.mod and go.sum, the IDLs and the generators, and the committed outputs; any change
# checks afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=
if [ -n "${GENERATE_STAMPS:-}" ]; then
  key=$({ go version; go tool -n anchor-go; node --version;
          find go.mod go.sum programs-idl client/*/gen -path programs-idl/node_modules -prune -o -type f -print0 |
            sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-32)
  stamp=$GENERATE_STAMPS/$key
  [ -f "$stamp" ] && exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
programs-idl/generate.sh "$tmp" >/dev/null
status=0
for dir in "$tmp"/client/*/gen; do
  name=$(basename "$(dirname "$dir")")
  diff -r "$dir" "client/$name/gen" || { echo "check-generate: client/$name/gen differs from programs-idl/$name.json: run make generate" >&2; status=1; }
done
diff -r "$tmp/programs-idl/golden" programs-idl/golden || { echo "check-generate: programs-idl/golden differs: run make generate" >&2; status=1; }
if [ $status = 0 ] && [ -n "$stamp" ]; then mkdir -p "$GENERATE_STAMPS" && touch "$stamp"; fi
exit $status
