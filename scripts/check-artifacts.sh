#!/usr/bin/env bash
# Rebuilds every program into a temporary directory from scratch and compares it with the committed
# artefacts in ARTIFACTS. If the installed toolchain is not the recorded one, bytes cannot match:
# say so plainly and instead check that the fresh build deploys and passes the fixture tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
committed=$root/${1:?usage: check-artifacts.sh ARTIFACTS_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$root/scripts/build-programs.sh" "$tmp/out" "$tmp/target"

if ! diff -q "$committed/TOOLCHAIN" "$tmp/out/TOOLCHAIN" >/dev/null; then
  echo "check-artifacts: the installed toolchain differs from the one that built the committed artefacts:"
  diff "$committed/TOOLCHAIN" "$tmp/out/TOOLCHAIN" | sed 's/^/  /' || true
  echo "check-artifacts: byte comparison skipped; checking that the fresh build deploys and runs instead."
  IONET_PROGRAMS_DIR="$tmp/out" go test -count=1 ./programs/fixtures/
  exit 0
fi

status=0
for f in "$tmp"/out/*.so; do
  name=$(basename "$f")
  if [ ! -f "$committed/$name" ]; then
    echo "check-artifacts: $name is built but not committed: run make programs and commit"; status=1
  elif ! cmp -s "$f" "$committed/$name"; then
    echo "check-artifacts: $name differs from a fresh build: run make programs and commit"; status=1
  fi
done
for f in "$committed"/*.so; do
  [ -f "$tmp/out/$(basename "$f")" ] || { echo "check-artifacts: $(basename "$f") is committed but no crate builds it"; status=1; }
done
[ $status = 0 ] && echo "check-artifacts: $(ls "$tmp"/out/*.so | wc -l) artefacts match a fresh build"
exit $status
