# make deps: install whatever is missing; safe to run again (each step checks first).
APT_PACKAGES := rustc-web libstd-rust-web-dev-bpf llvm-22 nodejs npm ca-certificates
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps deps-apt deps-node deps-go
deps: deps-apt deps-node deps-go

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
