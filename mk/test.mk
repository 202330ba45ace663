# make test: every test. CI runs exactly this (see .ci/run and README).
# -vet=off: make vet runs every analyzer over the same packages and their tests in the same suite
# (go test's own subset is a repeat, cached when warm, ~50 package vets after a Go or SDK change).
GO_TEST_FLAGS ?= -count=1 -timeout 20m -vet=off
# Crates whose pure logic has host unit tests (cdylib fixtures only build for SBPF).
HOST_TEST_CRATES ?= ionet-sdk staking-state emission-interface staking emission jobs governance capacity capacity-state

.PHONY: test test-suite test-go test-rust vet lint-rust
# The suite runs with a TMPDIR of its own and fails listing anything left in it (scripts/test-tmpdir.sh).
# Its steps run TEST_JOBS at a time, each step's output printed whole when it ends: the Go tests
# (the longest step, started first) mostly wait on chains and processes, and the other steps fill
# the cores meanwhile (all but the localnet Node tests: test-node-after-go). TEST_JOBS=1 runs them
# one after another.
TEST_JOBS ?= 2
test:
	@scripts/test-tmpdir.sh $(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-suite

test-suite: test-go vet lint-rust check-generate test-rust check-artifacts
# Program builds from scratch (check-artifacts, `ionet verify --build` in cmd/ionet's tests) are
# cached by their inputs' hash (scripts/build-programs.sh): a second build of the same sources,
# linker and toolchain is a copy.
test-suite: export IONET_PROGRAMS_CACHE ?= $(CURDIR)/programs/target/build-cache
# Test chains start from the deployed genesis of the same programs, kept by the first start
# (localnet/server/genesiscache.mjs): about 600 loader transactions a start less. The deploy and
# `localnet up` tests still deploy over JSON-RPC through deploy's code.
test-suite: export IONET_LOCALNET_GENESIS_CACHE ?= $(CURDIR)/programs/target/genesis-cache

vet:
	$(GO) vet ./...

# The longest packages first (mostly waiting on their chains and real time): started last, as
# ./...'s order has them, they ran alone at the end. Packages run GO_TEST_PACKAGES at a time, more
# than the cores: most of their time is waiting (Go's default, GOMAXPROCS, left two cores half
# idle). No `make build` first: the tests build every command they run (and go vet checks them).
GO_TEST_FIRST ?= ./cmd/ionet/ ./cmd/ionet/portable/ ./client/jobs/ ./deploy/ ./worker/ ./keeper/ ./checker/ ./localnet/
GO_TEST_PACKAGES ?= 4
test-go:
	$(GO) test $(GO_TEST_FLAGS) -p $(GO_TEST_PACKAGES) $(GO_TEST_FIRST) ./...

test-rust:
	cd programs && $(CARGO) test --quiet $(addprefix -p ,$(HOST_TEST_CRATES))

# Debian's rustfmt (rustfmt-web) over every crate, default style; Debian's clippy (rust-web-clippy)
# over the host-testable crates, their tests included, every warning an error. No lint is allowed
# project-wide; `cargo fmt` in programs/ fixes what the first complains about.
lint-rust:
	cd programs && $(CARGO) fmt --all --check
	cd programs && $(CARGO) clippy --quiet --all-targets $(addprefix -p ,$(HOST_TEST_CRATES)) -- -D warnings

# The official Anchor TS client resolves our PDAs from the IDLs alone (programs-idl/resolve.test.mjs).
.PHONY: test-idl
test-suite: test-idl
test-idl:
	cd programs-idl && node --test

# The localnet server's own Node tests (the Go conformance suite drives it too).
.PHONY: test-node test-node-after-go
test-suite: test-node-after-go
# In make test it runs once the Go tests have ended, not beside them: its fuzz test holds the
# server to a second a reply, which two cores shared with the Go tests do not always give.
test-node-after-go: test-go
	@$(MAKE) --no-print-directory test-node
# npm test runs two test files at a time (package.json): node's default on 2 cores is one, and
# the step ran 15 s where two at a time take 9 s for the same CPU (fuzz replies stay under 0.1 s).
test-node:
	cd localnet && npm test --silent

# make build is quiet: a clean build of the cgo packages the commands link prints nothing
# (scripts/check-quiet-build.sh; make test remembers a pass by the hash of what compiles them).
.PHONY: check-quiet-build
test-suite: check-quiet-build
test-suite: export QUIET_BUILD_STAMPS ?= $(CURDIR)/programs/target/quiet-build
# make check-generate remembers a pass the same way (scripts/check-generate.sh).
test-suite: export GENERATE_STAMPS ?= $(CURDIR)/programs/target/check-generate
check-quiet-build:
	@GO=$(GO) scripts/check-quiet-build.sh
