#!/usr/bin/env bash
# Prints the toolchain that builds the on-chain programs, one "package version" per line.
# The committed artefacts record this in localnet/programs/TOOLCHAIN.
set -euo pipefail
for p in rustc-web libstd-rust-web-dev-bpf llvm-22; do
  v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) || { echo "missing Debian package $p: run make deps" >&2; exit 1; }
  echo "$p $v"
done
