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
