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
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	programs-idl/generate.sh "$$tmp" >/dev/null && \
	status=0 && \
	for dir in "$$tmp"/client/*/gen; do \
	  name=$$(basename "$$(dirname "$$dir")"); \
	  diff -r "$$dir" client/$$name/gen || { echo "check-generate: client/$$name/gen differs from programs-idl/$$name.json: run make generate" >&2; status=1; }; \
	done && \
	diff -r "$$tmp/programs-idl/golden" programs-idl/golden || { echo "check-generate: programs-idl/golden differs: run make generate" >&2; status=1; }; \
	exit $$status

# make deps also installs the IDL tooling (the Anchor TS coder for the golden bytes).
deps: deps-idl
