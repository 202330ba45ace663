#!/usr/bin/env bash
# Builds every cdylib crate in programs/ for SBPF and writes OUTDIR/<crate>.so (v3) and
# OUTDIR/<crate>.v0.so (v0), plus OUTDIR/TOOLCHAIN. Usage: build-programs.sh OUTDIR [TARGET_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
target=${2:-$root/programs/target}
rustc=${RUSTC:-/usr/bin/rustc}
cargo=${CARGO:-/usr/bin/cargo}
linker=$root/bin/sbpf-link
[ -x "$linker" ] || { echo "build-programs: $linker missing: run make linker" >&2; exit 1; }

# With IONET_PROGRAMS_CACHE set (make test sets it), a build whose every input is unchanged is
# copied from the cache instead of run again: the key hashes this script, the linker binary, the
# toolchain's versions and every file in programs/ (target/ aside), so any change builds afresh.
cache=${IONET_PROGRAMS_CACHE:-}
if [ -n "$cache" ]; then
  key=$({ sha256sum < "$0"; sha256sum < "$linker"; "$root/scripts/toolchain.sh"; echo "$rustc $cargo";
          cd "$root" && find programs -path programs/target -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-32)
  if [ -f "$cache/$key/TOOLCHAIN" ]; then
    cp "$cache/$key"/* "$out/"
    exit 0
  fi
fi

export RUSTC=$rustc CARGO_TARGET_DIR=$target
export RUSTFLAGS="-C linker=$linker -C target-cpu=v2 -C link-arg=--emit-v0 --remap-path-prefix=$root=."
deps=$target/bpfel-unknown-none/release/deps
for manifest in "$root"/programs/*/Cargo.toml "$root"/programs/fixtures/*/Cargo.toml; do
  grep -q '"cdylib"' "$manifest" || continue
  name=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -1)
  # One crate per cargo run: a workspace build would unify features, and a program that another
  # depends on as a library (feature no-entrypoint) would lose its entrypoint.
  (cd "$root/programs" && "$cargo" build --quiet --release --target bpfel-unknown-none -p "$name")
  lib=lib${name//-/_}
  cp "$deps/$lib.so" "$out/$name.so"
  cp "$deps/$lib.v0.so" "$out/$name.v0.so"
done
"$root/scripts/toolchain.sh" > "$out/TOOLCHAIN"
if [ -n "$cache" ]; then
  mkdir -p "$cache" && stage=$(mktemp -d "$cache/.$key.XXXXXX") && cp "$out"/*.so "$out/TOOLCHAIN" "$stage/" &&
    { mv -T "$stage" "$cache/$key" 2>/dev/null || rm -rf "$stage"; }
  (cd "$cache" && ls -1t | tail -n +5 | xargs -r rm -rf) # the four newest builds are kept
fi
