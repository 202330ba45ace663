# make deps: install whatever is missing; safe to run again (each step checks first), and end with a
# check that every tool `make test`, `make demo` and `make programs` run is present.
# Debian's Rust toolchain comes as the -web packages (rustc-web, cargo-web, ...): only they ship the
# BPF core library (libstd-rust-web-dev-bpf) that our programs build against.
APT_PACKAGES := rustc-web cargo-web rustfmt-web rust-web-clippy libstd-rust-web-dev-bpf llvm-22 \
                nodejs npm ca-certificates chromium chromium-driver docker.io busybox-static curl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps deps-apt deps-node deps-go deps-check
deps: deps-apt deps-node deps-go
	@$(MAKE) --no-print-directory deps-check

deps-apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  command -v node >/dev/null && missing=$$(echo $$missing | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' '); \
	fi; \
	if [ -n "$$(echo $$missing)" ]; then \
	  echo "deps: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "deps: apt packages present"; fi

# npm ci only when node_modules is missing or older than the lockfile.
deps-node:
	@if [ ! -f localnet/node_modules/.package-lock.json ] || [ localnet/package-lock.json -nt localnet/node_modules/.package-lock.json ]; then \
	  echo "deps: npm ci in localnet/"; cd localnet && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "deps: localnet/node_modules up to date"; fi

deps-go:
	$(GO) mod download

# Every tool the other targets run, as "path-or-command Debian-package".
DEPS_TOOLS := $(RUSTC):rustc-web $(CARGO):cargo-web /usr/bin/rustfmt:rustfmt-web \
              /usr/bin/cargo-clippy:rust-web-clippy $(LLVM_BIN)/llc:llvm-22 $(LLVM_BIN)/llvm-link:llvm-22 \
              $(LLVM_BIN)/opt:llvm-22 node:nodejs npm:npm chromium:chromium chromedriver:chromium-driver \
              dockerd:docker.io /bin/busybox:busybox-static
deps-check:
	@status=0; for t in $(DEPS_TOOLS); do \
	  tool=$${t%%:*}; pkg=$${t#*:}; \
	  command -v "$$tool" >/dev/null 2>&1 || { echo "deps: missing $$tool (Debian package $$pkg): run make deps" >&2; status=1; }; \
	done; \
	[ -d /usr/lib/rustlib/bpfel-unknown-none/lib ] || \
	  { echo "deps: missing the BPF core library (Debian package libstd-rust-web-dev-bpf): run make deps" >&2; status=1; }; \
	command -v $(GO) >/dev/null 2>&1 || { echo "deps: missing go: install Go 1.26 into /usr/local/go and put /usr/local/go/bin on PATH" >&2; status=1; }; \
	[ $$status = 0 ] && echo "deps: every tool present"; exit $$status
