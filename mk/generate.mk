# Go bindings and golden bytes from the IDLs in programs-idl/ (the source of truth for every
# program's interface): client/<name>/gen (anchor-go) and programs-idl/golden/<name>.json
# (the official Anchor TS coder). `make check-generate` fails when the committed files drift.
.PHONY: generate check-generate deps-idl

deps-idl:
	@if [ ! -f programs-idl/node_modules/.package-lock.json ] || [ programs-idl/package-lock.json -nt programs-idl/node_modules/.package-lock.json ]; then \
	  echo "deps: npm ci in programs-idl/"; cd programs-idl && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "deps: programs-idl/node_modules up to date"; fi

generate: deps-idl
	programs-idl/generate.sh

check-generate: deps-idl
	@scripts/check-generate.sh

# make deps also installs the IDL tooling (the Anchor TS coder for the golden bytes).
deps: deps-idl
