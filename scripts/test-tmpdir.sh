#!/usr/bin/env bash
# Runs a command (make test's suite) with TMPDIR set to a fresh empty directory, then fails, listing
# them, if anything was left in it: every test cleans up after itself on every path.
# Usage: test-tmpdir.sh COMMAND [ARGS...]
set -uo pipefail
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ionet-test.XXXXXX") || exit 1
TMPDIR=$tmp "$@"
status=$?
if [ -n "$(ls -A "$tmp")" ]; then
  echo "test-tmpdir: the tests left these in TMPDIR (a test must remove what it creates: t.TempDir, or a clean-up on every exit path):"
  (cd "$tmp" && find . -mindepth 1 -maxdepth 1 -exec du -sh {} + | sed 's|\./||; s/^/  /')
  [ $status = 0 ] && status=1
fi
rm -rf "$tmp"
exit $status
