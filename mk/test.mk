# make test: every test. CI runs exactly this (see .ci/run and README).
GO_TEST_FLAGS ?= -count=1 -timeout 20m
# Crates whose pure logic has host unit tests (cdylib fixtures only build for SBPF).
HOST_TEST_CRATES ?= ionet-sdk staking-state staking emission jobs governance capacity capacity-state

.PHONY: test test-suite test-go test-rust vet lint-rust
# The suite runs with a TMPDIR of its own and fails listing anything left in it (scripts/test-tmpdir.sh).
test:
	@scripts/test-tmpdir.sh $(MAKE) --no-print-directory test-suite

test-suite: vet lint-rust check-generate test-rust test-go check-artifacts

vet:
	$(GO) vet ./...

test-go: build
	$(GO) test $(GO_TEST_FLAGS) ./...

test-rust:
	cd programs && $(CARGO) test --quiet $(addprefix -p ,$(HOST_TEST_CRATES))

# Debian's rustfmt (rustfmt-web) over every crate, default style; Debian's clippy (rust-web-clippy)
# over the host-testable crates, their tests included, every warning an error. No lint is allowed
# project-wide; `cargo fmt` in programs/ fixes what the first complains about.
lint-rust:
	cd programs && $(CARGO) fmt --all --check
	cd programs && $(CARGO) clippy --quiet --all-targets $(addprefix -p ,$(HOST_TEST_CRATES)) -- -D warnings

# The localnet server's own Node tests (the Go conformance suite drives it too).
.PHONY: test-node
test-suite: test-node
test-node:
	cd localnet && npm test --silent

# make build is quiet: Go itself prints no warnings, so the cgo packages that the commands link,
# compiled afresh (an empty build cache), must print nothing at all.
.PHONY: check-quiet-build
test-suite: check-quiet-build
check-quiet-build:
	@cache=$$(mktemp -d) && trap 'rm -rf "$$cache"' EXIT && \
	pkgs=$$($(GO) list -deps -f '{{if .CgoFiles}}{{.ImportPath}}{{end}}' ./cmd/...) && \
	out=$$(GOCACHE=$$cache $(GO) build $$pkgs 2>&1); \
	if [ -n "$$out" ]; then printf '%s\n' "$$out" | head -20; \
	echo "check-quiet-build: a clean build of $$(echo $$pkgs) prints the compiler output above"; exit 1; fi
